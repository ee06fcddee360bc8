using Amazon.CDK.AWS.ECS;

namespace EcsConstructs.Placement;

/// <summary>
/// One task placement constraint of an EC2 service (at most 10 per service). Placement is an EC2
/// feature: a Fargate service with a constraint fails at synth.
/// </summary>
public sealed class ServicePlacementConstraint
{
    private ServicePlacementConstraint(string type, string? expression)
    {
        Type = type;
        Expression = expression;
    }

    /// <summary>The ECS constraint type: <c>distinctInstance</c> or <c>memberOf</c>.</summary>
    public string Type { get; }

    /// <summary>The cluster query language expression of <c>memberOf</c>; null for <c>distinctInstance</c>.</summary>
    public string? Expression { get; }

    internal bool IsDistinctInstance => Type == "distinctInstance";

    /// <summary>Places each task of the service on a different container instance.</summary>
    /// <returns>The constraint <c>distinctInstance</c>.</returns>
    public static ServicePlacementConstraint DistinctInstance() => new("distinctInstance", null);

    /// <summary>
    /// Places tasks only on instances matching a cluster query language expression, e.g.
    /// <c>attribute:ecs.instance-type =~ t3.*</c>. Allowed: 1 to 2000 characters (checked when the
    /// service is created).
    /// </summary>
    /// <param name="expression">The cluster query language expression.</param>
    /// <returns>The constraint <c>memberOf(expression)</c>.</returns>
    public static ServicePlacementConstraint MemberOf(string expression) => new("memberOf", expression);

    /// <summary>The constraint as ECS writes it, e.g. <c>memberOf(attribute:ecs.instance-type =~ t3.*)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Expression is null ? Type : $"{Type}({Expression})";

    internal PlacementConstraint ToCdk() => IsDistinctInstance
        ? PlacementConstraint.DistinctInstances()
        : PlacementConstraint.MemberOf(Expression!);
}
