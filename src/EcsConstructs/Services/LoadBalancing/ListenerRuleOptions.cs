using Amazon.CDK;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;

namespace EcsConstructs.Services;

/// <summary>
/// The service joins an existing ALB listener (of another service, or of another stack) with a rule of
/// an explicit priority and path and/or host conditions that forwards to the service's target group. The
/// load balancer, its ports, certificates, ingress and access logs belong to that listener and are
/// configured where it is created. In bridge and host mode the services on one load balancer and
/// capacity share one ingress and one egress rule per port range between the load balancer's and the
/// instances' security groups, created in the load balancer's or the cluster's stack (never in a
/// service's own stack when it holds neither). The result is a <see cref="SharedListenerLoadBalancing"/>.
/// </summary>
public sealed class ListenerRuleOptions : LoadBalancerOptions
{
    /// <summary>The ALB listener to join, e.g. <c>((ApplicationLoadBalancing)web.LoadBalancing).Listener</c>.</summary>
    public required IApplicationListener Listener { get; init; }

    /// <summary>The rule's priority, unique on the listener (lower is evaluated first). Allowed: 1 to 50000.</summary>
    public required int Priority { get; init; }

    /// <summary>Path patterns, e.g. <c>/api/*</c> (each starting with '/'). Default: none.</summary>
    public IReadOnlyList<string>? PathPatterns { get; init; }

    /// <summary>Host headers, e.g. <c>api.example.com</c>. Default: none.</summary>
    /// <remarks>At least one path pattern or host header is required; together at most 5 values.</remarks>
    public IReadOnlyList<string>? HostHeaders { get; init; }

    /// <summary>How long a new target gets a linearly increasing share of requests. Allowed: 30 to 900 seconds. Default: none (full share at once).</summary>
    public Duration? SlowStart { get; init; }

    /// <summary>Load-balancer-cookie stickiness of a client to a target for this long. Allowed: 1 second to 7 days. Default: none (no stickiness).</summary>
    public Duration? StickinessDuration { get; init; }
}
