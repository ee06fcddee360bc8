using EcsConstructs.Placement;

namespace EcsConstructs.Services;

/// <summary>
/// Props of <see cref="Ec2DaemonService"/>: one task on every EC2 instance of the cluster; see
/// <see cref="ServiceProps"/> for the settings all services share. A daemon has no task count, no
/// capacity provider strategy and no placement strategies: ECS places exactly one task per instance.
/// </summary>
public sealed class Ec2DaemonServiceProps : ServiceProps, IEc2Settings
{
    /// <summary>Creates the props with the daemon's deployment default: <see cref="ServiceProps.MinHealthyPercent"/> 0.</summary>
    public Ec2DaemonServiceProps()
    {
        // ECS replaces a daemon's task in place on each instance (at most 100 %): any minimum above
        // 0 % can leave a deployment unable to stop the only task of an instance.
        MinHealthyPercent = 0;
    }

    /// <summary>
    /// Quick start: CPU units reserved for the container on every instance (1024 = one vCPU; they come off
    /// what other tasks can use). Allowed: 0 to 10240. Default: 128.
    /// </summary>
    public int Cpu { get; init; } = 128;

    /// <summary>
    /// Quick start: hard memory limit of the container in MiB, reserved on every instance. Allowed: 6 or
    /// more; set it or <see cref="ServiceProps.MemoryReservationMiB"/>. Default: 256.
    /// </summary>
    public int? MemoryLimitMiB { get; init; } = 256;

    /// <summary>Placement constraints that limit the instances the daemon runs on (at most 10). Default: none (every instance).</summary>
    public IReadOnlyList<ServicePlacementConstraint>? PlacementConstraints { get; init; }
}
