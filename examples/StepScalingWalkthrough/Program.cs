using Amazon.CDK;
using EcsConstructs.Rules;
using StepScalingWalkthrough;

var app = new App();
StepScalingWalkthroughApp.Build(app);
// The synth-time rules (docs/rules.md): errors fail `cdk synth`, warnings print.
EcsRules.Apply(app);
app.Synth();
