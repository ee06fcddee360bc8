namespace EcsConstructs.Rules;

/// <summary>
/// One entry of the synth-time rule catalog (<see cref="EcsRules.Catalog"/>): a stable id, a
/// severity, the deploy-failure classes it covers (numbers of <c>DEPLOY-FAILURES.md</c>), what it
/// catches, the message users would otherwise see at deploy time and how to fix it.
/// </summary>
public sealed class EcsRule
{
    internal EcsRule(string id, EcsRuleSeverity severity, int[] failureClasses, string title, string deployMessage, string fix)
    {
        Id = id;
        Severity = severity;
        FailureClasses = failureClasses;
        Title = title;
        DeployMessage = deployMessage;
        Fix = fix;
    }

    /// <summary>The stable id, e.g. <c>ECS001</c>; never reused for another check.</summary>
    public string Id { get; }

    /// <summary>Whether a finding fails synth (<see cref="EcsRuleSeverity.Error"/>) or warns.</summary>
    public EcsRuleSeverity Severity { get; }

    /// <summary>The numbers of the deploy-failure classes (<c>DEPLOY-FAILURES.md</c>) the rule covers.</summary>
    public IReadOnlyList<int> FailureClasses { get; }

    /// <summary>What the rule catches, as one sentence.</summary>
    public string Title { get; }

    /// <summary>What CloudFormation or ECS reports at deploy time or task start without the rule.</summary>
    public string DeployMessage { get; }

    /// <summary>How to fix a finding, as one sentence.</summary>
    public string Fix { get; }
}
