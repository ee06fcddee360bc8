namespace EcsConstructs.Testing;

/// <summary>
/// Controls where snapshots live and whether a run may write them.
/// </summary>
/// <remarks>
/// A new instance reads its defaults from the process environment (see <see cref="FromEnvironment()"/>).
/// Tests of the snapshot machinery itself should set every property explicitly instead of changing
/// environment variables, because test classes run in parallel.
/// </remarks>
public sealed class SnapshotOptions
{
    /// <summary>Name of the environment variable that turns on update mode (<c>1</c> or <c>true</c>).</summary>
    public const string UpdateSnapshotsVariable = "UPDATE_SNAPSHOTS";

    /// <summary>Name of the environment variable that marks a continuous-integration run (<c>true</c> or <c>1</c>).</summary>
    public const string ContinuousIntegrationVariable = "CI";

    /// <summary>
    /// Folder that holds the snapshots. Default: <see langword="null"/>, which means a folder named
    /// <c>__snapshots__</c> next to the source file of the calling test.
    /// </summary>
    public string? SnapshotDirectory { get; init; }

    /// <summary>
    /// When <see langword="true"/> (and <see cref="IsContinuousIntegration"/> is <see langword="false"/>), a missing
    /// or different snapshot is (over)written with the received template and the assertion passes.
    /// Default: <see langword="true"/> when the environment variable <c>UPDATE_SNAPSHOTS</c> is <c>1</c> or
    /// <c>true</c> (case-insensitive), otherwise <see langword="false"/>.
    /// </summary>
    public bool UpdateSnapshots { get; init; } = ReadFlag(Environment.GetEnvironmentVariable, UpdateSnapshotsVariable);

    /// <summary>
    /// When <see langword="true"/>, snapshots are never written, not even with <see cref="UpdateSnapshots"/>:
    /// a missing or different snapshot always fails. Default: <see langword="true"/> when the environment
    /// variable <c>CI</c> is <c>true</c> or <c>1</c> (case-insensitive), otherwise <see langword="false"/>.
    /// </summary>
    public bool IsContinuousIntegration { get; init; } = ReadFlag(Environment.GetEnvironmentVariable, ContinuousIntegrationVariable);

    /// <summary>
    /// Creates options from the process environment: <c>UPDATE_SNAPSHOTS</c> and <c>CI</c>, with the snapshot
    /// folder left at its default (<c>__snapshots__</c> next to the calling test).
    /// </summary>
    /// <returns>Options that reflect the current process environment.</returns>
    public static SnapshotOptions FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>Creates options from an arbitrary variable lookup (for tests).</summary>
    internal static SnapshotOptions FromEnvironment(Func<string, string?> getVariable) => new()
    {
        UpdateSnapshots = ReadFlag(getVariable, UpdateSnapshotsVariable),
        IsContinuousIntegration = ReadFlag(getVariable, ContinuousIntegrationVariable),
    };

    private static bool ReadFlag(Func<string, string?> getVariable, string variable)
    {
        var value = getVariable(variable)?.Trim();
        return string.Equals(value, "1", StringComparison.Ordinal)
            || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
    }
}
