using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.Logs;
using Constructs;
using EcsConstructs.Rules;
using EcsConstructs.Tasks;
using EcsConstructs.Validation;

namespace EcsConstructs.Services;

/// <summary>
/// What the load-balanced services (<see cref="LoadBalancedEc2Service"/>, <see cref="LoadBalancedFargateService"/>)
/// share: the task definition, the ECS service with safe deployments, and its load balancer, listener(s)
/// and target group, or a rule on a shared ALB listener.
/// </summary>
public abstract class LoadBalancedService : Construct
{
    private protected LoadBalancedService(Construct scope, string id, LoadBalancedServiceProps props, bool fargate)
        : base(scope, id)
    {
        if (props.TaskDefinition is null)
        {
            Check.InRange(RuleIds.OutOfRange, this, nameof(props.ContainerPort), props.ContainerPort, 1, 65535);
        }

        ServiceLoadBalancing? loadBalancing = null;
        (TaskDefinition, CreatedService) = ServiceBuilder.Build(this, props, fargate, props.ContainerPort ?? 80, props.HealthCheckGracePeriod,
            task => loadBalancing = ServiceLoadBalancing.Plan(this, props, task));
        loadBalancing!.Attach(CreatedService, props.Cluster.Vpc);

        Container = TaskDefinition.Containers[loadBalancing.ContainerName];
        ContainerPort = loadBalancing.ContainerPort;
        LoadBalancer = loadBalancing.ApplicationLoadBalancer;
        NetworkLoadBalancer = loadBalancing.NetworkLoadBalancer;
        Listener = loadBalancing.Listener;
        NetworkListener = loadBalancing.NetworkListener;
        RedirectListener = loadBalancing.RedirectListener;
        ListenerRule = loadBalancing.ListenerRule;
        TargetGroup = loadBalancing.TargetGroup;
        NetworkTargetGroup = loadBalancing.NetworkTargetGroup;
    }

    /// <summary>The task definition: the one given, or the one built from the quick-start settings.</summary>
    public EcsTaskDefinition TaskDefinition { get; }

    /// <summary>The log group of the containers (retained on stack deletion); null when the task definition logs elsewhere.</summary>
    public LogGroup? LogGroup => TaskDefinition.LogGroup;

    /// <summary>The container the load balancer sends traffic to.</summary>
    public ContainerDefinition Container { get; }

    /// <summary>The container port the load balancer sends traffic to.</summary>
    public int ContainerPort { get; }

    /// <summary>The Application Load Balancer created; null with a Network Load Balancer or a shared listener.</summary>
    public ApplicationLoadBalancer? LoadBalancer { get; }

    /// <summary>The Network Load Balancer created with <see cref="LoadBalancerKind.Network"/>; null otherwise.</summary>
    public NetworkLoadBalancer? NetworkLoadBalancer { get; }

    /// <summary>The ALB listener that forwards to the service: the created HTTP or HTTPS listener, or the shared one; null with an NLB.</summary>
    public IApplicationListener? Listener { get; }

    /// <summary>The NLB listener (TCP, or TLS with a certificate); null with an ALB.</summary>
    public NetworkListener? NetworkListener { get; }

    /// <summary>The port 80 listener redirecting to HTTPS; null without a certificate or with the redirect off.</summary>
    public ApplicationListener? RedirectListener { get; }

    /// <summary>The rule on the shared listener; null when the service created its load balancer.</summary>
    public ApplicationListenerRule? ListenerRule { get; }

    /// <summary>The ALB target group (target type <c>instance</c> for bridge and host mode, <c>ip</c> for awsvpc); null with an NLB.</summary>
    public ApplicationTargetGroup? TargetGroup { get; }

    /// <summary>The NLB target group; null with an ALB.</summary>
    public NetworkTargetGroup? NetworkTargetGroup { get; }

    /// <summary>The ECS service, whichever its launch type.</summary>
    private protected BaseService CreatedService { get; }
}
