using Amazon.CDK;

namespace EcsConstructs.Services;

/// <summary>
/// A share of production traffic moves to the new revision first, the rest after a bake time (ECS:
/// <c>Strategy</c> <c>CANARY</c> with <c>CanaryConfiguration</c>; CodeDeploy: a <c>TimeBasedCanary</c> deployment
/// configuration).
/// </summary>
public sealed class CanaryTrafficShift : TrafficShift
{
    internal static readonly Duration DefaultCanaryBakeTime = Duration.Minutes(10);

    /// <summary>
    /// The share of production traffic the canary step moves. Allowed: ECS 0.1 to 100.0 in steps of 0.1;
    /// CodeDeploy 1 to 99, whole percents. Default: 5 (ECS's default).
    /// </summary>
    public double CanaryPercent { get; init; } = 5;

    /// <summary>
    /// How long the canary step runs before the rest of the traffic moves (ECS: <c>CanaryBakeTimeInMinutes</c>;
    /// CodeDeploy: the canary interval). Allowed: ECS 0 to 1440 minutes, CodeDeploy 1 to 2880 minutes; whole
    /// minutes. Default: 10 minutes (ECS's default).
    /// </summary>
    public Duration CanaryBakeTime { get; init; } = DefaultCanaryBakeTime;

    /// <summary>The canary bake time; a null from code without nullable checks means the default.</summary>
    internal Duration CanaryBakeTimeOrDefault => CanaryBakeTime ?? DefaultCanaryBakeTime;
}
