namespace EcsConstructs.Services;

/// <summary>Props of <see cref="LoadBalancedFargateService"/>: a Fargate service behind a load balancer; see <see cref="LoadBalancedServiceProps"/> for every setting.</summary>
public sealed class LoadBalancedFargateServiceProps : LoadBalancedServiceProps
{
}
