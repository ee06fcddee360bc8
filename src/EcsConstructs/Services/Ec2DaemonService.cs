using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.Logs;
using Constructs;
using EcsConstructs.Tasks;

namespace EcsConstructs.Services;

/// <summary>
/// A daemon: one task on every EC2 instance of the cluster (log shippers, metrics and security agents),
/// ECS's <c>DAEMON</c> scheduling. The service writes <c>LaunchType: EC2</c> and no capacity provider
/// strategy (a daemon cannot use one, and without a launch type the cluster's default strategy would
/// apply to it), no desired count and no placement strategies. Deployments replace the task of each
/// instance in place (<c>MaximumPercent</c> 100, <c>MinimumHealthyPercent</c> 0 by default) with the
/// circuit breaker on. The daemon's CPU and memory come off every instance, which the capacity rules
/// (ECS001, ECS066) count before placing other services' tasks. Scaling policies do not apply.
/// </summary>
public sealed class Ec2DaemonService : Construct
{
    /// <summary>Creates the service and its task definition (quick start).</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="props">The settings.</param>
    public Ec2DaemonService(Construct scope, string id, Ec2DaemonServiceProps props)
        : base(scope, id)
    {
        (TaskDefinition, var service) = ServiceBuilder.Build(this, props, fargate: false, quickStartPort: null, gracePeriod: null);
        Service = (Ec2Service)service;
    }

    /// <summary>The task definition: the one given, or the one built from the quick-start settings.</summary>
    public EcsTaskDefinition TaskDefinition { get; }

    /// <summary>The log group of the containers (retained on stack deletion); null when the task definition logs elsewhere.</summary>
    public LogGroup? LogGroup => TaskDefinition.LogGroup;

    /// <summary>The ECS service (<c>SchedulingStrategy: DAEMON</c>).</summary>
    public Ec2Service Service { get; }
}
