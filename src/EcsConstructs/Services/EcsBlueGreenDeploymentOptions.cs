using Amazon.CDK;

namespace EcsConstructs.Services;

/// <summary>
/// ECS's native blue/green deployments (deployment controller <c>ECS</c>): a new revision starts in an alternate
/// target group, ECS shifts the production listener rule's weights from the primary group to the alternate one
/// as <see cref="TrafficShift"/> says (at once, in linear steps or after a canary), keeps both revisions for
/// <see cref="BakeTime"/>, then stops the old tasks. The deployment circuit breaker and deployment alarms still
/// roll a failed deployment back. The service creates the alternate target group, a production listener rule
/// (priority 1, path <c>/*</c>) that forwards to both groups (weights 100 and 0; the listener's default action
/// answers 404), optionally a test listener and rule, and the role ECS uses to change the rules. A new task
/// definition ships with <c>cdk deploy</c>. The result is an <see cref="EcsBlueGreenDeployment"/>.
/// </summary>
public sealed class EcsBlueGreenDeploymentOptions : BlueGreenDeploymentOptions
{
    internal static readonly Duration DefaultBakeTime = Duration.Minutes(10);

    /// <summary>
    /// How long both revisions keep running after all production traffic moved to the new one; until it ends, a
    /// deployment alarm or a rollback returns traffic to the old tasks at once. Allowed: 0 to 1440 minutes, whole
    /// minutes; with a linear or canary shift, the whole deployment (this, plus the bake times of the shift's
    /// steps) at most 33 hours, which CloudFormation enforces. Default: 10 minutes.
    /// </summary>
    public Duration BakeTime { get; init; } = DefaultBakeTime;

    /// <summary>The bake time; a null from code without nullable checks means the default, like the other unset props.</summary>
    internal Duration BakeTimeOrDefault => BakeTime ?? DefaultBakeTime;

    /// <summary>
    /// How production traffic moves to the new revision: <see cref="AllAtOnceTrafficShift"/> (<c>Strategy</c>
    /// <c>BLUE_GREEN</c>), <see cref="LinearTrafficShift"/> (<c>LINEAR</c>, steps of
    /// <see cref="LinearTrafficShift.StepPercent"/> with a bake time after each) or <see cref="CanaryTrafficShift"/>
    /// (<c>CANARY</c>, <see cref="CanaryTrafficShift.CanaryPercent"/> first, the rest after its bake time).
    /// Default: <see cref="AllAtOnceTrafficShift"/>.
    /// </summary>
    public TrafficShift TrafficShift { get; init; } = new AllAtOnceTrafficShift();
}
