namespace EcsConstructs.Rules.Review;

/// <summary>A change that loses data or fails the deployment, shown above the report.</summary>
public sealed class ReviewFlag
{
    internal ReviewFlag(ReviewFlagKind kind, string stack, string logicalId, string type, bool isCertain, string message)
    {
        Kind = kind;
        Stack = stack;
        LogicalId = logicalId;
        Type = type;
        IsCertain = isCertain;
        Message = message;
    }

    /// <summary>What the flag warns of.</summary>
    public ReviewFlagKind Kind { get; }

    /// <summary>The stack (template) of the resource, as <see cref="StackReview.Name"/>.</summary>
    public string Stack { get; }

    /// <summary>The resource's logical ID (current, or baseline for a removal).</summary>
    public string LogicalId { get; }

    /// <summary>The resource type.</summary>
    public string Type { get; }

    /// <summary>
    /// True when the resource is replaced or removed; false when it only may be replaced (a conditional
    /// update behaviour). Only certain flags make <see cref="ReviewReport.HasBlockingChanges"/> true.
    /// </summary>
    public bool IsCertain { get; }

    /// <summary>One sentence: what happens to the resource and why it matters.</summary>
    public string Message { get; }
}
