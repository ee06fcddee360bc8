using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;

namespace EcsConstructs.Scaling;

/// <summary>
/// A step scaling policy and the CloudWatch alarm that fires it. Scale out and scale in are two
/// policies, each with its own alarm and comparison operator.
/// </summary>
public sealed class StepScalingPolicyOptions
{
    /// <summary>
    /// The construct id of the policy under the scaling construct (its alarm is
    /// <c>&lt;Id&gt;Alarm</c>); part of both logical ids.
    /// </summary>
    public required string Id { get; init; }

    /// <summary>The alarm that fires the policy.</summary>
    public required StepScalingAlarm Alarm { get; init; }

    /// <summary>
    /// The steps, in any order. Their intervals must be contiguous and must not overlap; at most
    /// the lowest may have no lower bound and at most the highest no upper bound.
    /// </summary>
    public required IReadOnlyList<ScalingStep> Steps { get; init; }

    /// <summary>How <see cref="ScalingStep.Adjustment"/> is applied. Default: <c>ChangeInCapacity</c>.</summary>
    public AdjustmentType AdjustmentType { get; init; } = AdjustmentType.CHANGE_IN_CAPACITY;

    /// <summary>
    /// The smallest number of tasks a percentage adjustment changes. Allowed: 1 or more, only
    /// with <c>PercentChangeInCapacity</c>. Default: not set.
    /// </summary>
    public int? MinAdjustmentMagnitude { get; init; }

    /// <summary>
    /// Time after a scaling activity before the policy acts again. Allowed: 0 seconds or more,
    /// in whole seconds. Default: 300 seconds.
    /// </summary>
    public Duration Cooldown { get; init; } = Duration.Seconds(300);

    /// <summary>How the metric's data points are aggregated. Default: <c>Average</c>.</summary>
    public MetricAggregationType MetricAggregationType { get; init; } = MetricAggregationType.AVERAGE;
}
