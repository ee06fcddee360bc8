using Amazon.CDK.AWS.CloudWatch;

namespace EcsConstructs.Scaling;

/// <summary>
/// Target tracking on any CloudWatch metric, or on a metric math expression such as the queue
/// backlog per task (<c>visible messages / running tasks</c>). The metric must change in
/// proportion to the task count for target tracking to converge.
/// </summary>
public sealed class MetricTrackingOptions : TargetTrackingOptions
{
    /// <summary>
    /// The construct id of the policy under the scaling construct; part of its logical id.
    /// </summary>
    public required string Id { get; init; }

    /// <summary>
    /// A <see cref="Metric"/> with statistic Average, Minimum, Maximum, SampleCount or Sum, or a
    /// <see cref="MathExpression"/> over such metrics.
    /// </summary>
    public required IMetric Metric { get; init; }

    /// <summary>The value of the metric to keep the service at. Allowed: greater than 0 (up to 6.9974e10).</summary>
    public required double TargetValue { get; init; }
}
