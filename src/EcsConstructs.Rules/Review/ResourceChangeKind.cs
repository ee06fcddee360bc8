namespace EcsConstructs.Rules.Review;

/// <summary>How a resource differs between the baseline and the current template.</summary>
public enum ResourceChangeKind
{
    /// <summary>Only in the current template: CloudFormation creates it.</summary>
    Added,

    /// <summary>Only in the baseline: CloudFormation deletes it (or keeps it out of the stack, when its <c>DeletionPolicy</c> is <c>Retain</c>).</summary>
    Removed,

    /// <summary>In both under the same logical ID, with a different type, properties or resource attributes, or a value it refers to that changes.</summary>
    Modified,

    /// <summary>
    /// Its logical ID changed: a resource removed and one added with the same type and the same construct
    /// path (<c>aws:cdk:path</c>), the same custom name, or (without either) the same properties. CloudFormation
    /// sees a new resource and a deleted one: a replacement.
    /// </summary>
    Moved,
}
