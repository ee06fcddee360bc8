using Amazon.CDK;
using MixedCapacity;

var app = new App();
MixedCapacityApp.Build(app);
app.Synth();
