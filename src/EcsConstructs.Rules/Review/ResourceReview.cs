namespace EcsConstructs.Rules.Review;

/// <summary>One added, removed, moved or modified resource of a stack, and what the update does to it.</summary>
public sealed class ResourceReview
{
    internal ResourceReview(string logicalId, string? previousLogicalId, string type, ResourceChangeKind kind, UpdateEffect effect, IReadOnlyList<PropertyChange> properties)
    {
        LogicalId = logicalId;
        PreviousLogicalId = previousLogicalId;
        Type = type;
        Kind = kind;
        Effect = effect;
        Properties = properties;
    }

    /// <summary>The logical ID: in the current template, or in the baseline for a removed resource.</summary>
    public string LogicalId { get; }

    /// <summary>The logical ID in the baseline of a <see cref="ResourceChangeKind.Moved"/> resource; null otherwise.</summary>
    public string? PreviousLogicalId { get; }

    /// <summary>The resource type (the current one when it changed).</summary>
    public string Type { get; }

    /// <summary>Added, removed, moved or modified.</summary>
    public ResourceChangeKind Kind { get; }

    /// <summary>
    /// What the update does to a modified resource: the strongest effect of its <see cref="Properties"/>
    /// (a changed <c>Type</c> replaces it). A moved resource is <see cref="UpdateEffect.Replaced"/>; an added
    /// or removed one <see cref="UpdateEffect.InPlace"/> (it is created or deleted, not updated).
    /// </summary>
    public UpdateEffect Effect { get; }

    /// <summary>The changed top-level properties and resource attributes, in ordinal order of their names; empty for an added or removed resource.</summary>
    public IReadOnlyList<PropertyChange> Properties { get; }
}
