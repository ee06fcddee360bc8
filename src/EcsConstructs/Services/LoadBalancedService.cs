using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
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
        LoadBalancing = loadBalancing!.Attach(CreatedService, props.Cluster.Vpc);
        Container = TaskDefinition.Containers[loadBalancing.ContainerName];
        ContainerPort = loadBalancing.ContainerPort;
        if (props.CreateOutputs)
        {
            CreateOutputs();
        }
    }

    /// <summary>The task definition: the one given, or the one built from the quick-start settings.</summary>
    public EcsTaskDefinition TaskDefinition { get; }

    /// <summary>The log group of the containers (retained on stack deletion); null when the task definition logs elsewhere.</summary>
    public LogGroup? LogGroup => TaskDefinition.LogGroup;

    /// <summary>The container the load balancer sends traffic to.</summary>
    public ContainerDefinition Container { get; }

    /// <summary>The container port the load balancer sends traffic to.</summary>
    public int ContainerPort { get; }

    /// <summary>
    /// What was created to receive traffic, typed by the <see cref="LoadBalancedServiceProps.LoadBalancer"/>
    /// choice: <see cref="ApplicationLoadBalancing"/> (the default), <see cref="NetworkLoadBalancing"/> or
    /// <see cref="SharedListenerLoadBalancing"/>. Its <see cref="LoadBalancing.Listener"/> and
    /// <see cref="LoadBalancing.TargetGroup"/> exist with every choice.
    /// </summary>
    public LoadBalancing LoadBalancing { get; }

    private void CreateOutputs()
    {
        var (dnsName, url) = LoadBalancing switch
        {
            ApplicationLoadBalancing alb => (alb.LoadBalancer.LoadBalancerDnsName, alb.Url),
            NetworkLoadBalancing nlb => (nlb.LoadBalancer.LoadBalancerDnsName, null),
            _ => ((string?)null, (string?)null),
        };
        if (dnsName is not null)
        {
            _ = new CfnOutput(this, "LoadBalancerDns", new CfnOutputProps { Value = dnsName, Description = $"DNS name of the load balancer of {Node.Path}" });
        }

        if (url is not null)
        {
            _ = new CfnOutput(this, "ServiceUrl", new CfnOutputProps { Value = url, Description = $"URL of {Node.Path}" });
        }

        // What `aws deploy create-deployment` needs to ship a new revision of a CodeDeploy service.
        if (LoadBalancing is ApplicationLoadBalancing { BlueGreenDeployment: CodeDeployBlueGreenDeployment codeDeploy })
        {
            _ = new CfnOutput(this, "CodeDeployApplicationName", new CfnOutputProps
            {
                Value = codeDeploy.Application.ApplicationName,
                Description = $"CodeDeploy application of {Node.Path} (aws deploy create-deployment --application-name)",
            });
            _ = new CfnOutput(this, "CodeDeployDeploymentGroupName", new CfnOutputProps
            {
                Value = codeDeploy.DeploymentGroup.DeploymentGroupName,
                Description = $"CodeDeploy deployment group of {Node.Path} (aws deploy create-deployment --deployment-group-name)",
            });
        }
    }

    /// <summary>The ECS service, whichever its launch type.</summary>
    private protected BaseService CreatedService { get; }
}
