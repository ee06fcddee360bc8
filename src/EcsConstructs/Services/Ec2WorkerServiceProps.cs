namespace EcsConstructs.Services;

/// <summary>Props of <see cref="Ec2WorkerService"/>: a service on EC2 capacity without a load balancer; see <see cref="ServiceProps"/> for every setting.</summary>
public sealed class Ec2WorkerServiceProps : ServiceProps
{
}
