using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Rules;

/// <summary>
/// A correct EC2 cluster written with L1 resources only (launch template, group, capacity
/// provider, cluster, association, task definition, service), which tests break one property
/// at a time. Raw L1 is how rules meet configurations our constructs refuse up front.
/// </summary>
internal sealed class L1World
{
    public L1World(string instanceType = "t3.small", string stackName = "Test")
        : this(TestApps.NewStack(stackName), instanceType)
    {
    }

    /// <summary>The world built in <paramref name="stack"/> (e.g. a second stack of an app, or a nested stack).</summary>
    public L1World(Stack stack, string instanceType = "t3.small")
    {
        Stack = stack;
        LaunchData = new CfnLaunchTemplate.LaunchTemplateDataProperty
        {
            InstanceType = instanceType,
            ImageId = "ami-12345678",
            UserData = Fn.Base64("#!/bin/bash\necho ECS_CLUSTER=test >> /etc/ecs/ecs.config"),
        };
        LaunchTemplate = new CfnLaunchTemplate(Stack, "Lt", new CfnLaunchTemplateProps
        {
            LaunchTemplateData = LaunchData,
        });
        Group = new CfnAutoScalingGroup(Stack, "Asg", new CfnAutoScalingGroupProps
        {
            MinSize = "0",
            MaxSize = "4",
            NewInstancesProtectedFromScaleIn = true,
            VpcZoneIdentifier = ["subnet-11111111", "subnet-22222222"],
            LaunchTemplate = new CfnAutoScalingGroup.LaunchTemplateSpecificationProperty { LaunchTemplateId = LaunchTemplate.Ref, Version = LaunchTemplate.AttrLatestVersionNumber },
        });
        ProviderSettings = new CfnCapacityProvider.AutoScalingGroupProviderProperty
        {
            AutoScalingGroupArn = Group.Ref,
            ManagedTerminationProtection = "DISABLED",
        };
        Provider = new CfnCapacityProvider(Stack, "Cp", new CfnCapacityProviderProps
        {
            Name = "cp-web",
            AutoScalingGroupProvider = ProviderSettings,
        });
        Cluster = new CfnCluster(Stack, "Cluster");
        Association = new CfnClusterCapacityProviderAssociations(Stack, "Assoc", new CfnClusterCapacityProviderAssociationsProps
        {
            Cluster = Cluster.Ref,
            CapacityProviders = new[] { Provider.Ref },
            DefaultCapacityProviderStrategy = new[] { new CfnClusterCapacityProviderAssociations.CapacityProviderStrategyProperty { CapacityProvider = Provider.Ref, Weight = 1 } },
        });
        TaskDefinition = new CfnTaskDefinition(Stack, "Td", new CfnTaskDefinitionProps
        {
            NetworkMode = "bridge",
            ContainerDefinitions = new[] { Container() },
        });
        Service = new CfnService(Stack, "Service", new CfnServiceProps
        {
            Cluster = Cluster.Ref,
            TaskDefinition = TaskDefinition.Ref,
            DesiredCount = 2,
            DeploymentConfiguration = new CfnService.DeploymentConfigurationProperty
            {
                MinimumHealthyPercent = 100,
                MaximumPercent = 200,
                DeploymentCircuitBreaker = new CfnService.DeploymentCircuitBreakerProperty { Enable = true, Rollback = true },
            },
        });
        Service.AddDependency(Association);
    }

    public Stack Stack { get; }

    /// <summary>The launch template data as given (jsii copies structs: change it, then call <see cref="Update"/>).</summary>
    public CfnLaunchTemplate.LaunchTemplateDataProperty LaunchData { get; }

    /// <summary>The capacity provider's group settings as given.</summary>
    public CfnCapacityProvider.AutoScalingGroupProviderProperty ProviderSettings { get; }

    public CfnLaunchTemplate LaunchTemplate { get; }

    public CfnAutoScalingGroup Group { get; }

    public CfnCapacityProvider Provider { get; }

    public CfnCluster Cluster { get; }

    public CfnClusterCapacityProviderAssociations Association { get; }

    public CfnTaskDefinition TaskDefinition { get; }

    public CfnService Service { get; }

    public static CfnTaskDefinition.ContainerDefinitionProperty Container(string name = "app", double memory = 256, double hostPort = 0, double? cpu = 256) => new()
    {
        Name = name,
        Image = "public.ecr.aws/nginx/nginx:1.27",
        Memory = memory,
        Cpu = cpu,
        Essential = true,
        PortMappings = new[] { new CfnTaskDefinition.PortMappingProperty { ContainerPort = 80, HostPort = hostPort } },
    };

    /// <summary>Writes <see cref="LaunchData"/> and <see cref="ProviderSettings"/> to the L1s again.</summary>
    public void Update()
    {
        LaunchTemplate.LaunchTemplateData = LaunchData;
        Provider.AutoScalingGroupProvider = ProviderSettings;
    }

    public RuleFindings Synth() => RuleFindings.Of(Stack);
}
