namespace EcsConstructs.Tasks;

/// <summary>The kinds of <see cref="TaskVolume"/>.</summary>
internal enum TaskVolumeKind
{
    BindMount,
    Efs,
    Docker,
}
