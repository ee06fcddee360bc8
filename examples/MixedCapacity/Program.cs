using Amazon.CDK;
using EcsConstructs.Rules;
using MixedCapacity;

var app = new App();
MixedCapacityApp.Build(app);
// The synth-time rules (docs/rules.md): errors fail `cdk synth`, warnings print.
EcsRules.Apply(app);
app.Synth();
