using Amazon.CDK;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.S3;

namespace EcsConstructs.Services;

/// <summary>
/// Settings of the load-balanced service kinds: the target container and port, the load balancer
/// (ALB or NLB, public or internal, HTTP or HTTPS with redirect, ingress CIDRs, access logs), or a
/// shared ALB listener with a rule, and the target group (health check, deregistration delay, slow
/// start, stickiness).
/// </summary>
public abstract class LoadBalancedServiceProps : ServiceProps
{
    private static readonly Duration DefaultDeregistrationDelay = Duration.Seconds(30);
    private static readonly Duration DefaultHealthCheckGracePeriod = Duration.Seconds(60);

    /// <summary>
    /// Quick start: the port the container listens on. With <see cref="ServiceProps.TaskDefinition"/>: the
    /// target container's port the load balancer sends to (it must be one of its port mappings). Allowed: 1
    /// to 65535. Default: 80 (quick start), the target container's first port mapping otherwise.
    /// </summary>
    public int? ContainerPort { get; init; }

    /// <summary>Which load balancer to create. Default: <see cref="LoadBalancerKind.Application"/>.</summary>
    public LoadBalancerKind LoadBalancerType { get; init; } = LoadBalancerKind.Application;

    /// <summary>Whether the load balancer is internet-facing (in public subnets) or internal (in private subnets). Default: true.</summary>
    public bool PublicLoadBalancer { get; init; } = true;

    /// <summary>The listener port. Allowed: 1 to 65535. Default: 443 with <see cref="CertificateArn"/>, else 80.</summary>
    public int? ListenerPort { get; init; }

    /// <summary>
    /// ARN of an ACM certificate: the listener speaks HTTPS (ALB) or TLS (NLB) with <see cref="SslPolicy"/>.
    /// Default: none (plain HTTP or TCP).
    /// </summary>
    public string? CertificateArn { get; init; }

    /// <summary>ALB with <see cref="CertificateArn"/> only: add a port 80 listener that redirects to HTTPS. Default: true.</summary>
    public bool RedirectHttpToHttps { get; init; } = true;

    /// <summary>The TLS policy of an HTTPS/TLS listener. Default: <see cref="SslPolicy.RECOMMENDED_TLS"/> (TLS 1.2 and 1.3).</summary>
    public SslPolicy SslPolicy { get; init; } = SslPolicy.RECOMMENDED_TLS;

    /// <summary>
    /// IPv4 or IPv6 CIDR blocks allowed to reach the listener(s). Default: <c>0.0.0.0/0</c> for a public
    /// load balancer, the VPC's CIDR block for an internal one.
    /// </summary>
    public IReadOnlyList<string>? IngressCidrs { get; init; }

    /// <summary>The target group's health check. Default: <see cref="HealthCheckOptions"/> defaults ("/" on the traffic port every 30 s, 200-399).</summary>
    public HealthCheckOptions HealthCheck { get; init; } = new();

    /// <summary>
    /// How long the load balancer lets in-flight requests of a deregistering task finish. Allowed: 0 to
    /// 3600 seconds. Default: 30 seconds (the AWS default is 300 s, which makes every
    /// deployment wait five minutes per batch of tasks).
    /// </summary>
    public Duration DeregistrationDelay { get; init; } = DefaultDeregistrationDelay;

    /// <summary>ALB only: how long a new target gets a linearly increasing share of requests. Allowed: 30 to 900 seconds. Default: none (full share at once).</summary>
    public Duration? SlowStart { get; init; }

    /// <summary>ALB only: load-balancer-cookie stickiness of a client to a target for this long. Allowed: 1 second to 7 days. Default: none (no stickiness).</summary>
    public Duration? StickinessDuration { get; init; }

    /// <summary>
    /// How long ECS ignores failing load balancer health checks of a new task (make it longer than the
    /// application's start-up). Allowed: 0 to 2147483647 seconds. Default: 60 seconds.
    /// </summary>
    public Duration HealthCheckGracePeriod { get; init; } = DefaultHealthCheckGracePeriod;

    /// <summary>
    /// An existing ALB listener to join (e.g. from another stack) instead of creating a load balancer; needs
    /// <see cref="ListenerRule"/>. The load balancer settings (type, public, port, certificate, ingress, access
    /// logs) belong to that listener's load balancer and must be left unset. In bridge and host mode the services
    /// on one load balancer and capacity share one ingress and one egress rule per port range between the load
    /// balancer's and the instances' security groups, created in the load balancer's or the cluster's stack
    /// (never in a service's own stack when it holds neither). Default: none (a load balancer is created).
    /// </summary>
    public IApplicationListener? Listener { get; init; }

    /// <summary>The rule on <see cref="Listener"/> that forwards to this service. Required with <see cref="Listener"/>, not allowed without. Default: none.</summary>
    public ListenerRuleOptions? ListenerRule { get; init; }

    /// <summary>
    /// S3 bucket that receives the load balancer's access logs (it must use SSE-S3 encryption; the bucket
    /// policy for the region's load-balancing account is added). The stack's region must be known. Default: no access logs.
    /// </summary>
    public IBucket? AccessLogsBucket { get; init; }

    /// <summary>Key prefix of the access logs in <see cref="AccessLogsBucket"/>. Default: the construct path's unique name.</summary>
    public string? AccessLogsPrefix { get; init; }
}
