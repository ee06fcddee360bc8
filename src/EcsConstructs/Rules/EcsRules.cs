using Amazon.CDK;
using Constructs;

namespace EcsConstructs.Rules;

/// <summary>
/// The library's checks for the ECS failures that otherwise surface only at <c>cdk deploy</c> or
/// when tasks start (<c>docs/rules.md</c>). Constructors check their props when created (they
/// throw <see cref="Validation.EcsValidationException"/>); the rule engine
/// (<see cref="RuleEngine"/>) checks the synthesized CloudFormation templates, which an app opts
/// into with one line: <c>var app = new App(EcsRules.AppProps());</c>.
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
    /// App props that run the rules at <c>cdk synth</c>: <c>var app = new App(EcsRules.AppProps());</c>.
    /// After CDK writes the templates, the rule engine checks every stack of the app; warnings print
    /// with their id, and errors print a report and make the app exit with code 1, so that
    /// <c>cdk synth</c> fails.
    /// </summary>
    /// <param name="props">Props to add the rules to (their other settings are kept); default: new props.</param>
    /// <returns><paramref name="props"/> (or new props) with <see cref="Plugin"/> added to <see cref="Amazon.CDK.AppProps.PolicyValidationBeta1"/>.</returns>
    public static AppProps AppProps(AppProps? props = null)
    {
        props ??= new AppProps();
        props.PolicyValidationBeta1 = [.. props.PolicyValidationBeta1 ?? [], Plugin()];
        return props;
    }

    /// <summary>
    /// The rules as a CDK policy validation plugin, for an app that builds its
    /// <see cref="Amazon.CDK.AppProps"/> itself (<see cref="AppProps"/> adds it for you). CDK calls it
    /// once per synthesis with the paths of every template.
    /// </summary>
    /// <returns>A new plugin.</returns>
    public static IPolicyValidationPluginBeta1 Plugin() => new EcsRulesPlugin();

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
