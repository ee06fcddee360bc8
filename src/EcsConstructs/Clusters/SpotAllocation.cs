namespace EcsConstructs.Clusters;

/// <summary>How an Auto Scaling group picks Spot capacity pools.</summary>
public enum SpotAllocation
{
    /// <summary>Pools with the lowest interruption risk and low price (<c>price-capacity-optimized</c>, the AWS recommendation).</summary>
    PriceCapacityOptimized,

    /// <summary>Pools with the most spare capacity (<c>capacity-optimized</c>).</summary>
    CapacityOptimized,

    /// <summary>Most spare capacity, honouring the order of the instance types as priorities (<c>capacity-optimized-prioritized</c>).</summary>
    CapacityOptimizedPrioritized,

    /// <summary>The cheapest pools (<c>lowest-price</c>); the most interruptions.</summary>
    LowestPrice,
}
