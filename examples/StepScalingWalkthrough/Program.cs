using Amazon.CDK;
using StepScalingWalkthrough;

var app = new App();
StepScalingWalkthroughApp.Build(app);
app.Synth();
