using Amazon.CDK;

// Placeholder entry point; replaced by the walkthrough stack.
var app = new App();
_ = new Stack(app, "NginxWalkthrough");
app.Synth();
