using Amazon.CDK;
using EcsConstructs.Rules;
using MixedCapacity;

// The rules (docs/rules.md) check the synthesized templates: errors fail `cdk synth`, warnings print.
var app = new App(EcsRules.AppProps());
MixedCapacityApp.Build(app);
app.Synth();
