using Amazon.CDK;
using EcsConstructs.Rules;
using StepScalingWalkthrough;

// The rules (docs/rules.md) check the synthesized templates: errors fail `cdk synth`, warnings print.
var app = new App(EcsRules.AppProps());
StepScalingWalkthroughApp.Build(app);
app.Synth();
