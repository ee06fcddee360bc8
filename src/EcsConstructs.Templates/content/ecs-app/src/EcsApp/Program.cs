using Amazon.CDK;
using EcsApp;
using EcsConstructs.Rules;

var app = new App();
EcsAppStack.Build(app);

// Synthesizes, then checks the templates with the EcsConstructs rules: errors fail `cdk synth`, warnings print.
EcsRules.Synth(app);
