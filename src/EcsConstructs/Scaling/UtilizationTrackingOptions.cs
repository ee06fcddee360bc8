namespace EcsConstructs.Scaling;

/// <summary>
/// Target tracking on the service's average CPU or memory utilization
/// (<c>ECSServiceAverageCPUUtilization</c> / <c>ECSServiceAverageMemoryUtilization</c>).
/// </summary>
public sealed class UtilizationTrackingOptions : TargetTrackingOptions
{
    /// <summary>The utilization, in percent, to keep the service at. Allowed: 1 to 100.</summary>
    public required double TargetPercent { get; init; }
}
