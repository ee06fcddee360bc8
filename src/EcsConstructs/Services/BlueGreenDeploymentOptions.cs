using Amazon.CDK;

namespace EcsConstructs.Services;

/// <summary>
/// ECS's native blue/green deployments for a service behind an Application Load Balancer it creates
/// (<see cref="ApplicationLoadBalancerOptions"/>): a new revision starts in an alternate target group,
/// ECS shifts the production listener rule's weights from the primary group to the alternate one at
/// once, keeps both revisions for <see cref="BakeTime"/>, then stops the old tasks. The deployment
/// circuit breaker and deployment alarms still roll a failed deployment back. The service creates the
/// alternate target group (the primary's settings), a production listener rule (priority 1, path
/// <c>/*</c>) that forwards to both groups (weights 100 and 0; the listener's default action answers
/// 404), optionally a test listener and rule, and the role ECS uses to change the rules. The result is
/// <see cref="ApplicationLoadBalancing.BlueGreenDeployment"/>.
/// </summary>
public sealed class BlueGreenDeploymentOptions
{
    internal static readonly Duration DefaultBakeTime = Duration.Minutes(10);

    /// <summary>
    /// How long both revisions keep running after production traffic moved to the new one; until it
    /// ends, a deployment alarm or a rollback returns traffic to the old tasks at once. Allowed: 0 to
    /// 1440 minutes, whole minutes. Default: 10 minutes.
    /// </summary>
    public Duration BakeTime { get; init; } = DefaultBakeTime;

    /// <summary>
    /// Port of a test listener on the same load balancer (same protocol and certificate as the production
    /// listener, open to the same <see cref="NewLoadBalancerOptions.IngressCidrs"/>), whose rule lets ECS
    /// route test traffic to the new revision before production traffic shifts. Allowed: 1 to 65535, not
    /// the production listener's port nor the redirect listener's port 80. Default: none (no test listener).
    /// </summary>
    public int? TestListenerPort { get; init; }
}
