using Amazon.CDK;

namespace EcsConstructs.Services;

/// <summary>
/// Production traffic moves to the new revision in equal steps with a bake time after each (ECS: <c>Strategy</c>
/// <c>LINEAR</c> with <c>LinearConfiguration</c>; CodeDeploy: a <c>TimeBasedLinear</c> deployment configuration).
/// </summary>
public sealed class LinearTrafficShift : TrafficShift
{
    internal static readonly Duration DefaultStepBakeTime = Duration.Minutes(6);

    /// <summary>
    /// The share of production traffic each step moves. Allowed: ECS 3.0 to 100.0 in steps of 0.1; CodeDeploy 1 to
    /// 99, whole percents. Default: 10 (ECS's default).
    /// </summary>
    public double StepPercent { get; init; } = 10;

    /// <summary>
    /// How long each step runs before the next one (ECS: <c>StepBakeTimeInMinutes</c>, not applied after the last
    /// step; CodeDeploy: the interval between steps). Allowed: ECS 0 to 1440 minutes, CodeDeploy 1 to 2880 minutes;
    /// whole minutes. Default: 6 minutes (ECS's default).
    /// </summary>
    public Duration StepBakeTime { get; init; } = DefaultStepBakeTime;

    /// <summary>The step bake time; a null from code without nullable checks means the default.</summary>
    internal Duration StepBakeTimeOrDefault => StepBakeTime ?? DefaultStepBakeTime;
}
