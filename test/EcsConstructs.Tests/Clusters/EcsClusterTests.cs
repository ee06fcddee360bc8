using Amazon.CDK.Assertions;
using EcsConstructs.Clusters;
using EcsConstructs.Tests.Support;
using static EcsConstructs.Tests.Support.Props;

namespace EcsConstructs.Tests.Clusters;

/// <summary>A cluster with one on-demand EC2 capacity, synthesized once for all facts below.</summary>
public sealed class DefaultEc2ClusterFixture
{
    public DefaultEc2ClusterFixture()
    {
        Stack = TestApps.NewStack("OnDemandCluster");
        Fixtures.Cluster(Stack);
        Template = Synthesized.Of(Stack);
    }

    internal Amazon.CDK.Stack Stack { get; }

    internal Synthesized Template { get; }
}

public sealed class EcsClusterTests(DefaultEc2ClusterFixture fixture) : IClassFixture<DefaultEc2ClusterFixture>
{
    private readonly Synthesized _t = fixture.Template;

    [Fact]
    public void Template_matches_the_reviewed_snapshot()
    {
        EcsConstructs.Testing.SnapshotAssert.MatchesSnapshot(fixture.Stack);
    }

    [Fact]
    public void Ec2_capacity_is_a_capacity_provider_with_managed_scaling_enabled()
    {
        _t.Template.HasResourceProperties("AWS::ECS::CapacityProvider", Obj(
            ("AutoScalingGroupProvider", Obj(("ManagedScaling", Obj(("Status", "ENABLED"), ("TargetCapacity", 100)))))));
    }

    [Fact]
    public void Auto_scaling_group_is_built_from_a_launch_template_and_no_launch_configuration()
    {
        _t.Template.ResourceCountIs("AWS::AutoScaling::LaunchConfiguration", 0);
        var asg = _t.PropertiesOf("AWS::AutoScaling::AutoScalingGroup");
        Assert.Equal(_t.LogicalId("AWS::EC2::LaunchTemplate"), asg["LaunchTemplate"]!["LaunchTemplateId"]!["Ref"]!.GetValue<string>());
    }

    [Fact]
    public void Launch_template_requires_imdsv2()
    {
        var data = _t.PropertiesOf("AWS::EC2::LaunchTemplate")["LaunchTemplateData"]!;
        Assert.Equal("required", data["MetadataOptions"]!["HttpTokens"]!.GetValue<string>());
    }

    [Fact]
    public void Instances_use_the_ecs_optimized_amazon_linux_2023_ami()
    {
        var parameter = Assert.Single(_t.Json["Parameters"]!.AsObject(), p => p.Key.StartsWith("SsmParameterValue", StringComparison.Ordinal));
        Assert.Equal("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id", parameter.Value!["Default"]!.GetValue<string>());
    }

    [Fact]
    public void Root_volume_is_encrypted_gp3()
    {
        var ebs = _t.PropertiesOf("AWS::EC2::LaunchTemplate")["LaunchTemplateData"]!["BlockDeviceMappings"]![0]!["Ebs"]!;
        Assert.True(ebs["Encrypted"]!.GetValue<bool>());
        Assert.Equal("gp3", ebs["VolumeType"]!.GetValue<string>());
        Assert.Equal(30, ebs["VolumeSize"]!.GetValue<int>());
    }

    [Fact]
    public void User_data_registers_the_instance_with_the_cluster_and_blocks_imds_for_containers()
    {
        var userData = _t.PropertiesOf("AWS::EC2::LaunchTemplate")["LaunchTemplateData"]!["UserData"]!.ToJsonString();
        Assert.Contains("ECS_CLUSTER=", userData, StringComparison.Ordinal);
        Assert.Contains("--destination 169.254.169.254/32 --jump DROP", userData, StringComparison.Ordinal);
        Assert.Contains("ECS_AWSVPC_BLOCK_IMDS=true", userData, StringComparison.Ordinal);
    }

    [Fact]
    public void Container_insights_is_on_by_default()
    {
        _t.Template.HasResourceProperties("AWS::ECS::Cluster", Obj(
            ("ClusterSettings", new object[] { Obj(("Name", "containerInsights"), ("Value", "enabled")) })));
    }

    [Fact]
    public void Managed_termination_protection_comes_with_new_instance_scale_in_protection()
    {
        _t.Template.HasResourceProperties("AWS::ECS::CapacityProvider", Obj(
            ("AutoScalingGroupProvider", Obj(("ManagedTerminationProtection", "ENABLED")))));
        _t.Template.HasResourceProperties("AWS::AutoScaling::AutoScalingGroup", Obj(("NewInstancesProtectedFromScaleIn", true)));
    }

    [Fact]
    public void Capacity_provider_gets_an_explicit_name_without_a_reserved_prefix()
    {
        var name = _t.PropertiesOf("AWS::ECS::CapacityProvider")["Name"]!.GetValue<string>();
        Assert.StartsWith("cp-", name, StringComparison.Ordinal);
    }

    [Fact]
    public void First_ec2_capacity_becomes_the_default_strategy()
    {
        var provider = _t.LogicalId("AWS::ECS::CapacityProvider");
        _t.Template.HasResourceProperties("AWS::ECS::ClusterCapacityProviderAssociations", Obj(
            ("CapacityProviders", new object[] { Obj(("Ref", provider)) }),
            ("DefaultCapacityProviderStrategy", new object[] { Obj(("CapacityProvider", Obj(("Ref", provider))), ("Weight", 1)) })));
    }

    [Fact]
    public void Instance_role_is_assumed_by_ec2_only()
    {
        var role = _t.Resources("AWS::IAM::Role").Single(r => r.Key.Contains("InstanceRole", StringComparison.Ordinal)).Value;
        var trust = Assert.Single(role["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!.AsArray())!;
        Assert.Equal("ec2.amazonaws.com", trust["Principal"]!["Service"]!.GetValue<string>());
    }

    [Fact]
    public void Instances_run_in_private_subnets()
    {
        var subnets = _t.PropertiesOf("AWS::AutoScaling::AutoScalingGroup")["VPCZoneIdentifier"]!.AsArray();
        Assert.All(subnets, s => Assert.Contains("PrivateSubnet", s!["Ref"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public void Created_vpc_logs_all_traffic_to_a_retained_log_group()
    {
        var flowLog = _t.PropertiesOf("AWS::EC2::FlowLog");
        Assert.Equal("ALL", flowLog["TrafficType"]!.GetValue<string>());
        var group = _t.Resources("AWS::Logs::LogGroup").Single(g => g.Key == flowLog["LogGroupName"]!["Ref"]!.GetValue<string>()).Value;
        Assert.Equal("Retain", group["DeletionPolicy"]!.GetValue<string>());
        Assert.Equal(30, group["Properties"]!["RetentionInDays"]!.GetValue<int>());
    }

    [Fact]
    public void Default_security_group_handler_runs_on_a_supported_lambda_runtime()
    {
        _t.Template.HasResourceProperties("AWS::Lambda::Function", Obj(("Runtime", "nodejs24.x")));
    }

    [Fact]
    public void Agent_policy_wildcards_are_suppressed_only_for_the_reviewed_details()
    {
        var policy = _t.Resources("AWS::IAM::Policy").Single(p => p.Key.Contains("InstanceRole", StringComparison.Ordinal)).Value;
        var suppression = Assert.Single(policy["Metadata"]!["cdk_nag"]!["rules_to_suppress"]!.AsArray())!;
        Assert.Equal("AwsSolutions-IAM5", suppression["id"]!.GetValue<string>());
        Assert.Equal(["Action::ecs:Submit*", "Resource::*"], suppression["appliesTo"]!.AsArray().Select(a => a!.GetValue<string>()));
    }
}
