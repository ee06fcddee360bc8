using Amazon.CDK;
using EcsConstructs.Rules;
using MultiStack;

var app = new App();
MultiStackApp.Build(app);
// The synth-time rules (docs/rules.md): errors fail `cdk synth`, warnings print.
EcsRules.Apply(app);
app.Synth();
