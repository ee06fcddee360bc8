using Amazon.CDK.AWS.ElasticLoadBalancingV2;

namespace EcsConstructs.Services;

/// <summary>What a service created with <see cref="ListenerRuleOptions"/>: the rule on the shared listener and the target group it forwards to.</summary>
public sealed class SharedListenerLoadBalancing : LoadBalancing
{
    internal SharedListenerLoadBalancing(IApplicationListener listener, ApplicationListenerRule rule, ApplicationTargetGroup targetGroup)
    {
        Listener = listener;
        Rule = rule;
        TargetGroup = targetGroup;
    }

    /// <summary>The shared listener given in <see cref="ListenerRuleOptions.Listener"/>.</summary>
    public override IApplicationListener Listener { get; }

    /// <summary>The rule on the shared listener that forwards to <see cref="TargetGroup"/>.</summary>
    public ApplicationListenerRule Rule { get; }

    /// <summary>The service's ALB target group.</summary>
    public override ApplicationTargetGroup TargetGroup { get; }
}
