namespace EcsConstructs.Rules;

/// <summary>
/// One entry of the rule catalog (<see cref="RuleCatalog.Rules"/>), the one list of every check of
/// EcsConstructs: a stable id, a severity, where it is checked (<see cref="CheckedAt"/>), the
/// deploy-failure classes it covers (numbered in <c>docs/failure-classes.md</c>), what it catches, the
/// message users would otherwise see at deploy time and how to fix it.
/// </summary>
public sealed class EcsRule
{
    internal EcsRule(string id, EcsRuleSeverity severity, EcsRuleCheckPoint checkedAt, int[] failureClasses, string title, string deployMessage, string fix)
    {
        Id = id;
        Severity = severity;
        CheckedAt = checkedAt;
        FailureClasses = failureClasses;
        Title = title;
        DeployMessage = deployMessage;
        Fix = fix;
    }

    /// <summary>The stable id, e.g. <c>ECS001</c>; never reused for another check.</summary>
    public string Id { get; }

    /// <summary>
    /// Whether a synthesis finding fails synth (<see cref="EcsRuleSeverity.Error"/>) or warns. A
    /// construction check always throws, whatever the severity; rules checked at construction only
    /// are errors.
    /// </summary>
    public EcsRuleSeverity Severity { get; }

    /// <summary>
    /// Where the rule is checked: <see cref="EcsRuleCheckPoint.Construction"/> (the constructor
    /// throws <c>EcsValidationException</c>), <see cref="EcsRuleCheckPoint.Synthesis"/>
    /// (<see cref="RuleEngine"/> reports a finding on the templates) or both. Every rule has at least one.
    /// </summary>
    public EcsRuleCheckPoint CheckedAt { get; }

    /// <summary>
    /// The numbers of the deploy-failure classes (<c>docs/failure-classes.md</c>) the rule covers; empty
    /// for a pure input check that matches no class.
    /// </summary>
    public IReadOnlyList<int> FailureClasses { get; }

    /// <summary>What the rule catches, as one sentence.</summary>
    public string Title { get; }

    /// <summary>
    /// What CloudFormation or ECS reports at deploy time or task start without the rule (for a few
    /// construction rules, the raw error CDK raises at synth), or <c>none: …</c> when the input
    /// would deploy but misbehave. "(paraphrase)" marks a text that is not verbatim.
    /// </summary>
    public string DeployMessage { get; }

    /// <summary>How to fix a finding, as one sentence.</summary>
    public string Fix { get; }
}
