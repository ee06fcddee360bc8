using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;

namespace EcsConstructs.Tests.Rules;

/// <summary>
/// DAEMON services and blue/green deployments as users write them with aws-cdk-lib (L1 resources and
/// property overrides, since the CDK's L2 constructs have no native blue/green options): the DAEMON
/// rules (ECS001 beside a daemon, ECS040, ECS072) on the L1 world of <see cref="L1World"/>, the
/// deployment rules (ECS073-ECS075) on the Fargate web service of <see cref="FargateWorld"/>.
/// </summary>
public sealed class DaemonAndBlueGreenRulesTests
{
    [Fact]
    public void ECS001_a_task_that_fits_an_instance_alone_but_not_beside_the_daemon()
    {
        var w = new L1World();
        w.TaskDefinition.ContainerDefinitions = new[] { L1World.Container(memory: 1800) };
        _ = Daemon(w, memory: 256);

        w.Synth().Fired("ECS001", "the task needs 1800 MiB of memory but beside DAEMON service Test/Daemon (256 CPU units, 256 MiB) on every instance, t3.small instances of Test/Asg have about 1669 of their 1925 MiB left");
    }

    [Fact]
    public void ECS001_a_task_that_fits_beside_the_daemon_is_fine()
    {
        var w = new L1World();
        w.TaskDefinition.ContainerDefinitions = new[] { L1World.Container(memory: 1600) };
        _ = Daemon(w, memory: 256);

        w.Synth().Silent("ECS001");
    }

    [Fact]
    public void ECS040_a_daemon_with_the_code_deploy_controller()
    {
        var w = new L1World();
        var daemon = Daemon(w, memory: 256);
        daemon.DeploymentController = new CfnService.DeploymentControllerProperty { Type = "CODE_DEPLOY" };

        w.Synth().Fired("ECS040", "is a DAEMON service with DeploymentController.Type CODE_DEPLOY");
    }

    [Fact]
    public void ECS072_auto_scaling_on_a_daemon_service()
    {
        var w = new L1World();
        var daemon = Daemon(w, memory: 256);
        _ = new CfnScalableTarget(w.Stack, "DaemonTarget", new CfnScalableTargetProps
        {
            ServiceNamespace = "ecs",
            ScalableDimension = "ecs:service:DesiredCount",
            ResourceId = Fn.Join(string.Empty, ["service/", w.Cluster.Ref, "/", daemon.AttrName]),
            MinCapacity = 1,
            MaxCapacity = 4,
        });

        w.Synth().Fired("ECS072", "is a DAEMON service, but scalable target Test/DaemonTarget scales its desired count");
    }

    [Fact]
    public void ECS072_a_daemon_without_a_scalable_target_is_fine()
    {
        var w = new L1World();
        _ = Daemon(w, memory: 256);

        w.Synth().Silent("ECS072");
    }

    [Fact]
    public void ECS073_blue_green_strategy_without_advanced_configuration()
    {
        var w = new FargateWorld();
        w.CfnService.AddPropertyOverride("DeploymentConfiguration.Strategy", "BLUE_GREEN");

        w.Synth().Fired("ECS073", "deploys with Strategy BLUE_GREEN but LoadBalancers[0] has no AdvancedConfiguration");
    }

    [Fact]
    public void ECS073_ECS074_a_complete_native_blue_green_deployment_is_fine()
    {
        var w = new FargateWorld();
        var green = AlternateTargetGroup(w, "ip");
        BlueGreen(w, green, ProductionRule(w, green).Ref);

        var findings = w.Synth();
        findings.Silent("ECS073");
        findings.Silent("ECS074");
        findings.Silent("ECS046");
    }

    [Fact]
    public void ECS074_an_alternate_target_group_of_another_target_type()
    {
        var w = new FargateWorld();
        var green = AlternateTargetGroup(w, "instance");
        BlueGreen(w, green, ProductionRule(w, green).Ref);

        w.Synth().Fired("ECS074", "has TargetType instance but primary target group");
    }

    [Fact]
    public void ECS074_a_production_listener_rule_that_does_not_forward_to_the_primary_target_group()
    {
        var w = new FargateWorld();
        var green = AlternateTargetGroup(w, "ip");
        var rule = ProductionRule(w, green);
        rule.AddPropertyOverride("Actions.0.ForwardConfig.TargetGroups.0.TargetGroupArn", green.Ref);
        BlueGreen(w, green, rule.Ref);

        w.Synth().Fired("ECS074", "ProductionListenerRule Test/ProductionRule does not forward to the primary target group");
    }

    [Fact]
    public void ECS075_a_circuit_breaker_with_the_code_deploy_controller()
    {
        var w = new FargateWorld();
        w.CfnService.DeploymentController = new CfnService.DeploymentControllerProperty { Type = "CODE_DEPLOY" };

        w.Synth().Fired("ECS075", "enables DeploymentConfiguration.DeploymentCircuitBreaker with DeploymentController.Type CODE_DEPLOY");
    }

    [Fact]
    public void ECS075_the_code_deploy_controller_without_a_circuit_breaker_is_fine()
    {
        var w = new FargateWorld();
        w.CfnService.DeploymentController = new CfnService.DeploymentControllerProperty { Type = "CODE_DEPLOY" };
        w.CfnService.AddPropertyDeletionOverride("DeploymentConfiguration.DeploymentCircuitBreaker");

        w.Synth().Silent("ECS075");
    }

    /// <summary>A DAEMON service (LaunchType EC2, no desired count) of <paramref name="memory"/> MiB and 256 CPU units on the world's cluster.</summary>
    private static CfnService Daemon(L1World w, double memory)
    {
        var taskDefinition = new CfnTaskDefinition(w.Stack, "DaemonTd", new CfnTaskDefinitionProps
        {
            NetworkMode = "bridge",
            ContainerDefinitions = new[] { L1World.Container(name: "agent", memory: memory) },
        });
        var daemon = new CfnService(w.Stack, "Daemon", new CfnServiceProps
        {
            Cluster = w.Cluster.Ref,
            TaskDefinition = taskDefinition.Ref,
            SchedulingStrategy = "DAEMON",
            LaunchType = "EC2",
            DeploymentConfiguration = new CfnService.DeploymentConfigurationProperty
            {
                MinimumHealthyPercent = 0,
                MaximumPercent = 100,
                DeploymentCircuitBreaker = new CfnService.DeploymentCircuitBreakerProperty { Enable = true, Rollback = true },
            },
        });
        daemon.AddDependency(w.Association);
        return daemon;
    }

    /// <summary>The green target group: a second HTTP group in the world's VPC.</summary>
    private static CfnTargetGroup AlternateTargetGroup(FargateWorld w, string targetType) =>
        new(w.Stack, "Green", new CfnTargetGroupProps { VpcId = w.Vpc.VpcId, Port = 80, Protocol = "HTTP", TargetType = targetType });

    /// <summary>The production listener rule on the world's listener: forwards to blue (weight 100) and green (weight 0).</summary>
    private static CfnListenerRule ProductionRule(FargateWorld w, CfnTargetGroup green) =>
        new(w.Stack, "ProductionRule", new CfnListenerRuleProps
        {
            ListenerArn = w.Listener.ListenerArn,
            Priority = 1,
            Conditions = new[] { new CfnListenerRule.RuleConditionProperty { Field = "path-pattern", PathPatternConfig = new CfnListenerRule.PathPatternConfigProperty { Values = ["/*"] } } },
            Actions = new[]
            {
                new CfnListenerRule.ActionProperty
                {
                    Type = "forward",
                    ForwardConfig = new CfnListenerRule.ForwardConfigProperty
                    {
                        TargetGroups = new[]
                        {
                            new CfnListenerRule.TargetGroupTupleProperty { TargetGroupArn = w.TargetGroup.TargetGroupArn, Weight = 100 },
                            new CfnListenerRule.TargetGroupTupleProperty { TargetGroupArn = green.Ref, Weight = 0 },
                        },
                    },
                },
            },
        });

    /// <summary>Turns the world's service into ECS's own blue/green deployment, with an infrastructure role trusted by ecs.amazonaws.com.</summary>
    private static void BlueGreen(FargateWorld w, CfnTargetGroup green, string productionRule)
    {
        var role = new Role(w.Stack, "LoadBalancerInfrastructureRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ecs.amazonaws.com"),
            ManagedPolicies = [ManagedPolicy.FromAwsManagedPolicyName("AmazonECSInfrastructureRolePolicyForLoadBalancers")],
        });
        w.CfnService.AddPropertyOverride("DeploymentConfiguration.Strategy", "BLUE_GREEN");
        w.CfnService.AddPropertyOverride("DeploymentConfiguration.BakeTimeInMinutes", 10);
        w.CfnService.AddPropertyOverride("LoadBalancers.0.AdvancedConfiguration", new Dictionary<string, object>
        {
            ["AlternateTargetGroupArn"] = green.Ref,
            ["ProductionListenerRule"] = productionRule,
            ["RoleArn"] = role.RoleArn,
        });
    }
}
