using Amazon.CDK.AWS.ECS;
using Constructs;

namespace EcsConstructs.Services;

/// <summary>
/// A Fargate service without a load balancer (a worker), e.g. a queue consumer on Fargate Spot:
/// <c>awsvpc</c> tasks in private subnets with a security group that admits nothing, safe deployments,
/// and a <c>FARGATE</c>/<c>FARGATE_SPOT</c> strategy instead of a <c>LaunchType</c>.
/// </summary>
public sealed class FargateWorkerService : WorkerService
{
    /// <summary>Creates the service and its task definition (quick start).</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="props">The settings.</param>
    public FargateWorkerService(Construct scope, string id, FargateWorkerServiceProps props)
        : base(scope, id, props, fargate: true)
    {
    }

    /// <summary>The ECS service.</summary>
    public FargateService Service => (FargateService)CreatedService;
}
