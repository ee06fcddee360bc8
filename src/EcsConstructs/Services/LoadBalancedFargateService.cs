using Amazon.CDK.AWS.ECS;
using Constructs;

namespace EcsConstructs.Services;

/// <summary>
/// A Fargate service behind a load balancer: <c>awsvpc</c> tasks in private subnets, an <c>ip</c> target
/// group, and a task security group that admits the load balancer's security group only, on the
/// container port. Deployments are safe by default (100 % / 200 %, circuit breaker with rollback). No
/// <c>LaunchType</c> is written: the service names an explicit <c>FARGATE</c> strategy (or its own
/// <c>FARGATE</c>/<c>FARGATE_SPOT</c> strategy), or none when the cluster is an <c>EcsCluster</c> whose
/// default strategy is Fargate, so switching strategies later never replaces the service.
/// </summary>
public sealed class LoadBalancedFargateService : LoadBalancedService
{
    /// <summary>Creates the service, its task definition (quick start), load balancer, listener(s) and target group.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="props">The settings.</param>
    public LoadBalancedFargateService(Construct scope, string id, LoadBalancedFargateServiceProps props)
        : base(scope, id, props, fargate: true)
    {
    }

    /// <summary>The ECS service.</summary>
    public FargateService Service => (FargateService)CreatedService;
}
