using Amazon.CDK;

// One stack with one resource: what `cdk synth` costs a C# CDK app before any construct of ours.
var app = new App();
var stack = new Stack(app, "Empty");
_ = new CfnWaitConditionHandle(stack, "Nothing");
app.Synth();
