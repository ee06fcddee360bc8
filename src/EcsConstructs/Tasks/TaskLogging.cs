using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;

namespace EcsConstructs.Tasks;

/// <summary>
/// Where the containers' output goes. By default every container logs with the <c>awslogs</c>
/// driver into one CloudWatch Logs group created for the task definition (retained on stack deletion).
/// </summary>
public sealed class TaskLogging
{
    /// <summary>An existing log group to write to instead of creating one. Default: a new group per task definition.</summary>
    public ILogGroup? LogGroup { get; init; }

    /// <summary>Retention of the created log group. Ignored with <see cref="LogGroup"/>. Default: <see cref="RetentionDays.ONE_MONTH"/> (30 days).</summary>
    public RetentionDays Retention { get; init; } = RetentionDays.ONE_MONTH;

    /// <summary>
    /// A customer-managed KMS key for the created log group. The key policy must allow the CloudWatch Logs
    /// service principal of the region (<c>logs.&lt;region&gt;.amazonaws.com</c>) to use it. Ignored with
    /// <see cref="LogGroup"/>. Default: none (CloudWatch Logs' own encryption).
    /// </summary>
    public IKey? EncryptionKey { get; init; }

    /// <summary>The stream prefix (streams are named <c>prefix/container/task-id</c>). Default: the container's name.</summary>
    public string? StreamPrefix { get; init; }

    /// <summary>
    /// Escape hatch: another log driver for every container (e.g. <c>LogDrivers.Firelens(…)</c>, <c>LogDriver.AwsLogs</c>
    /// with other options). No log group is created then. A container's <see cref="ContainerOptions.LogDriver"/> overrides it.
    /// Default: none (<c>awslogs</c> as described above).
    /// </summary>
    public LogDriver? Driver { get; init; }
}
