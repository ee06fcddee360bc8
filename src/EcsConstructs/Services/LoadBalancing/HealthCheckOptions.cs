using Amazon.CDK;

namespace EcsConstructs.Services;

/// <summary>
/// The load balancer's health check of a service's targets.
/// </summary>
public sealed class HealthCheckOptions
{
    private static readonly Duration DefaultInterval = Duration.Seconds(30);
    private static readonly Duration DefaultTimeout = Duration.Seconds(5);

    /// <summary>The HTTP path probed. Must start with '/'. Default: "/".</summary>
    public string Path { get; init; } = "/";

    /// <summary>The port probed. Allowed: 1 to 65535. Default: the traffic port (the port each target was registered with).</summary>
    public int? Port { get; init; }

    /// <summary>Time between probes. Allowed: 5 to 300 seconds. Default: 30 seconds.</summary>
    public Duration Interval { get; init; } = DefaultInterval;

    /// <summary>Time after which a probe counts as failed; must be shorter than <see cref="Interval"/>. Allowed: 2 to 120 seconds. Default: 5 seconds.</summary>
    public Duration Timeout { get; init; } = DefaultTimeout;

    /// <summary>Consecutive successes before a target is healthy. Allowed: 2 to 10. Default: 2.</summary>
    public int HealthyThresholdCount { get; init; } = 2;

    /// <summary>Consecutive failures before a target is unhealthy. Allowed: 2 to 10. Default: 3.</summary>
    public int UnhealthyThresholdCount { get; init; } = 3;

    /// <summary>HTTP codes that mean healthy, e.g. "200" or "200-299" (within 200-499 for an ALB, 200-599 for an NLB). Default: "200-399".</summary>
    public string SuccessCodes { get; init; } = "200-399";
}
