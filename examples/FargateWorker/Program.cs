using Amazon.CDK;
using EcsConstructs.Rules;
using FargateWorker;

var app = new App();
FargateWorkerApp.Build(app);
// The synth-time rules (docs/rules.md): errors fail `cdk synth`, warnings print.
EcsRules.Apply(app);
app.Synth();
