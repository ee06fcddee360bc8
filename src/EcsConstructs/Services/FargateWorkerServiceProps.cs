namespace EcsConstructs.Services;

/// <summary>Props of <see cref="FargateWorkerService"/>: a Fargate service without a load balancer; see <see cref="ServiceProps"/> for every setting.</summary>
public sealed class FargateWorkerServiceProps : ServiceProps
{
}
