using Amazon.CDK;
using EcsConstructs.Rules;
using NginxWalkthrough;

var app = new App();
NginxWalkthroughApp.Build(app);
// The synth-time rules (docs/rules.md): errors fail `cdk synth`, warnings print.
EcsRules.Apply(app);
app.Synth();
