using Amazon.CDK;
using EcsConstructs.Rules;
using FargateWorker;

// The rules (docs/rules.md) check the synthesized templates: errors fail `cdk synth`, warnings print.
var app = new App(EcsRules.AppProps());
FargateWorkerApp.Build(app);
app.Synth();
