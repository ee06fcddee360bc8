namespace EcsConstructs.Rules;

/// <summary>The severity of one finding.</summary>
public enum FindingSeverity
{
    /// <summary>The rule is an error: the deployment would fail. Fails <c>cdk synth</c> and <c>ecs-rules check</c>.</summary>
    Error,

    /// <summary>The rule is a warning: likely wrong, printed with the rule id unless acknowledged.</summary>
    Warning,

    /// <summary>
    /// A note, not a finding: the rule could not judge a resource (e.g. an instance type it does not
    /// know). Not printed by default (<c>--verbose</c> shows notes).
    /// </summary>
    Info,
}
