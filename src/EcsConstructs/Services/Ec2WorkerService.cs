using Amazon.CDK.AWS.ECS;
using Constructs;

namespace EcsConstructs.Services;

/// <summary>
/// A service on EC2 capacity without a load balancer (a worker): <c>bridge</c> mode by default,
/// <c>none</c> for tasks without network, <c>host</c> or <c>awsvpc</c> when needed; placement
/// strategies and constraints; safe deployments; no <c>LaunchType</c> (the cluster's default strategy
/// applies unless the service names its own).
/// </summary>
public sealed class Ec2WorkerService : WorkerService
{
    /// <summary>Creates the service and its task definition (quick start).</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="props">The settings.</param>
    public Ec2WorkerService(Construct scope, string id, Ec2WorkerServiceProps props)
        : base(scope, id, props, fargate: false)
    {
    }

    /// <summary>The ECS service.</summary>
    public Ec2Service Service => (Ec2Service)CreatedService;
}
