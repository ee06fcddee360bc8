using Amazon.CDK.AWS.ApplicationAutoScaling;

namespace EcsConstructs.Scaling;

/// <summary>
/// A scheduled change of the scalable target's minimum and/or maximum task count, e.g. a larger
/// minimum on weekday mornings.
/// </summary>
public sealed class ScheduledScalingOptions
{
    /// <summary>The scheduled action's id; unique within the scaling construct, part of the action's name.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// When: <c>Schedule.Cron(...)</c>, <c>Schedule.Rate(...)</c> or a one-time
    /// <c>Schedule.At(...)</c> (or <c>Schedule.Expression("at(2026-12-24T18:00:00)")</c>).
    /// </summary>
    public required Schedule Schedule { get; init; }

    /// <summary>The new minimum task count. Allowed: 0 or more. Default: unchanged. At least one of MinCapacity and MaxCapacity is required.</summary>
    public int? MinCapacity { get; init; }

    /// <summary>The new maximum task count. Allowed: MinCapacity or more. Default: unchanged.</summary>
    public int? MaxCapacity { get; init; }

    /// <summary>The time zone of cron and at expressions, e.g. <c>TimeZone.EUROPE_BERLIN</c>. Default: UTC.</summary>
    public Amazon.CDK.TimeZone? TimeZone { get; init; }

    /// <summary>When a recurring schedule starts to apply. Default: now.</summary>
    public DateTime? StartTime { get; init; }

    /// <summary>When a recurring schedule stops to apply. Default: never.</summary>
    public DateTime? EndTime { get; init; }
}
