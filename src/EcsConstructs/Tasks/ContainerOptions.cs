using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Images;
using EcsConstructs.Security;

namespace EcsConstructs.Tasks;

/// <summary>
/// One container of a task: its image, resources, ports, configuration, secrets, health check,
/// start ordering and mounts. Plain data: the task definition checks it against the task as a whole.
/// </summary>
public sealed class ContainerOptions
{
    /// <summary>The container name, unique in the task. Allowed: 1 to 255 letters, digits, '_' and '-'.</summary>
    public required string Name { get; init; }

    /// <summary>The image (public registry, ECR by tag or digest, or a local Dockerfile).</summary>
    public required ImageSource Image { get; init; }

    /// <summary>CPU units reserved for the container (1024 = one vCPU). Default: none (shares the task's CPU).</summary>
    public int? Cpu { get; init; }

    /// <summary>Hard memory limit (MiB): the container is killed above it. Default: none.</summary>
    /// <remarks>On EC2 without task-level memory, each container needs this or <see cref="MemoryReservationMiB"/>.</remarks>
    public int? MemoryLimitMiB { get; init; }

    /// <summary>Soft memory reservation (MiB), used for placement; at most <see cref="MemoryLimitMiB"/>. Default: none.</summary>
    public int? MemoryReservationMiB { get; init; }

    /// <summary>The ports the container listens on. Default: none.</summary>
    public IReadOnlyList<PortMappingOptions>? PortMappings { get; init; }

    /// <summary>
    /// Plain environment variables: non-secret configuration only (they are readable in the task
    /// definition). Names that look like secrets (containing PASSWORD, SECRET, TOKEN, API_KEY,
    /// PRIVATE_KEY, ACCESS_KEY) are refused: use <see cref="Secrets"/>. Default: none.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Allow <see cref="Environment"/> names that look like secrets (e.g. <c>TOKEN_URL</c>). Default: false.</summary>
    public bool AllowSecretLikeEnvironmentNames { get; init; }

    /// <summary>Environment variables whose values ECS reads from Secrets Manager or SSM Parameter Store at start. Default: none.</summary>
    public IReadOnlyDictionary<string, ContainerSecret>? Secrets { get; init; }

    /// <summary>The command (Docker <c>CMD</c>). Default: the image's.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The entry point (Docker <c>ENTRYPOINT</c>). Default: the image's.</summary>
    public IReadOnlyList<string>? EntryPoint { get; init; }

    /// <summary>The working directory. Default: the image's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The user (name, uid, <c>uid:gid</c>, …). Default: the image's.</summary>
    public string? User { get; init; }

    /// <summary>Whether the task stops when this container stops. At least one container per task must be essential. Default: true.</summary>
    public bool Essential { get; init; } = true;

    /// <summary>The container's own health check. Default: none.</summary>
    public ContainerHealthCheck? HealthCheck { get; init; }

    /// <summary>Containers that must reach a condition before this one starts. Default: none.</summary>
    public IReadOnlyList<ContainerStartDependency>? DependsOn { get; init; }

    /// <summary>Docker links to other containers of the task, by name (bridge mode only). Default: none.</summary>
    public IReadOnlyList<string>? Links { get; init; }

    /// <summary>Time between SIGTERM and SIGKILL when the task stops. Allowed: 2 to 120 seconds on Fargate. Default: ECS's (30 seconds).</summary>
    public Duration? StopTimeout { get; init; }

    /// <summary>Resource limits (e.g. <c>nofile</c>); each soft limit at most its hard limit. Default: none.</summary>
    public IReadOnlyList<Ulimit>? Ulimits { get; init; }

    /// <summary>Mount the root file system read-only (write to volumes instead). Default: false.</summary>
    public bool ReadonlyRootFilesystem { get; init; }

    /// <summary>Volumes of the task mounted into this container. Default: none.</summary>
    public IReadOnlyList<VolumeMount>? MountPoints { get; init; }

    /// <summary>A log driver for this container only, overriding the task's logging. Default: the task's (<see cref="EcsTaskDefinitionProps.Logging"/>).</summary>
    public LogDriver? LogDriver { get; init; }
}
