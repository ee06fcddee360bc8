using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;

namespace EcsConstructs.Services;

/// <summary>What a service created with <see cref="NetworkLoadBalancerOptions"/>: the NLB, its security group, its listener and the target group.</summary>
public sealed class NetworkLoadBalancing : LoadBalancing
{
    internal NetworkLoadBalancing(NetworkLoadBalancer loadBalancer, SecurityGroup securityGroup, NetworkListener listener, NetworkTargetGroup targetGroup)
    {
        LoadBalancer = loadBalancer;
        SecurityGroup = securityGroup;
        Listener = listener;
        TargetGroup = targetGroup;
    }

    /// <summary>The Network Load Balancer.</summary>
    public NetworkLoadBalancer LoadBalancer { get; }

    /// <summary>The load balancer's security group (no outbound rule except to the tasks or instances).</summary>
    public SecurityGroup SecurityGroup { get; }

    /// <summary>The TCP listener, or the TLS listener with a certificate.</summary>
    public override NetworkListener Listener { get; }

    /// <summary>The service's NLB target group.</summary>
    public override NetworkTargetGroup TargetGroup { get; }
}
