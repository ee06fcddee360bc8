using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.Logs;
using Constructs;
using EcsConstructs.Tasks;

namespace EcsConstructs.Services;

/// <summary>
/// What the services without a load balancer (<see cref="Ec2WorkerService"/>, <see cref="FargateWorkerService"/>)
/// share: the task definition and the ECS service with safe deployments. Queue consumers, schedulers,
/// anything reached through Cloud Map or not at all.
/// </summary>
public abstract class WorkerService : Construct
{
    private protected WorkerService(Construct scope, string id, ServiceProps props, bool fargate)
        : base(scope, id)
    {
        // No load balancer: no health check grace period (ECS refuses one, failure class 19 (docs/failure-classes.md)).
        (TaskDefinition, CreatedService) = ServiceBuilder.Build(this, props, fargate, quickStartPort: null, gracePeriod: null);
    }

    /// <summary>The task definition: the one given, or the one built from the quick-start settings.</summary>
    public EcsTaskDefinition TaskDefinition { get; }

    /// <summary>The log group of the containers (retained on stack deletion); null when the task definition logs elsewhere.</summary>
    public LogGroup? LogGroup => TaskDefinition.LogGroup;

    /// <summary>The ECS service, whichever its launch type.</summary>
    private protected BaseService CreatedService { get; }
}
