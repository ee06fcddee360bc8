using EcsConstructs.Placement;

namespace EcsConstructs.Services;

/// <summary>Props of <see cref="Ec2WorkerService"/>: a service on EC2 capacity without a load balancer; see <see cref="ServiceProps"/> for the settings all services share.</summary>
public sealed class Ec2WorkerServiceProps : ServiceProps, IEc2ServiceSettings
{
    /// <summary>
    /// Placement strategies, applied in order (at most 5). Default: spread across Availability
    /// Zones, then across instances.
    /// </summary>
    public IReadOnlyList<ServicePlacementStrategy>? PlacementStrategies { get; init; }

    /// <summary>Placement constraints (at most 10). Default: none.</summary>
    public IReadOnlyList<ServicePlacementConstraint>? PlacementConstraints { get; init; }
}
