using Amazon.CDK.AWS.CloudWatch;

namespace EcsConstructs.Scaling;

/// <summary>
/// The CloudWatch alarm that fires a step scaling policy. The alarm is written exactly as given
/// (unlike CDK's <c>ScaleOnMetric</c>, which always uses <c>GreaterThanOrEqualToThreshold</c> or
/// <c>LessThanOrEqualToThreshold</c>).
/// </summary>
public sealed class StepScalingAlarm
{
    /// <summary>
    /// The metric, with its statistic and period, e.g.
    /// <c>service.MetricCpuUtilization(new MetricOptions { Period = Duration.Minutes(1), Statistic = "Average" })</c>.
    /// </summary>
    public required IMetric Metric { get; init; }

    /// <summary>The threshold the metric is compared with; step bounds are relative to it.</summary>
    public required double Threshold { get; init; }

    /// <summary>
    /// How the metric is compared with the threshold, e.g. <c>GREATER_THAN_THRESHOLD</c> for a
    /// scale-out alarm, <c>LESS_THAN_THRESHOLD</c> for a scale-in alarm. Anomaly detection
    /// operators are not allowed (they need a band, not a threshold).
    /// </summary>
    public required ComparisonOperator ComparisonOperator { get; init; }

    /// <summary>Number of periods over which the metric is compared. Allowed: 1 or more. Default: 1.</summary>
    public int EvaluationPeriods { get; init; } = 1;

    /// <summary>
    /// Number of breaching data points within <see cref="EvaluationPeriods"/> that trigger the
    /// alarm ("M out of N"). Allowed: 1 to EvaluationPeriods. Default: not set (all of them).
    /// </summary>
    public int? DatapointsToAlarm { get; init; }

    /// <summary>How missing data is treated. Default: not set (CloudWatch's default, <c>missing</c>).</summary>
    public TreatMissingData? TreatMissingData { get; init; }

    /// <summary>The alarm's description. Default: none.</summary>
    public string? Description { get; init; }
}
