using Amazon.CDK;
using NginxWalkthrough;

var app = new App();
NginxWalkthroughApp.Build(app);
app.Synth();
