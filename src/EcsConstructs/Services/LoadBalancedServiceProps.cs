using Amazon.CDK;

namespace EcsConstructs.Services;

/// <summary>
/// Settings of the load-balanced service kinds: the target container and port, the load balancer
/// (one choice: an ALB or an NLB the service creates, or a rule on an existing ALB listener), and the
/// target group's health check and deregistration delay.
/// </summary>
public abstract class LoadBalancedServiceProps : ReplicaServiceProps
{
    private static readonly Duration DefaultDeregistrationDelay = Duration.Seconds(30);
    private static readonly Duration DefaultHealthCheckGracePeriod = Duration.Seconds(60);

    /// <summary>
    /// Quick start: the port the container listens on. With <see cref="ServiceProps.TaskDefinition"/>: the
    /// target container's port the load balancer sends to (it must be one of its port mappings). Allowed: 1
    /// to 65535. Default: 80 (quick start), the target container's first port mapping otherwise.
    /// </summary>
    public int? ContainerPort { get; init; }

    /// <summary>
    /// How the service is reached: <see cref="ApplicationLoadBalancerOptions"/> (the service creates an
    /// ALB), <see cref="NetworkLoadBalancerOptions"/> (it creates an NLB) or <see cref="ListenerRuleOptions"/>
    /// (a rule on an existing ALB listener). Default: a new internet-facing ALB with an HTTP listener on port 80.
    /// </summary>
    public LoadBalancerOptions LoadBalancer { get; init; } = new ApplicationLoadBalancerOptions();

    /// <summary>
    /// Write stack outputs that <c>cdk deploy</c> prints: the load balancer's DNS name
    /// (<c>LoadBalancerDns</c>) and, for an ALB, the service's URL (<c>ServiceUrl</c>: http or https, with
    /// the port when it is not 80 or 443). A service on a shared listener writes none (the listener's
    /// load balancer belongs to another construct). Default: true.
    /// </summary>
    public bool CreateOutputs { get; init; } = true;

    /// <summary>The target group's health check. Default: <see cref="HealthCheckOptions"/> defaults ("/" on the traffic port every 30 s, 200-399).</summary>
    public HealthCheckOptions HealthCheck { get; init; } = new();

    /// <summary>
    /// How long the load balancer lets in-flight requests of a deregistering task finish. Allowed: 0 to
    /// 3600 seconds. Default: 30 seconds (the AWS default is 300 s, which makes every
    /// deployment wait five minutes per batch of tasks).
    /// </summary>
    public Duration DeregistrationDelay { get; init; } = DefaultDeregistrationDelay;

    /// <summary>
    /// How long ECS ignores failing load balancer health checks of a new task (make it longer than the
    /// application's start-up). Allowed: 0 to 2147483647 seconds. Default: 60 seconds.
    /// </summary>
    public Duration HealthCheckGracePeriod { get; init; } = DefaultHealthCheckGracePeriod;
}
