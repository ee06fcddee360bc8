using Amazon.CDK;
using EcsConstructs.Rules;
using ExistingInfrastructure;

var app = new App();
ExistingInfrastructureApp.Build(app);

// Synthesizes, then checks the templates with the rules (docs/rules.md): errors fail `cdk synth`, warnings print.
EcsRules.Synth(app);
