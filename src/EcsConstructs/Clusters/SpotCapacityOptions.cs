namespace EcsConstructs.Clusters;

/// <summary>
/// Makes an <see cref="Ec2CapacityOptions"/> group run (partly) on Spot instances through a
/// mixed instances policy. Spot instance draining is switched on in the ECS agent
/// (<c>ECS_ENABLE_SPOT_INSTANCE_DRAINING=true</c>), so an interruption notice drains the instance
/// and its tasks start elsewhere.
/// </summary>
public sealed class SpotCapacityOptions
{
    /// <summary>How Spot pools are chosen. Default: <see cref="SpotAllocation.PriceCapacityOptimized"/>.</summary>
    public SpotAllocation AllocationStrategy { get; init; } = SpotAllocation.PriceCapacityOptimized;

    /// <summary>Instances that are always on-demand before any Spot instance is launched. Allowed: 0 or more. Default: 0.</summary>
    public int OnDemandBaseCapacity { get; init; }

    /// <summary>Percentage of the instances above the base that are on-demand. Allowed: 0 to 100. Default: 0 (all Spot).</summary>
    public int OnDemandPercentageAboveBaseCapacity { get; init; }
}
