using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;

namespace EcsConstructs.Tasks;

/// <summary>Settings of an <see cref="EcsTaskDefinition"/>.</summary>
public sealed class EcsTaskDefinitionProps
{
    /// <summary>Where the task runs: <see cref="Compatibility.EC2"/>, <see cref="Compatibility.FARGATE"/> or <see cref="Compatibility.EC2_AND_FARGATE"/> (Fargate's rules apply).</summary>
    public required Compatibility Compatibility { get; init; }

    /// <summary>The containers; at least one, at least one of them essential. The first essential container is the default container.</summary>
    public required IReadOnlyList<ContainerOptions> Containers { get; init; }

    /// <summary>
    /// The network mode: <c>BRIDGE</c>, <c>HOST</c>, <c>NONE</c> or <c>AWS_VPC</c> (Fargate: <c>AWS_VPC</c> only).
    /// Default: <see cref="NetworkMode.AWS_VPC"/> when Fargate is involved, else <see cref="NetworkMode.BRIDGE"/>.
    /// </summary>
    public NetworkMode? NetworkMode { get; init; }

    /// <summary>Task-level CPU units. Fargate: required, one of 256, 512, 1024, 2048, 4096, 8192, 16384. EC2: optional. Default: none.</summary>
    public int? Cpu { get; init; }

    /// <summary>Task-level memory (MiB). Fargate: required, one Fargate allows with <see cref="Cpu"/> (256: 512, 1024 or 2048; 512: 1024-4096; 1024: 2048-8192; 2048: 4096-16384 in steps of 1024; 4096: 8192-30720 in steps of 1024; 8192: 16384-61440 in steps of 4096; 16384: 32768-122880 in steps of 8192; see docs/tasks.md). EC2: optional. Default: none.</summary>
    public int? MemoryMiB { get; init; }

    /// <summary>The task's volumes, mounted with <see cref="ContainerOptions.MountPoints"/>. Default: none.</summary>
    public IReadOnlyList<TaskVolume>? Volumes { get; init; }

    /// <summary>
    /// An existing <b>execution role</b> (used by ECS to pull images, write logs and read secrets). The library adds
    /// the permissions the task needs to it. Must differ from <see cref="TaskRole"/>. Default: a new role trusted by <c>ecs-tasks.amazonaws.com</c>.
    /// </summary>
    public IRole? ExecutionRole { get; init; }

    /// <summary>
    /// An existing <b>task role</b> (what the application may call). Must differ from <see cref="ExecutionRole"/>.
    /// Default: a new role trusted by <c>ecs-tasks.amazonaws.com</c>, with no permissions until granted.
    /// </summary>
    public IRole? TaskRole { get; init; }

    /// <summary>Logging of the containers. Default: <c>awslogs</c> into a new log group, 30 days retention, retained on deletion.</summary>
    public TaskLogging Logging { get; init; } = new();

    /// <summary>
    /// The CPU architecture the task runs on. On Fargate it chooses the platform (Windows: X86_64
    /// only); on EC2 ECS places the task only on instances of that architecture (ARM64: Graviton),
    /// and the rules check it against the capacity's instance types (ECS008). Default: not set
    /// (ECS: X86_64 on Fargate, any instance on EC2).
    /// </summary>
    public CpuArchitecture? CpuArchitecture { get; init; }

    /// <summary>
    /// The operating system family: Linux or a Windows Server version. Windows tasks on Fargate take
    /// 1024, 2048 or 4096 CPU units. Default: not set (ECS: LINUX).
    /// </summary>
    public OperatingSystemFamily? OperatingSystemFamily { get; init; }

    /// <summary>The task definition family (revisions share it). Allowed: 1 to 255 letters, digits, '_' and '-'. Default: generated from the construct path.</summary>
    public string? Family { get; init; }
}
