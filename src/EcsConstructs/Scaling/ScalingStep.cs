namespace EcsConstructs.Scaling;

/// <summary>
/// One step of a step scaling policy: when the alarm's metric minus the alarm's threshold lies
/// in [<see cref="LowerBound"/>, <see cref="UpperBound"/>), change the task count by
/// <see cref="Adjustment"/> (interpreted by the policy's adjustment type).
/// </summary>
public sealed class ScalingStep
{
    /// <summary>
    /// Lower bound of the interval, relative to the alarm threshold (inclusive). Default: none,
    /// meaning negative infinity; only the lowest step may leave it open.
    /// </summary>
    public double? LowerBound { get; init; }

    /// <summary>
    /// Upper bound of the interval, relative to the alarm threshold (exclusive). Default: none,
    /// meaning positive infinity; only the highest step may leave it open.
    /// </summary>
    public double? UpperBound { get; init; }

    /// <summary>
    /// The change: tasks to add (positive) or remove (negative) for ChangeInCapacity, a percentage
    /// for PercentChangeInCapacity, the new task count (0 or more) for ExactCapacity.
    /// </summary>
    public required int Adjustment { get; init; }
}
