using Amazon.CDK;
using BlueGreen;
using EcsConstructs.Rules;
using EcsConstructs.Startup;

// Loads the CDK's .NET type metadata while Node.js starts (a shorter start-up; docs/synthesis-speed.md).
CdkStartup.WarmUp();
var app = new App();
BlueGreenApp.Build(app);

// Synthesizes, then checks the templates with the rules (docs/rules.md): errors fail `cdk synth`, warnings print.
EcsRules.Synth(app);
