using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Rules;

/// <summary>
/// A correct Fargate web service written with raw CDK L2 constructs: a VPC over two named
/// zones with a NAT gateway, an internet-facing ALB and an awsvpc service in private subnets.
/// Tests break one thing at a time, through L1 escape hatches.
/// </summary>
internal sealed class FargateWorld
{
    public FargateWorld(Action<FargateTaskDefinition>? configure = null)
    {
        Stack = TestApps.NewStack();
        Vpc = new Vpc(Stack, "Vpc", new VpcProps { AvailabilityZones = ["eu-west-1a", "eu-west-1b"], NatGateways = 1, RestrictDefaultSecurityGroup = false });
        Cluster = new Cluster(Stack, "Cluster", new ClusterProps { Vpc = Vpc });
        TaskDefinition = new FargateTaskDefinition(Stack, "Td", new FargateTaskDefinitionProps { Cpu = 256, MemoryLimitMiB = 512 });
        Container = TaskDefinition.AddContainer("app", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
            PortMappings = [new PortMapping { ContainerPort = 80 }],
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { StreamPrefix = "app" }),
        });
        configure?.Invoke(TaskDefinition);
        Service = new FargateService(Stack, "Service", new FargateServiceProps
        {
            Cluster = Cluster,
            TaskDefinition = TaskDefinition,
            DesiredCount = 2,
            CircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
        });
        LoadBalancer = new ApplicationLoadBalancer(Stack, "Alb", new ApplicationLoadBalancerProps { Vpc = Vpc, InternetFacing = true });
        Listener = LoadBalancer.AddListener("Http", new BaseApplicationListenerProps { Port = 80, Open = true });
        TargetGroup = Listener.AddTargets("App", new AddApplicationTargetsProps { Port = 80, Targets = [Service] });
    }

    public Stack Stack { get; }

    public Vpc Vpc { get; }

    public Cluster Cluster { get; }

    public FargateTaskDefinition TaskDefinition { get; }

    public ContainerDefinition Container { get; }

    public FargateService Service { get; }

    public ApplicationLoadBalancer LoadBalancer { get; }

    public ApplicationListener Listener { get; }

    public ApplicationTargetGroup TargetGroup { get; }

    public CfnService CfnService => (CfnService)Service.Node.DefaultChild!;

    public CfnTaskDefinition CfnTaskDefinition => (CfnTaskDefinition)TaskDefinition.Node.DefaultChild!;

    public CfnTargetGroup CfnTargetGroup => (CfnTargetGroup)TargetGroup.Node.DefaultChild!;

    public RuleFindings Synth() => RuleFindings.Of(Stack);
}
