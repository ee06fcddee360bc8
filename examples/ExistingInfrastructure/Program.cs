using Amazon.CDK;
using EcsConstructs.Rules;
using ExistingInfrastructure;

var app = new App();
ExistingInfrastructureApp.Build(app);
// The synth-time rules (docs/rules.md): errors fail `cdk synth`, warnings print. On imported resources
// they report what they cannot check as info notes, never as findings.
EcsRules.Apply(app);
app.Synth();
