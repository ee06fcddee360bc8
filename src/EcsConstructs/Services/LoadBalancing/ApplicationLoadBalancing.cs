using Amazon.CDK.AWS.ElasticLoadBalancingV2;

namespace EcsConstructs.Services;

/// <summary>What a service created with <see cref="ApplicationLoadBalancerOptions"/>: the ALB, its listener(s) and the target group.</summary>
public sealed class ApplicationLoadBalancing : LoadBalancing
{
    internal ApplicationLoadBalancing(ApplicationLoadBalancer loadBalancer, ApplicationListener listener, ApplicationListener? redirectListener, ApplicationTargetGroup targetGroup, string url,
        BlueGreenDeployment? blueGreenDeployment)
    {
        BlueGreenDeployment = blueGreenDeployment;
        Url = url;
        LoadBalancer = loadBalancer;
        Listener = listener;
        RedirectListener = redirectListener;
        TargetGroup = targetGroup;
    }

    /// <summary>The Application Load Balancer.</summary>
    public ApplicationLoadBalancer LoadBalancer { get; }

    /// <summary>
    /// The HTTP listener, or the HTTPS listener with a certificate; it forwards to <see cref="TargetGroup"/> by
    /// default, or with ECS's native blue/green deployments through <see cref="EcsBlueGreenDeployment.ProductionListenerRule"/>.
    /// </summary>
    public override ApplicationListener Listener { get; }

    /// <summary>The port 80 listener that redirects to HTTPS; null without a certificate or with the redirect turned off.</summary>
    public ApplicationListener? RedirectListener { get; }

    /// <summary>The service's ALB target group.</summary>
    public override ApplicationTargetGroup TargetGroup { get; }

    /// <summary>
    /// The service's URL through the load balancer's DNS name: <c>http://…</c> or, with a certificate,
    /// <c>https://…</c>, with the listener port when it is not the protocol's default (a token until deployment).
    /// </summary>
    public string Url { get; }

    /// <summary>
    /// What blue/green deployments need, typed by the choice: an <see cref="EcsBlueGreenDeployment"/> or a
    /// <see cref="CodeDeployBlueGreenDeployment"/>; null without <see cref="ApplicationLoadBalancerOptions.BlueGreenDeployment"/>.
    /// </summary>
    public BlueGreenDeployment? BlueGreenDeployment { get; }
}
