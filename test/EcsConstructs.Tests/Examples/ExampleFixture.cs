using Amazon.CDK;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Rules;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Examples;

/// <summary>
/// An example's stack, built as its <c>Program.cs</c> builds it in an app made the way the Testing
/// README shows (<c>CdkJson.NewApp()</c>: the context <c>cdk synth</c> gives the app of the
/// repository's <c>cdk.json</c>) and synthesized once: the snapshot, template and rule tests all read
/// that one synthesis, and the rule engine checks it as <c>EcsRules.AppProps()</c> does at
/// <c>cdk synth</c>. <c>CdkSynthParityTests</c> checks that <c>cdk synth</c> writes the same templates.
/// </summary>
public abstract class ExampleFixture
{
    private protected ExampleFixture(Func<App, Stack> build)
    {
        Stack = build(CdkJson.NewApp());
        Template = Synthesized.Of(Stack);
        Findings = RuleFindings.Of(Stack);
    }

    internal Stack Stack { get; }

    internal Synthesized Template { get; }

    /// <summary>The annotations of the synthesis, the rules' findings among them.</summary>
    internal RuleFindings Findings { get; }
}
