using Amazon.CDK.AWS.ElasticLoadBalancingV2;

namespace EcsConstructs.Services;

/// <summary>
/// What a load-balanced service created to receive traffic, one type per choice of
/// <see cref="LoadBalancerOptions"/>: <see cref="ApplicationLoadBalancing"/> (an ALB it created),
/// <see cref="NetworkLoadBalancing"/> (an NLB it created) or <see cref="SharedListenerLoadBalancing"/>
/// (a rule on an existing ALB listener). Match on the type for the members of one kind, e.g.
/// <c>if (web.LoadBalancing is ApplicationLoadBalancing alb) { … alb.LoadBalancer … }</c>.
/// </summary>
public abstract class LoadBalancing
{
    private protected LoadBalancing()
    {
    }

    /// <summary>The listener that forwards to the service.</summary>
    public abstract IListener Listener { get; }

    /// <summary>The service's target group (target type <c>instance</c> for bridge and host mode, <c>ip</c> for awsvpc).</summary>
    public abstract ITargetGroup TargetGroup { get; }
}
