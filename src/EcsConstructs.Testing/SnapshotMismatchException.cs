namespace EcsConstructs.Testing;

/// <summary>
/// Thrown by <see cref="SnapshotAssert"/> when a template does not match its snapshot, or the snapshot is missing
/// and may not be written.
/// </summary>
public sealed class SnapshotMismatchException : Exception
{
    /// <summary>Creates an exception with an empty context (for serializers and tooling).</summary>
    public SnapshotMismatchException()
        : this("The template does not match its snapshot.")
    {
    }

    /// <summary>Creates an exception with a message and an empty context.</summary>
    /// <param name="message">The message.</param>
    public SnapshotMismatchException(string message)
        : this(message, string.Empty, null, [])
    {
    }

    /// <summary>Creates an exception with a message, an inner exception and an empty context.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SnapshotMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        SnapshotPath = string.Empty;
        ChangedResources = [];
    }

    /// <summary>Creates an exception that describes a failed snapshot comparison.</summary>
    /// <param name="message">The full, human-readable explanation.</param>
    /// <param name="snapshotPath">The path of the snapshot file (which may not exist).</param>
    /// <param name="receivedPath">The path of the written <c>.received.json</c> file, or <see langword="null"/> if none was written.</param>
    /// <param name="changedResources">Logical IDs of added, removed or changed resources.</param>
    public SnapshotMismatchException(string message, string snapshotPath, string? receivedPath, IReadOnlyList<string> changedResources)
        : base(message)
    {
        SnapshotPath = snapshotPath;
        ReceivedPath = receivedPath;
        ChangedResources = changedResources;
    }

    /// <summary>The path of the snapshot file (it may not exist when the snapshot is missing).</summary>
    public string SnapshotPath { get; }

    /// <summary>The path of the <c>.received.json</c> file written for this failure; <see langword="null"/> if none was written.</summary>
    public string? ReceivedPath { get; }

    /// <summary>
    /// Logical IDs of resources that were added, removed or changed compared with the snapshot. When the snapshot is
    /// missing, every resource of the received template is listed (all of them are new).
    /// </summary>
    public IReadOnlyList<string> ChangedResources { get; }
}
