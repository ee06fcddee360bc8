using Amazon.CDK;
using BlueGreen;
using EcsConstructs.Rules;

var app = new App();
BlueGreenApp.Build(app);

// Synthesizes, then checks the templates with the rules (docs/rules.md): errors fail `cdk synth`, warnings print.
EcsRules.Synth(app);
