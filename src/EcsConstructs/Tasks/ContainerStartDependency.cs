using Amazon.CDK.AWS.ECS;

namespace EcsConstructs.Tasks;

/// <summary>Start ordering: this container starts only once another container of the task reaches a condition.</summary>
public sealed class ContainerStartDependency
{
    /// <summary>The name of the other container (in the same task).</summary>
    public required string Container { get; init; }

    /// <summary>
    /// What the other container must reach: <c>START</c> (started), <c>COMPLETE</c> (exited; not allowed on an
    /// essential container), <c>SUCCESS</c> (exited with status 0; not on an essential container) or <c>HEALTHY</c>
    /// (its health check passes; it must have one). Default: <see cref="ContainerDependencyCondition.START"/>.
    /// </summary>
    public ContainerDependencyCondition Condition { get; init; } = ContainerDependencyCondition.START;
}
