using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using EcsConstructs.Clusters;

namespace EcsConstructs.Services;

/// <summary>Props of <see cref="LoadBalancedEc2Service"/>.</summary>
public sealed class LoadBalancedEc2ServiceProps
{
    /// <summary>The cluster to run in; its EC2 capacity must be in the load balancer's VPC.</summary>
    public required ICluster Cluster { get; init; }

    /// <summary>The container image (e.g. <c>ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27")</c>).</summary>
    public required ContainerImage Image { get; init; }

    /// <summary>The container's name in the task definition. Default: "app".</summary>
    public string ContainerName { get; init; } = "app";

    /// <summary>The port the container listens on. Allowed: 1 to 65535. Default: 80.</summary>
    public int ContainerPort { get; init; } = 80;

    /// <summary>CPU units reserved for the container (1024 = one vCPU). Allowed: 0 to 10240 (0 = no reservation). Default: 256.</summary>
    public int Cpu { get; init; } = 256;

    /// <summary>
    /// Hard memory limit of the container in MiB: the container is killed above it. Allowed: 6
    /// or more. Default: 512.
    /// </summary>
    public int? MemoryLimitMiB { get; init; } = 512;

    /// <summary>Soft memory reservation in MiB used for placement; must not exceed <see cref="MemoryLimitMiB"/>. Default: none.</summary>
    public int? MemoryReservationMiB { get; init; }

    /// <summary>Plain environment variables of the container (never secrets). Default: none.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Number of tasks to keep running. Allowed: 0 to 5000. Default: 2.</summary>
    public int DesiredCount { get; init; } = 2;

    /// <summary>Whether the load balancer is internet-facing (in public subnets) or internal. Default: true.</summary>
    public bool PublicLoadBalancer { get; init; } = true;

    /// <summary>The HTTP listener port of the load balancer. Allowed: 1 to 65535. Default: 80.</summary>
    public int ListenerPort { get; init; } = 80;

    /// <summary>The target group's health check. Default: <see cref="HealthCheckSettings"/> defaults ("/" every 30 s, 200-399).</summary>
    public HealthCheckSettings HealthCheck { get; init; } = new();

    /// <summary>
    /// How long the load balancer lets in-flight requests of a deregistering task finish.
    /// Allowed: 0 to 3600 seconds. Default: 30 seconds (the AWS default of 300 s makes every
    /// deployment wait five minutes per batch of tasks).
    /// </summary>
    public Duration DeregistrationDelay { get; init; } = Duration.Seconds(30);

    /// <summary>Lower bound of running tasks during a deployment, in percent of the desired count. Allowed: 0 to 100. Default: 100.</summary>
    public int MinHealthyPercent { get; init; } = 100;

    /// <summary>Upper bound of running tasks during a deployment, in percent of the desired count. Allowed: 100 to 200. Default: 200.</summary>
    public int MaxHealthyPercent { get; init; } = 200;

    /// <summary>Whether a failing deployment is stopped and rolled back by the deployment circuit breaker. Default: true.</summary>
    public bool CircuitBreakerRollback { get; init; } = true;

    /// <summary>
    /// How long ECS ignores failing load balancer health checks of a new task. Allowed: 0 to
    /// 2147483647 seconds. Default: 60 seconds.
    /// </summary>
    public Duration HealthCheckGracePeriod { get; init; } = Duration.Seconds(60);

    /// <summary>
    /// The capacity provider strategy of the service. Default: none, so the cluster's default
    /// strategy applies (and no <c>LaunchType</c> is written).
    /// </summary>
    public IReadOnlyList<CapacityProviderShare>? CapacityProviderStrategy { get; init; }

    /// <summary>
    /// Placement strategies, applied in order (at most 5). Default: spread across Availability
    /// Zones, then across instances.
    /// </summary>
    public IReadOnlyList<PlacementStrategy>? PlacementStrategies { get; init; }

    /// <summary>
    /// S3 bucket that receives the load balancer's access logs (it must use SSE-S3 encryption;
    /// the bucket policy for the region's load-balancing account is added). The stack's region
    /// must be known. Default: no access logs.
    /// </summary>
    public IBucket? AccessLogsBucket { get; init; }

    /// <summary>Key prefix of the access logs in <see cref="AccessLogsBucket"/>. Default: the construct path's unique name.</summary>
    public string? AccessLogsPrefix { get; init; }

    /// <summary>Retention of the service's log group (which is kept when the stack is deleted). Default: one month.</summary>
    public RetentionDays LogRetention { get; init; } = RetentionDays.ONE_MONTH;
}
