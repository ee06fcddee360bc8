using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;

namespace EcsConstructs.Scaling;

/// <summary>Props of <see cref="ServiceScaling"/>.</summary>
public sealed class ServiceScalingProps
{
    /// <summary>
    /// The ECS service whose desired count is scaled (e.g. <c>LoadBalancedEc2Service.Service</c>).
    /// Its <c>DesiredCount</c> is removed from the template.
    /// </summary>
    public required BaseService Service { get; init; }

    /// <summary>The lowest task count auto scaling keeps. Allowed: 0 to 5000 (ECS's tasks-per-service quota).</summary>
    public required int MinCapacity { get; init; }

    /// <summary>The highest task count auto scaling sets. Allowed: MinCapacity to 5000.</summary>
    public required int MaxCapacity { get; init; }

    /// <summary>
    /// The target group the service is registered in (e.g. <c>web.LoadBalancing.TargetGroup</c>), used by
    /// request-count tracking, which needs an ALB target group. Default: none (request-count tracking
    /// then needs its own target group or full names).
    /// </summary>
    public ITargetGroup? TargetGroup { get; init; }

    /// <summary>Target tracking on average CPU utilization. Default: none.</summary>
    public UtilizationTrackingOptions? CpuTracking { get; init; }

    /// <summary>Target tracking on average memory utilization. Default: none.</summary>
    public UtilizationTrackingOptions? MemoryTracking { get; init; }

    /// <summary>Target tracking on ALB requests per target. Default: none.</summary>
    public RequestCountTrackingOptions? RequestCountTracking { get; init; }

    /// <summary>Target tracking on custom metrics or metric math expressions. Default: none.</summary>
    public IReadOnlyList<MetricTrackingOptions> MetricTracking { get; init; } = [];

    /// <summary>Step scaling policies, each fired by its own alarm. Default: none.</summary>
    public IReadOnlyList<StepScalingPolicyOptions> StepScaling { get; init; } = [];

    /// <summary>Scheduled changes of the minimum and maximum task count. Default: none.</summary>
    public IReadOnlyList<ScheduledScalingOptions> Schedules { get; init; } = [];
}
