namespace EcsConstructs.Tasks;

/// <summary>Where a task volume appears inside a container.</summary>
public sealed class VolumeMount
{
    /// <summary>The name of a volume of the task definition (<see cref="EcsTaskDefinitionProps.Volumes"/>).</summary>
    public required string Volume { get; init; }

    /// <summary>The absolute path inside the container, e.g. <c>/var/log/app</c>.</summary>
    public required string ContainerPath { get; init; }

    /// <summary>Mount read-only. Default: false.</summary>
    public bool ReadOnly { get; init; }
}
