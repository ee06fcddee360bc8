using EcsConstructs.Clusters;

namespace EcsConstructs.Services;

/// <summary>
/// Settings of the services that keep a number of tasks running (ECS's <c>REPLICA</c> scheduling): the
/// load-balanced services and the workers. How many tasks, how far a deployment may go above that
/// number, and on which capacity. A daemon (<see cref="Ec2DaemonService"/>) has none of these: it runs
/// one task on every instance of the cluster.
/// </summary>
public abstract class ReplicaServiceProps : ServiceProps
{
    /// <summary>
    /// Number of tasks to keep running. Allowed: 0 to 5000. When a <c>ServiceScaling</c> manages the
    /// count, the template leaves <c>DesiredCount</c> out. Default: 2.
    /// </summary>
    public int DesiredCount { get; init; } = 2;

    /// <summary>
    /// Upper bound of running tasks during a deployment, in percent of the desired count. Allowed: 100 to
    /// 200, and enough above <see cref="ServiceProps.MinHealthyPercent"/> that ECS can start or stop at least one task. Default: 200.
    /// </summary>
    public int MaxHealthyPercent { get; init; } = 200;

    /// <summary>
    /// The capacity provider strategy of the service. EC2 services: EC2 capacity ids of the cluster (or
    /// provider names of an imported cluster); Fargate services: <c>FARGATE</c> and/or <c>FARGATE_SPOT</c>.
    /// Default: EC2 — none, the cluster's default strategy applies (no <c>LaunchType</c> is written);
    /// Fargate — none when the cluster is an <see cref="EcsCluster"/> whose default strategy is Fargate,
    /// otherwise an explicit <c>FARGATE</c> strategy (never <c>LaunchType</c>).
    /// </summary>
    public IReadOnlyList<CapacityProviderShare>? CapacityProviderStrategy { get; init; }
}
