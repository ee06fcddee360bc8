namespace EcsConstructs.Rules.Review;

/// <summary>A changed top-level property (or resource attribute) of a resource, and what its change does.</summary>
public sealed class PropertyChange
{
    internal PropertyChange(string name, UpdateEffect effect, string? cause, bool isAttribute)
    {
        Name = name;
        Effect = effect;
        Cause = cause;
        IsAttribute = isAttribute;
    }

    /// <summary>The property name (<c>Scheme</c>), or the resource attribute (<c>Type</c>, <c>DeletionPolicy</c>, <c>DependsOn</c>, <c>Metadata</c>, …).</summary>
    public string Name { get; }

    /// <summary>What the change does to the resource, from the update-behaviour table: in place, replaced, or may be replaced.</summary>
    public UpdateEffect Effect { get; }

    /// <summary>
    /// Why the value changes when the template text of the property does not, or why the effect is what
    /// it is, e.g. <c>refers to LoadBalancer, which is replaced</c>; null for a plain change of the property.
    /// </summary>
    public string? Cause { get; }

    /// <summary>Whether this is a resource attribute (<c>Type</c>, <c>DeletionPolicy</c>, <c>DependsOn</c>, …) rather than a property under <c>Properties</c>; default false.</summary>
    public bool IsAttribute { get; }
}
