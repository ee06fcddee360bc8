using Amazon.CDK;

namespace EcsConstructs.Services;

/// <summary>
/// The service creates an Application Load Balancer: an HTTP listener, or with
/// <see cref="NewLoadBalancerOptions.CertificateArn"/> an HTTPS listener and a port 80 listener that
/// redirects to it. The result is an <see cref="ApplicationLoadBalancing"/>. The default choice of
/// every load-balanced service (internet-facing, HTTP on port 80).
/// </summary>
public sealed class ApplicationLoadBalancerOptions : NewLoadBalancerOptions
{
    /// <summary>With <see cref="NewLoadBalancerOptions.CertificateArn"/> only: add a port 80 listener that redirects to HTTPS. Default: true.</summary>
    public bool RedirectHttpToHttps { get; init; } = true;

    /// <summary>How long a new target gets a linearly increasing share of requests. Allowed: 30 to 900 seconds. Default: none (full share at once).</summary>
    public Duration? SlowStart { get; init; }

    /// <summary>Load-balancer-cookie stickiness of a client to a target for this long. Allowed: 1 second to 7 days. Default: none (no stickiness).</summary>
    public Duration? StickinessDuration { get; init; }

    /// <summary>
    /// Deploy blue/green instead of rolling: <see cref="EcsBlueGreenDeploymentOptions"/> (ECS's native
    /// deployments) or <see cref="CodeDeployBlueGreenDeploymentOptions"/> (run by AWS CodeDeploy); an ALB the service
    /// creates is the only load balancer choice that supports them. Default: none (rolling updates within
    /// <see cref="ServiceProps.MinHealthyPercent"/> and <see cref="ReplicaServiceProps.MaxHealthyPercent"/>).
    /// </summary>
    public BlueGreenDeploymentOptions? BlueGreenDeployment { get; init; }
}
