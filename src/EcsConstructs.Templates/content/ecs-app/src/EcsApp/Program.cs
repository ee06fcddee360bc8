using Amazon.CDK;
using EcsApp;
using EcsConstructs.Rules;
using EcsConstructs.Startup;

// Loads the CDK's .NET type metadata while Node.js starts: a shorter `cdk synth`.
CdkStartup.WarmUp();
var app = new App();
EcsAppStack.Build(app);

// Synthesizes, then checks the templates with the EcsConstructs rules: errors fail `cdk synth`, warnings print.
EcsRules.Synth(app);
