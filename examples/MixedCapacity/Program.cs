using Amazon.CDK;
using EcsConstructs.Rules;
using MixedCapacity;

var app = new App();
MixedCapacityApp.Build(app);

// Synthesizes, then checks the templates with the rules (docs/rules.md): errors fail `cdk synth`, warnings print.
EcsRules.Synth(app);
