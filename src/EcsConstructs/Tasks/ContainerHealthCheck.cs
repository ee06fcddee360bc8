using Amazon.CDK;

namespace EcsConstructs.Tasks;

/// <summary>A Docker health check run by the ECS agent inside the container.</summary>
public sealed class ContainerHealthCheck
{
    /// <summary>
    /// The command: either starting with <c>CMD</c> or <c>CMD-SHELL</c> (as in a Dockerfile), or a
    /// shell command line given as one string (run with <c>CMD-SHELL</c>), e.g.
    /// <c>["curl -f http://localhost/ || exit 1"]</c>.
    /// </summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>Time between checks. Allowed: 5 to 300 seconds. Default: 30 seconds.</summary>
    public Duration Interval { get; init; } = Duration.Seconds(30);

    /// <summary>Time a check may take before it counts as failed. Allowed: 2 to 120 seconds. Default: 5 seconds.</summary>
    public Duration Timeout { get; init; } = Duration.Seconds(5);

    /// <summary>Consecutive failures before the container is unhealthy. Allowed: 1 to 10. Default: 3.</summary>
    public int Retries { get; init; } = 3;

    /// <summary>Grace time after start during which failures do not count. Allowed: 0 to 300 seconds. Default: none (0).</summary>
    public Duration? StartPeriod { get; init; }
}
