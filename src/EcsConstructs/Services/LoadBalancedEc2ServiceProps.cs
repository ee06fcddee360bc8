namespace EcsConstructs.Services;

/// <summary>Props of <see cref="LoadBalancedEc2Service"/>: a service on EC2 capacity behind a load balancer; see <see cref="LoadBalancedServiceProps"/> for every setting.</summary>
public sealed class LoadBalancedEc2ServiceProps : LoadBalancedServiceProps
{
}
