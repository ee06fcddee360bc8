using Amazon.CDK;

namespace EcsConstructs.Scaling;

/// <summary>
/// Settings every target tracking policy shares: how long to wait between scaling activities
/// and whether the policy may remove tasks.
/// </summary>
public abstract class TargetTrackingOptions
{
    /// <summary>
    /// Time after a scale-in activity before another scale-in may start. Allowed: 0 seconds or
    /// more, in whole seconds. Default: not set (Application Auto Scaling's default for ECS, 300 seconds).
    /// </summary>
    public Duration? ScaleInCooldown { get; init; }

    /// <summary>
    /// Time after a scale-out activity before another scale-out may start. Allowed: 0 seconds or
    /// more, in whole seconds. Default: not set (Application Auto Scaling's default for ECS, 300 seconds).
    /// </summary>
    public Duration? ScaleOutCooldown { get; init; }

    /// <summary>
    /// Whether the policy only adds tasks and never removes them (another policy or a person
    /// scales in). Default: false.
    /// </summary>
    public bool DisableScaleIn { get; init; }
}
