namespace EcsConstructs.Rules.Review;

/// <summary>The review of one stack (template): its changed resources and other changed sections.</summary>
public sealed class StackReview
{
    internal StackReview(string name, bool inBaseline, bool inCurrent, IReadOnlyList<ResourceReview> resources, IReadOnlyList<string> otherChanges, bool metadataOnly)
    {
        Name = name;
        InBaseline = inBaseline;
        InCurrent = inCurrent;
        Resources = resources;
        OtherChanges = otherChanges;
        MetadataOnly = metadataOnly;
    }

    /// <summary>The stack's display name (<c>Prod/Web</c>) for a cloud assembly, else the template's file name.</summary>
    public string Name { get; }

    /// <summary>Whether the baseline has the stack (false: a new stack).</summary>
    public bool InBaseline { get; }

    /// <summary>Whether the current templates have the stack (false: the app no longer has it; <c>cdk deploy</c> does not delete such a stack).</summary>
    public bool InCurrent { get; }

    /// <summary>Added, removed, moved and modified resources, in ordinal order of their logical IDs.</summary>
    public IReadOnlyList<ResourceReview> Resources { get; }

    /// <summary>Changes outside the resources, e.g. <c>Outputs: LoadBalancerDns changed</c>.</summary>
    public IReadOnlyList<string> OtherChanges { get; }

    /// <summary>
    /// True when the templates differ only in noise: construct paths and asset metadata
    /// (<c>aws:cdk:</c> and <c>aws:asset:</c> metadata), the <c>CDKMetadata</c> resource, the bootstrap
    /// version check, key order, or asset hashes against a snapshot's <c>[ASSET_HASH]</c>.
    /// </summary>
    public bool MetadataOnly { get; }

    /// <summary>Whether anything that deploys differs (a resource or another section).</summary>
    public bool HasChanges => Resources.Count > 0 || OtherChanges.Count > 0 || !InBaseline || !InCurrent;
}
