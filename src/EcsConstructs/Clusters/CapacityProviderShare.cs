namespace EcsConstructs.Clusters;

/// <summary>
/// One entry of a capacity provider strategy: which provider, how many tasks it runs first
/// (<see cref="Base"/>) and its share of the rest (<see cref="Weight"/>).
/// </summary>
public sealed class CapacityProviderShare
{
    /// <summary>The name used for AWS Fargate.</summary>
    public const string Fargate = "FARGATE";

    /// <summary>The name used for AWS Fargate Spot.</summary>
    public const string FargateSpot = "FARGATE_SPOT";

    /// <summary>
    /// The provider: <see cref="Fargate"/>, <see cref="FargateSpot"/>, the <see cref="Ec2CapacityOptions.Id"/>
    /// of an EC2 capacity of the same <see cref="EcsCluster"/>, or the name of a capacity provider
    /// associated with an imported cluster.
    /// </summary>
    public required string Provider { get; init; }

    /// <summary>Tasks placed on this provider before weights apply. At most one entry of a strategy may have a base. Allowed: 0 to 100000. Default: 0.</summary>
    public int Base { get; init; }

    /// <summary>Relative share of tasks after the bases are met. Allowed: 0 to 1000. Default: 1.</summary>
    public int Weight { get; init; } = 1;
}
