using Amazon.CDK;
using Amazon.CDK.CXAPI;
using Constructs;
using EcsConstructs.Rules.Templates;

namespace EcsConstructs.Rules;

/// <summary>
/// The library's checks for the ECS failures that otherwise surface only at <c>cdk deploy</c> or
/// when tasks start (<c>docs/rules.md</c>). Constructors check their props when created (they
/// throw <see cref="Validation.EcsValidationException"/>); the rule engine
/// (<see cref="RuleEngine"/>) checks the synthesized CloudFormation templates, which an app opts
/// into with one line: <c>EcsRules.Synth(app);</c> in place of <c>app.Synth();</c>.
/// </summary>
/// <remarks>
/// The template rules read what CloudFormation receives: the library's constructs, raw CDK,
/// property overrides, <c>CfnInclude</c>d templates and every stack of the app together (nested
/// stacks and the stacks of stages included). The same engine runs in the <c>ecs-rules</c> tool
/// and in tests.
/// </remarks>
public static class EcsRules
{
    /// <summary>The rule catalog, ordered by id: every check of the library, at construction and at synthesis (<see cref="RuleCatalog.Rules"/>).</summary>
    public static IReadOnlyList<EcsRule> Catalog => RuleCatalog.Rules;

    /// <summary>
    /// Synthesizes the app and checks every stack of its cloud assembly with the rule engine (nested
    /// stacks and the stacks of stages included): the one line that opts an app into the rules,
    /// in place of <c>app.Synth()</c> at the end of <c>Program.cs</c>. Errors and warnings print to
    /// standard error with their id (a clean check prints nothing); errors set the process exit code
    /// to 1, so that <c>cdk synth</c> fails.
    /// </summary>
    /// <param name="app">The app to synthesize.</param>
    /// <returns>The cloud assembly, as <c>app.Synth()</c> returns it.</returns>
    public static CloudAssembly Synth(App app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // app.Synth() runs in Node.js; meanwhile .NET loads and compiles the engine on another thread.
        var warmUp = RuleEngine.WarmUp();
        var assembly = app.Synth();
        warmUp.Wait();
        return Check(assembly);
    }

    /// <summary>Checks a synthesized cloud assembly, prints the findings and sets the exit code (the second half of <see cref="Synth"/>).</summary>
    internal static CloudAssembly Check(CloudAssembly assembly)
    {
        RuleReport report;
        try
        {
            report = RuleEngine.Check(TemplateSet.FromCloudAssembly(assembly.Directory));
        }
        catch (TemplateLoadException e)
        {
            Console.Error.WriteLine($"ecs-rules: the synthesized templates could not be read: {e.Message}");
            System.Environment.ExitCode = 1;
            return assembly;
        }

        if (report.Errors.Any() || report.Warnings.Any())
        {
            Console.Error.Write(report.ToText());
        }

        if (report.HasErrors)
        {
            System.Environment.ExitCode = 1;
        }

        return assembly;
    }

    /// <summary>
    /// Acknowledges warning <paramref name="ruleId"/> for <paramref name="scope"/> and everything
    /// under it: its findings are reported as acknowledged, with the reason, instead of as warnings.
    /// The acknowledgement is written into the template, so every run point (<c>cdk synth</c>,
    /// <c>ecs-rules check</c>, tests) sees it: on a stack, into the template's <c>Metadata</c>
    /// (covering its nested stacks); on any other construct, into the <c>Metadata</c> of every
    /// CloudFormation resource under it at synthesis
    /// (<c>{"ecs-rules": {"acknowledge": [{"id": …, "reason": …}]}}</c>). On an app or stage, every
    /// stack that exists when it is called. Errors and rules checked at construction only cannot be
    /// acknowledged.
    /// </summary>
    /// <param name="scope">The construct, stack, stage or app the acknowledgement applies to, with its subtree.</param>
    /// <param name="ruleId">A warning rule id checked at synthesis, e.g. <c>ECS046</c>.</param>
    /// <param name="reason">Why the warning does not apply here (at least 10 characters).</param>
    /// <exception cref="ArgumentException">The id is unknown, names a rule checked at construction only or an error rule, or the reason is too short.</exception>
    public static void Acknowledge(IConstruct scope, string ruleId, string reason)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (Acknowledgement.Refusal(ruleId, reason) is { } refusal)
        {
            throw new ArgumentException(refusal, nameof(ruleId));
        }

        AcknowledgementWriter.Add(scope, ruleId, reason.Trim());
    }
}
