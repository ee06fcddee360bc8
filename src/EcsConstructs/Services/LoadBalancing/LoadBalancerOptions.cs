namespace EcsConstructs.Services;

/// <summary>
/// How a load-balanced service is reached, one of three choices:
/// <list type="bullet">
/// <item><see cref="ApplicationLoadBalancerOptions"/>: the service creates an Application Load Balancer (the default);</item>
/// <item><see cref="NetworkLoadBalancerOptions"/>: the service creates a Network Load Balancer;</item>
/// <item><see cref="ListenerRuleOptions"/>: the service joins an existing ALB listener with a rule.</item>
/// </list>
/// The service exposes what was created as the matching <see cref="LoadBalancing"/> result:
/// <see cref="ApplicationLoadBalancing"/>, <see cref="NetworkLoadBalancing"/> or <see cref="SharedListenerLoadBalancing"/>.
/// </summary>
public abstract class LoadBalancerOptions
{
    private protected LoadBalancerOptions()
    {
    }
}
