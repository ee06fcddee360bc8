using Amazon.CDK;
using EcsConstructs.Rules;
using NginxWalkthrough;

// The rules (docs/rules.md) check the synthesized templates: errors fail `cdk synth`, warnings print.
var app = new App(EcsRules.AppProps());
NginxWalkthroughApp.Build(app);
app.Synth();
