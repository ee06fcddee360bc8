namespace EcsConstructs.Rules.Review;

/// <summary>What a stack update does to a resource, or what a change of one of its properties does.</summary>
public enum UpdateEffect
{
    /// <summary>Updated in place: the resource keeps its physical ID (the default for a property the update-behaviour table does not list).</summary>
    InPlace,

    /// <summary>
    /// May be replaced: CloudFormation's update behaviour for the property is conditional ("Some
    /// interruptions" or "Replacement" depending on the value), a property nested in it replaces the
    /// resource, the resource type is unknown, or a value it refers to may change.
    /// </summary>
    MayBeReplaced,

    /// <summary>Replaced: CloudFormation creates a new resource (new physical ID) and then deletes the old one.</summary>
    Replaced,
}
