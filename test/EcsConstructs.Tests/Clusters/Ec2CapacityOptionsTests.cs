using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using EcsConstructs.Clusters;
using EcsConstructs.Tests.Support;
using EcsConstructs.Validation;
using static EcsConstructs.Tests.Support.Props;

namespace EcsConstructs.Tests.Clusters;

public sealed class Ec2CapacityOptionsTests
{
    private static (Stack Stack, EcsCluster Cluster) Build(Ec2CapacityOptions options, Action<EcsClusterProps>? _ = null)
    {
        var stack = TestApps.NewStack();
        return (stack, Fixtures.Cluster(stack, new EcsClusterProps { Ec2Capacity = [options] }));
    }

    private static Ec2CapacityOptions Options(InstanceType? type = null) => new() { Id = "Pool", InstanceType = type ?? Fixtures.Small };

    [Fact]
    public void Spot_with_a_single_instance_type_gets_a_warning()
    {
        var (stack, _) = Build(new Ec2CapacityOptions { Id = "Pool", InstanceType = Fixtures.Small, Spot = new SpotCapacityOptions() });

        var finding = Assert.Single(Rules.RuleFindings.Of(stack).Of("ECS064"));
        Assert.Contains("on Spot with the single instance type t3.small", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Instance_types_of_different_architectures_in_one_group_are_rejected()
    {
        var e = Assert.Throws<EcsValidationException>(() => Build(new Ec2CapacityOptions
        {
            Id = "Pool",
            InstanceType = Fixtures.Small,
            AdditionalInstanceTypes = [InstanceType.Of(InstanceClass.T4G, InstanceSize.SMALL)],
        }));
        Assert.Equal("[ECS061] Test/Cluster/Pool: AdditionalInstanceTypes: t4g.small is arm64 but t3.small is x86_64; one group uses one AMI, so all its instance types must share an architecture (use a second capacity for the other).", e.Message);
    }

    [Fact]
    public void An_instance_type_listed_twice_is_rejected()
    {
        var e = Assert.Throws<EcsValidationException>(() => Build(new Ec2CapacityOptions { Id = "Pool", InstanceType = Fixtures.Small, AdditionalInstanceTypes = [Fixtures.Small] }));
        Assert.Equal("[ECS061] Test/Cluster/Pool: AdditionalInstanceTypes: lists t3.small twice (InstanceType included); each instance type may appear once.", e.Message);
    }

    [Fact]
    public void On_demand_percentage_above_100_is_rejected()
    {
        var e = Assert.Throws<EcsValidationException>(() => Build(new Ec2CapacityOptions
        {
            Id = "Pool",
            InstanceType = Fixtures.Small,
            AdditionalInstanceTypes = [InstanceType.Of(InstanceClass.T3A, InstanceSize.SMALL)],
            Spot = new SpotCapacityOptions { OnDemandPercentageAboveBaseCapacity = 120 },
        }));
        Assert.Equal("[ECS049] Test/Cluster/Pool: Spot.OnDemandPercentageAboveBaseCapacity: 120 % is out of range; allowed: 0 to 100 %.", e.Message);
    }

    [Fact]
    public void Minimum_scaling_step_above_maximum_is_rejected()
    {
        var e = Assert.Throws<EcsValidationException>(() => Build(new Ec2CapacityOptions { Id = "Pool", InstanceType = Fixtures.Small, MinimumScalingStepSize = 5, MaximumScalingStepSize = 2 }));
        Assert.Equal("[ECS049] Test/Cluster/Pool: MinimumScalingStepSize: 5 is greater than MaximumScalingStepSize (2); MinimumScalingStepSize must be less than or equal to MaximumScalingStepSize.", e.Message);
    }

    [Fact]
    public void A_root_volume_below_30_gib_is_rejected()
    {
        var e = Assert.Throws<EcsValidationException>(() => Build(new Ec2CapacityOptions { Id = "Pool", InstanceType = Fixtures.Small, RootVolumeSizeGiB = 8 }));
        Assert.Equal("[ECS049] Test/Cluster/Pool: RootVolumeSizeGiB: 8 GiB is out of range; allowed: 30 to 16384 GiB.", e.Message);
    }

    [Fact]
    public void Ssm_session_manager_access_adds_the_managed_instance_core_policy()
    {
        var (stack, _) = Build(new Ec2CapacityOptions { Id = "Pool", InstanceType = Fixtures.Small, EnableSsmSessionManager = true });

        var role = Synthesized.Of(stack).Resources("AWS::IAM::Role").Single(r => r.Key.Contains("InstanceRole", StringComparison.Ordinal)).Value;
        Assert.Contains("AmazonSSMManagedInstanceCore", role["Properties"]!["ManagedPolicyArns"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Key_pair_and_root_volume_key_are_written_to_the_launch_template()
    {
        var stack = TestApps.NewStack();
        var key = new Key(stack, "VolumeKey", new KeyProps { EnableKeyRotation = true });
        Fixtures.Cluster(stack, new EcsClusterProps
        {
            Ec2Capacity =
            [
                new Ec2CapacityOptions
                {
                    Id = "Pool",
                    InstanceType = Fixtures.Small,
                    KeyPair = KeyPair.FromKeyPairName(stack, "Ops", "ops-key"),
                    RootVolumeEncryptionKey = key,
                },
            ],
        });

        var data = Synthesized.Of(stack).PropertiesOf("AWS::EC2::LaunchTemplate")["LaunchTemplateData"]!;
        Assert.Equal("ops-key", data["KeyName"]!.GetValue<string>());
        Assert.Contains("VolumeKey", data["BlockDeviceMappings"]![0]!["Ebs"]!["KmsKeyId"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Force_delete_runs_by_default_after_the_capacity_provider_and_before_the_group_is_deleted()
    {
        var (stack, _) = Build(new Ec2CapacityOptions { Id = "Pool", InstanceType = Fixtures.Small });

        var t = Synthesized.Of(stack);
        var custom = t.Single("Custom::AWS");
        var call = custom.Value["Properties"]!["Delete"]!["Fn::Join"]![1]!.AsArray();
        Assert.Contains("\"action\":\"deleteAutoScalingGroup\"", call[0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(t.LogicalId("AWS::AutoScaling::AutoScalingGroup"), call[1]!["Ref"]!.GetValue<string>());
        Assert.StartsWith("\",\"ForceDelete\":true", call[2]!.GetValue<string>(), StringComparison.Ordinal);
        var providerDependsOn = t.Single("AWS::ECS::CapacityProvider").Value["DependsOn"]!.AsArray().Select(d => d!.GetValue<string>());
        Assert.Contains(custom.Key, providerDependsOn);
        t.Template.HasResourceProperties("AWS::Lambda::Function", Obj(("Runtime", "nodejs24.x"), ("Handler", "index.handler")));
    }

    [Fact]
    public void Opting_out_of_force_delete_creates_no_custom_resource_and_ECS044_warns()
    {
        var (stack, _) = Build(new Ec2CapacityOptions { Id = "Pool", InstanceType = Fixtures.Small, ForceDeleteOnStackDeletion = false });

        Synthesized.Of(stack).Template.ResourceCountIs("Custom::AWS", 0);
        EcsConstructs.Tests.Rules.RuleFindings.Of(stack).Fired("ECS044", "managed termination protection");
    }

    [Fact]
    public void A_default_capacity_triggers_no_rule()
    {
        var (stack, _) = Build(new Ec2CapacityOptions { Id = "Pool", InstanceType = Fixtures.Small });

        EcsConstructs.Tests.Rules.RuleFindings.Of(stack).AssertClean();
    }
}
