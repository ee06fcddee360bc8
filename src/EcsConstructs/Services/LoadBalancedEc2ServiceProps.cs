using EcsConstructs.Placement;

namespace EcsConstructs.Services;

/// <summary>Props of <see cref="LoadBalancedEc2Service"/>: a service on EC2 capacity behind a load balancer; see <see cref="LoadBalancedServiceProps"/> for the settings all services share.</summary>
public sealed class LoadBalancedEc2ServiceProps : LoadBalancedServiceProps, IEc2ReplicaSettings
{
    /// <summary>
    /// Quick start: CPU units reserved for the container (1024 = one vCPU). Allowed: 0 to 10240 (0 = no
    /// reservation). Default: 256.
    /// </summary>
    public int Cpu { get; init; } = 256;

    /// <summary>
    /// Quick start: hard memory limit of the container in MiB (the container is killed above it).
    /// Allowed: 6 or more; set it or <see cref="ServiceProps.MemoryReservationMiB"/>. Default: 512.
    /// </summary>
    public int? MemoryLimitMiB { get; init; } = 512;

    /// <summary>
    /// Placement strategies, applied in order (at most 5). Default: spread across Availability
    /// Zones, then across instances.
    /// </summary>
    public IReadOnlyList<ServicePlacementStrategy>? PlacementStrategies { get; init; }

    /// <summary>Placement constraints (at most 10). Default: none.</summary>
    public IReadOnlyList<ServicePlacementConstraint>? PlacementConstraints { get; init; }
}
