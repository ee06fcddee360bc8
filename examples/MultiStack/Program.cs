using Amazon.CDK;
using EcsConstructs.Rules;
using MultiStack;

// The rules (docs/rules.md) check the synthesized templates: errors fail `cdk synth`, warnings print.
var app = new App(EcsRules.AppProps());
MultiStackApp.Build(app);
app.Synth();
