using Amazon.CDK.AWS.ECS;
using Constructs;

namespace EcsConstructs.Services;

/// <summary>
/// A service on EC2 capacity behind a load balancer. By default the task runs in <c>bridge</c> mode
/// with the container port mapped to dynamic host port 0, the target group has target type
/// <c>instance</c>, and the instances' security group admits the load balancer's security group only,
/// on the capacity's ephemeral port range (one ingress and one egress rule per pair of groups and port
/// range, shared by every service on that load balancer and capacity, in the stack of the load balancer
/// or of the cluster); <c>host</c> mode (one task per port per instance) and
/// <c>awsvpc</c> (<c>ip</c> targets) are available too. Deployments are safe by default (100 % / 200 %,
/// circuit breaker with rollback); no <c>LaunchType</c> is written, so the cluster's default strategy
/// applies unless the service names its own.
/// </summary>
public sealed class LoadBalancedEc2Service : LoadBalancedService
{
    /// <summary>Creates the service, its task definition (quick start), load balancer, listener(s) and target group.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="props">The settings.</param>
    public LoadBalancedEc2Service(Construct scope, string id, LoadBalancedEc2ServiceProps props)
        : base(scope, id, props, fargate: false)
    {
    }

    /// <summary>The ECS service.</summary>
    public Ec2Service Service => (Ec2Service)CreatedService;
}
