namespace EcsConstructs.Services;

/// <summary>Which kind of load balancer a load-balanced service creates.</summary>
public enum LoadBalancerKind
{
    /// <summary>An Application Load Balancer (HTTP/HTTPS, listener rules, redirects, stickiness, slow start).</summary>
    Application,

    /// <summary>A Network Load Balancer (TCP, or TLS with a certificate), with its own security group.</summary>
    Network,
}
