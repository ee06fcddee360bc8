using Amazon.CDK.AWS.ECS;

namespace EcsConstructs.Services;

/// <summary>Props of <see cref="FargateWorkerService"/>: a Fargate service without a load balancer; see <see cref="ServiceProps"/> for the settings all services share.</summary>
public sealed class FargateWorkerServiceProps : ReplicaServiceProps, IFargateServiceSettings
{
    /// <summary>
    /// Quick start: the task's CPU units on Fargate (1024 = one vCPU). Allowed: 256, 512, 1024, 2048,
    /// 4096, 8192, 16384. Default: 256.
    /// </summary>
    public int Cpu { get; init; } = 256;

    /// <summary>
    /// Quick start: the task's memory on Fargate in MiB; it must be a size Fargate offers with
    /// <see cref="Cpu"/> (256 CPU units: 512, 1024 or 2048 MiB). Default: 512.
    /// </summary>
    public int MemoryMiB { get; init; } = 512;

    /// <summary>
    /// Give each task a public IP (tasks in public subnets need it to pull images and send logs).
    /// Default: true when the tasks run in public subnets by default (a VPC without private subnets
    /// with egress and no <see cref="ServiceProps.TaskSubnets"/>), else false.
    /// </summary>
    public bool? AssignPublicIp { get; init; }

    /// <summary>The Fargate platform version. Default: LATEST.</summary>
    public FargatePlatformVersion? PlatformVersion { get; init; }
}
