using Amazon.CDK;
using EcsConstructs.Startup;

// One stack with one resource: what `cdk synth` costs a C# CDK app before any construct of ours.
// EMPTY_APP_WARM_UP=1 adds the start-up warm-up the examples use (CdkStartup.WarmUp), so that the
// benchmark can show both floors: any C# CDK app's, and one set up like the examples.
if (System.Environment.GetEnvironmentVariable("EMPTY_APP_WARM_UP") == "1")
{
    CdkStartup.WarmUp();
}

var app = new App();
var stack = new Stack(app, "Empty");
_ = new CfnWaitConditionHandle(stack, "Nothing");
app.Synth();
