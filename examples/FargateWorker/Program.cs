using Amazon.CDK;
using EcsConstructs.Rules;
using FargateWorker;

var app = new App();
FargateWorkerApp.Build(app);

// Synthesizes, then checks the templates with the rules (docs/rules.md): errors fail `cdk synth`, warnings print.
EcsRules.Synth(app);
