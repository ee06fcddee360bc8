using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.EFS;

namespace EcsConstructs.Tasks;

/// <summary>
/// A volume of a task, mounted into its containers with <see cref="ContainerOptions.MountPoints"/>:
/// a bind mount (task-scoped scratch space shared by the task's containers, e.g. with a
/// log-shipping sidecar), an EFS file system (persistent, shared across tasks and zones), or a
/// Docker volume (EC2 only; on the instance's EBS storage, lost when the task moves).
/// </summary>
public sealed class TaskVolume
{
    private TaskVolume(string name, TaskVolumeKind kind)
    {
        Name = name;
        Kind = kind;
    }

    /// <summary>The volume name, referenced by <see cref="VolumeMount.Volume"/>.</summary>
    public string Name { get; }

    internal TaskVolumeKind Kind { get; }

    internal string? HostPath { get; private init; }

    internal IFileSystem? FileSystem { get; private init; }

    internal IAccessPoint? AccessPoint { get; private init; }

    internal string? RootDirectory { get; private init; }

    internal Scope DockerScope { get; private init; }

    internal string? Driver { get; private init; }

    internal IReadOnlyDictionary<string, string>? DriverOptions { get; private init; }

    internal bool? Autoprovision { get; private init; }

    /// <summary>
    /// A bind mount. Without <paramref name="hostPath"/> it is task storage that lives as long as the task
    /// (works on Fargate): the way to share files between a container and its sidecars.
    /// </summary>
    /// <param name="name">The volume name.</param>
    /// <param name="hostPath">A path on the EC2 instance to mount (EC2 only). Default: none (task storage).</param>
    public static TaskVolume BindMount(string name, string? hostPath = null) =>
        new(name, TaskVolumeKind.BindMount) { HostPath = hostPath };

    /// <summary>
    /// An EFS file system, mounted with transit encryption and IAM authorization on; the task role
    /// is granted <c>elasticfilesystem:ClientMount</c> (and <c>ClientWrite</c> unless every mount is
    /// read-only). The NFS port (2049) must be open from the tasks to the file system: call
    /// <see cref="EcsTaskDefinition.AllowEfsAccessFrom"/> with the service (or its security group).
    /// </summary>
    /// <param name="name">The volume name.</param>
    /// <param name="fileSystem">The file system (created or imported; give imported ones their security group).</param>
    /// <param name="accessPoint">An access point to mount through (it fixes the root directory and POSIX user). Default: none.</param>
    /// <param name="rootDirectory">The directory of the file system to mount; must be omitted or "/" with an access point. Default: "/".</param>
    public static TaskVolume Efs(string name, IFileSystem fileSystem, IAccessPoint? accessPoint = null, string? rootDirectory = null) =>
        new(name, TaskVolumeKind.Efs) { FileSystem = fileSystem, AccessPoint = accessPoint, RootDirectory = rootDirectory };

    /// <summary>A Docker volume on the EC2 instance (EC2 only, not Fargate).</summary>
    /// <param name="name">The volume name.</param>
    /// <param name="scope"><c>TASK</c>: created with the task and removed when it stops; <c>SHARED</c>: outlives the task, shared by tasks on the instance. Default: <see cref="Scope.TASK"/>.</param>
    /// <param name="driver">The Docker volume driver. Default: <c>local</c>.</param>
    /// <param name="driverOptions">Driver options (e.g. <c>type</c>, <c>device</c>, <c>o</c> for <c>local</c>). Default: none.</param>
    /// <param name="autoprovision">Create the volume if it does not exist (<c>SHARED</c> scope only). Default: not set (ECS: false).</param>
    public static TaskVolume Docker(string name, Scope scope = Scope.TASK, string driver = "local",
        IReadOnlyDictionary<string, string>? driverOptions = null, bool? autoprovision = null) =>
        new(name, TaskVolumeKind.Docker) { DockerScope = scope, Driver = driver, DriverOptions = driverOptions, Autoprovision = autoprovision };

    /// <summary>The CDK volume.</summary>
    internal Volume ToCdk() => Kind switch
    {
        TaskVolumeKind.BindMount => new Volume { Name = Name, Host = HostPath is null ? null : new Host { SourcePath = HostPath } },
        TaskVolumeKind.Efs => new Volume
        {
            Name = Name,
            EfsVolumeConfiguration = new EfsVolumeConfiguration
            {
                FileSystemId = FileSystem!.FileSystemId,
                RootDirectory = RootDirectory,
                TransitEncryption = "ENABLED",
                AuthorizationConfig = new AuthorizationConfig { AccessPointId = AccessPoint?.AccessPointId, Iam = "ENABLED" },
            },
        },
        _ => new Volume
        {
            Name = Name,
            DockerVolumeConfiguration = new DockerVolumeConfiguration
            {
                Scope = DockerScope,
                Driver = Driver!,
                DriverOpts = DriverOptions?.ToDictionary(o => o.Key, o => o.Value),
                Autoprovision = Autoprovision,
            },
        },
    };
}
