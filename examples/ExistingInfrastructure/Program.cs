using Amazon.CDK;
using EcsConstructs.Rules;
using ExistingInfrastructure;

// The rules (docs/rules.md) check the synthesized templates: errors fail `cdk synth`, warnings print.
var app = new App(EcsRules.AppProps());
ExistingInfrastructureApp.Build(app);
app.Synth();
