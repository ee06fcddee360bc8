using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using EcsConstructs.Rules;

namespace EcsConstructs.Tests.Rules;

/// <summary>Placement and capacity rules, on the L1 world of <see cref="L1World"/>.</summary>
public sealed class CapacityRulesTests
{
    [Fact]
    public void The_correct_L1_world_triggers_no_rule()
    {
        var findings = new L1World().Synth();
        Assert.Empty(findings.Findings);
    }

    [Fact]
    public void ECS001_task_larger_than_the_instance_type()
    {
        var w = new L1World();
        w.TaskDefinition.ContainerDefinitions = new[] { L1World.Container(memory: 4096) };
        w.Synth().Fired("ECS001", "the task needs 4096 MiB of memory but t3.small instances of Test/Asg offer about 1925 MiB");
    }

    [Fact]
    public void ECS001_unknown_instance_type_is_an_info_note_not_a_finding()
    {
        var w = new L1World(instanceType: "x9z.huge");
        var findings = w.Synth();
        Assert.Empty(findings.Findings);
        Assert.Contains(findings.Of("ECS001"), a => a.Level == "info" && a.Text.Contains("'x9z.huge'", StringComparison.Ordinal));
    }

    [Fact]
    public void ECS002_group_max_size_zero()
    {
        var w = new L1World();
        w.Group.MaxSize = "0";
        w.Synth().Fired("ECS002", "Test/Asg: MaxSize is 0, so capacity provider Test/Cp can never start");
    }

    [Fact]
    public void ECS003_instance_role_trusting_ecs_instead_of_ec2()
    {
        var w = new L1World();
        var role = new Role(w.Stack, "InstanceRole", new RoleProps { AssumedBy = new ServicePrincipal("ecs.amazonaws.com") });
        var profile = new Amazon.CDK.AWS.IAM.CfnInstanceProfile(w.Stack, "Profile", new Amazon.CDK.AWS.IAM.CfnInstanceProfileProps { Roles = [role.RoleName] });
        w.LaunchData.IamInstanceProfile = new Amazon.CDK.AWS.EC2.CfnLaunchTemplate.IamInstanceProfileProperty { Arn = profile.AttrArn };
        w.Update();
        w.Synth().Fired("ECS003", "trusts [ecs.amazonaws.com] but not ec2.amazonaws.com");
    }

    [Fact]
    public void ECS004_user_data_without_ecs_cluster()
    {
        var w = new L1World();
        w.LaunchData.UserData = Fn.Base64("#!/bin/bash\necho hello");
        w.Update();
        w.Synth().Fired("ECS004", "user data without ECS_CLUSTER");
    }

    [Fact]
    public void ECS006_fixed_host_port_tasks_filling_every_instance_with_a_minimum_of_100_percent()
    {
        var w = new L1World();
        w.TaskDefinition.ContainerDefinitions = new[] { L1World.Container(hostPort: 80) };
        w.Service.DesiredCount = 4;
        w.Synth().Fired("ECS006", "4 tasks fill the 4 instances the capacity can have and MinimumHealthyPercent 100 keeps 4 running");
    }

    [Fact]
    public void ECS006_fixed_host_port_with_more_tasks_than_instances()
    {
        var w = new L1World();
        w.TaskDefinition.ContainerDefinitions = new[] { L1World.Container(hostPort: 80) };
        w.Service.DesiredCount = 5;
        w.Synth().Fired("ECS006", "DesiredCount 5 is more than the 4 instances the capacity can have");
    }

    [Fact]
    public void ECS006_fixed_host_port_within_the_instances_is_fine()
    {
        var w = new L1World();
        w.TaskDefinition.ContainerDefinitions = new[] { L1World.Container(hostPort: 80) };
        w.Service.DesiredCount = 2;
        w.Synth().Silent("ECS006");
    }

    [Fact]
    public void ECS007_awsvpc_tasks_beyond_the_network_interfaces()
    {
        var w = new L1World();
        w.TaskDefinition.NetworkMode = "awsvpc";
        w.TaskDefinition.ContainerDefinitions = new[] { AwsvpcContainer() };
        w.Service.NetworkConfiguration = new CfnService.NetworkConfigurationProperty { AwsvpcConfiguration = new CfnService.AwsVpcConfigurationProperty { Subnets = ["subnet-11111111"] } };
        w.Service.DesiredCount = 9;
        w.Synth().Fired("ECS007", "9 awsvpc tasks need 9 network interfaces, but the instances of its capacity offer at most 8");
    }

    [Fact]
    public void ECS008_arm_task_on_x86_instances()
    {
        var w = new L1World();
        w.TaskDefinition.RuntimePlatform = new CfnTaskDefinition.RuntimePlatformProperty { CpuArchitecture = "ARM64", OperatingSystemFamily = "LINUX" };
        w.Synth().Fired("ECS008", "asks for CPU architecture ARM64 but Test/Asg launches t3.small (X86_64)");
    }

    [Fact]
    public void ECS008_arm_task_on_graviton_is_fine()
    {
        var w = new L1World(instanceType: "t4g.small");
        w.TaskDefinition.RuntimePlatform = new CfnTaskDefinition.RuntimePlatformProperty { CpuArchitecture = "ARM64", OperatingSystemFamily = "LINUX" };
        w.Synth().Silent("ECS008");
    }

    [Fact]
    public void ECS009_strategy_mixing_fargate_and_ec2()
    {
        var w = new L1World();
        w.Association.CapacityProviders = new[] { w.Provider.Ref, "FARGATE" };
        w.Service.CapacityProviderStrategy = new[]
        {
            new CfnService.CapacityProviderStrategyItemProperty { CapacityProvider = w.Provider.Ref, Weight = 1 },
            new CfnService.CapacityProviderStrategyItemProperty { CapacityProvider = "FARGATE", Weight = 1 },
        };
        w.Synth().Fired("ECS009", "mixes Fargate and Auto Scaling group providers");
    }

    [Fact]
    public void ECS010_launch_type_and_strategy()
    {
        var w = new L1World();
        w.Service.LaunchType = "EC2";
        w.Service.CapacityProviderStrategy = new[] { new CfnService.CapacityProviderStrategyItemProperty { CapacityProvider = w.Provider.Ref, Weight = 1 } };
        w.Synth().Fired("ECS010", "sets LaunchType EC2 and a CapacityProviderStrategy");
    }

    [Fact]
    public void ECS011_daemon_under_the_cluster_default_strategy()
    {
        var w = new L1World();
        w.Service.SchedulingStrategy = "DAEMON";
        w.Service.DesiredCount = null;
        w.Synth().Fired("ECS011", "DAEMON service without a launch type");
    }

    [Fact]
    public void ECS011_daemon_with_launch_type_ec2_is_fine()
    {
        var w = new L1World();
        w.Service.SchedulingStrategy = "DAEMON";
        w.Service.LaunchType = "EC2";
        w.Service.DesiredCount = null;
        var findings = w.Synth();
        findings.Silent("ECS011");
        findings.Silent("ECS040");
    }

    [Fact]
    public void ECS013_managed_termination_protection_without_scale_in_protection()
    {
        var w = new L1World();
        w.ProviderSettings.ManagedTerminationProtection = "ENABLED";
        w.Update();
        w.Group.NewInstancesProtectedFromScaleIn = false;
        w.Synth().Fired("ECS013", "does not set NewInstancesProtectedFromScaleIn");
    }

    [Fact]
    public void ECS014_two_providers_on_one_group()
    {
        var w = new L1World();
        _ = new CfnCapacityProvider(w.Stack, "Cp2", new CfnCapacityProviderProps
        {
            Name = "cp-second",
            AutoScalingGroupProvider = new CfnCapacityProvider.AutoScalingGroupProviderProperty { AutoScalingGroupArn = w.Group.Ref, ManagedTerminationProtection = "DISABLED" },
        });
        w.Synth().Fired("ECS014", "which capacity provider Test/Cp already uses");
    }

    [Fact]
    public void ECS015_reserved_provider_name()
    {
        var w = new L1World();
        w.Provider.Name = "ecs-web";
        w.Synth().Fired("ECS015", "is named 'ecs-web'");
    }

    [Fact]
    public void ECS015_name_generated_from_a_reserved_stack_name()
    {
        var w = new L1World(stackName: "ecs-prod");
        w.Provider.Name = null;
        w.Synth().Fired("ECS015", "derives one from the stack name 'ecs-prod'");
    }

    [Fact]
    public void ECS016_two_association_mechanisms()
    {
        var w = new L1World();
        w.Cluster.CapacityProviders = ["FARGATE"];
        w.Synth().Fired("ECS016", "both on the cluster");
    }

    [Fact]
    public void ECS017_strategy_naming_an_unassociated_provider()
    {
        var w = new L1World();
        w.Service.CapacityProviderStrategy = new[] { new CfnService.CapacityProviderStrategyItemProperty { CapacityProvider = "FARGATE_SPOT", Weight = 1 } };
        w.Synth().Fired("ECS017", "names capacity provider FARGATE_SPOT, which is not associated with cluster Test/Cluster");
    }

    [Fact]
    public void ECS017_strategy_naming_the_group()
    {
        var w = new L1World();
        w.Service.CapacityProviderStrategy = new[] { new CfnService.CapacityProviderStrategyItemProperty { CapacityProvider = w.Group.Ref, Weight = 1 } };
        w.Synth().Fired("ECS017", "names the Auto Scaling group");
    }

    [Fact]
    public void ECS018_platform_version_on_ec2()
    {
        var w = new L1World();
        w.Service.LaunchType = "EC2";
        w.Service.PlatformVersion = "1.4.0";
        w.Synth().Fired("ECS018", "sets PlatformVersion 1.4.0 but runs on EC2 capacity");
    }

    [Fact]
    public void ECS042_desired_capacity_outside_the_bounds()
    {
        var w = new L1World();
        w.Group.MinSize = "4";
        w.Group.MaxSize = "10";
        w.Group.DesiredCapacity = "2";
        w.Synth().Fired("ECS042", "Desired capacity:2 must be between the specified min size:4 and max size:10");
    }

    [Fact]
    public void ECS044_termination_protection_without_force_delete()
    {
        var w = new L1World();
        w.ProviderSettings.ManagedTerminationProtection = "ENABLED";
        w.Update();
        var findings = w.Synth();
        findings.Fired("ECS044", "with no force delete of the group");
        findings.Silent("ECS013");
    }

    [Fact]
    public void ECS044_can_be_acknowledged_with_a_reason_on_the_stack()
    {
        var w = new L1World();
        w.ProviderSettings.ManagedTerminationProtection = "ENABLED";
        w.Update();
        EcsRules.Acknowledge(w.Stack, "ECS044", "Long-lived cluster, never deleted as a stack.");
        var findings = w.Synth();
        findings.Silent("ECS044");
        Assert.Contains(findings.Of("ECS044"), a => a.Level == "info" && a.Text.Contains("acknowledged (Long-lived cluster", StringComparison.Ordinal));
    }

    [Fact]
    public void ECS045_service_not_depending_on_the_association()
    {
        var w = new L1World();
        w.Service.RemoveDependency(w.Association);
        w.Synth().Fired("ECS045", "uses the cluster's default capacity provider strategy but does not depend on Test/Assoc");
    }

    private static CfnTaskDefinition.ContainerDefinitionProperty AwsvpcContainer()
    {
        var container = L1World.Container();
        container.PortMappings = new[] { new CfnTaskDefinition.PortMappingProperty { ContainerPort = 80 } };
        return container;
    }
}
