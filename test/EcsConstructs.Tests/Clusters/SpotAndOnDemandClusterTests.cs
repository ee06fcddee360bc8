using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using EcsConstructs.Clusters;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;
using static EcsConstructs.Tests.Support.Props;

namespace EcsConstructs.Tests.Clusters;

/// <summary>
/// A production-shaped cluster: an on-demand group, a Spot group of three instance types, and
/// Fargate / Fargate Spot, with a default strategy of one on-demand instance's worth of tasks
/// first and the rest weighted 3:1 toward Spot.
/// </summary>
public sealed class SpotAndOnDemandClusterFixture
{
    public SpotAndOnDemandClusterFixture()
    {
        Stack = TestApps.NewStack("SpotAndOnDemand");
        Cluster = new EcsCluster(Stack, "Cluster", new EcsClusterProps
        {
            AvailabilityZones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
            EnableFargateCapacityProviders = true,
            Ec2Capacity =
            [
                new Ec2CapacityOptions
                {
                    Id = "OnDemand",
                    InstanceType = InstanceType.Of(InstanceClass.M6I, InstanceSize.LARGE),
                    MinCapacity = 1,
                    MaxCapacity = 4,
                    MinimumScalingStepSize = 1,
                    MaximumScalingStepSize = 2,
                    InstanceWarmupPeriod = Duration.Seconds(180),
                },
                new Ec2CapacityOptions
                {
                    Id = "Spot",
                    InstanceType = InstanceType.Of(InstanceClass.M6I, InstanceSize.LARGE),
                    AdditionalInstanceTypes = [InstanceType.Of(InstanceClass.M5, InstanceSize.LARGE), InstanceType.Of(InstanceClass.M5A, InstanceSize.LARGE)],
                    Spot = new SpotCapacityOptions(),
                    MinCapacity = 0,
                    MaxCapacity = 10,
                    TargetCapacityPercent = 90,
                },
            ],
            DefaultCapacityProviderStrategy =
            [
                new CapacityProviderShare { Provider = "OnDemand", Base = 1, Weight = 1 },
                new CapacityProviderShare { Provider = "Spot", Weight = 3 },
            ],
        });
        Template = Synthesized.Of(Stack);
    }

    internal Stack Stack { get; }

    internal EcsCluster Cluster { get; }

    internal Synthesized Template { get; }
}

public sealed class SpotAndOnDemandClusterTests(SpotAndOnDemandClusterFixture fixture) : IClassFixture<SpotAndOnDemandClusterFixture>
{
    private readonly Synthesized _t = fixture.Template;

    private JsonObject Group(string id) =>
        _t.Resources("AWS::AutoScaling::AutoScalingGroup").Single(r => r.Key.StartsWith($"Cluster{id}", StringComparison.Ordinal)).Value["Properties"]!.AsObject();

    private string UserData(string id) =>
        _t.Resources("AWS::EC2::LaunchTemplate").Single(r => r.Key.StartsWith($"Cluster{id}", StringComparison.Ordinal))
            .Value["Properties"]!["LaunchTemplateData"]!["UserData"]!.ToJsonString();

    [Fact]
    public void Template_matches_the_reviewed_snapshot()
    {
        SnapshotAssert.MatchesSnapshot(fixture.Stack);
    }

    [Fact]
    public void Both_groups_are_capacity_providers_with_managed_scaling_and_termination_protection()
    {
        var providers = _t.Resources("AWS::ECS::CapacityProvider");
        Assert.Equal(2, providers.Count);
        Assert.All(providers, p =>
        {
            var asg = p.Value["Properties"]!["AutoScalingGroupProvider"]!;
            Assert.Equal("ENABLED", asg["ManagedScaling"]!["Status"]!.GetValue<string>());
            Assert.Equal("ENABLED", asg["ManagedTerminationProtection"]!.GetValue<string>());
        });
    }

    [Fact]
    public void Association_lists_both_groups_and_fargate_with_the_default_strategy()
    {
        var onDemand = _t.Resources("AWS::ECS::CapacityProvider").Single(r => r.Key.Contains("OnDemand", StringComparison.Ordinal)).Key;
        var spot = _t.Resources("AWS::ECS::CapacityProvider").Single(r => r.Key.Contains("Spot", StringComparison.Ordinal)).Key;
        _t.Template.HasResourceProperties("AWS::ECS::ClusterCapacityProviderAssociations", Obj(
            ("CapacityProviders", new object[] { Obj(("Ref", onDemand)), Obj(("Ref", spot)), "FARGATE", "FARGATE_SPOT" }),
            ("DefaultCapacityProviderStrategy", new object[]
            {
                Obj(("CapacityProvider", Obj(("Ref", onDemand))), ("Base", 1), ("Weight", 1)),
                Obj(("CapacityProvider", Obj(("Ref", spot))), ("Weight", 3)),
            })));
    }

    [Fact]
    public void Spot_instances_drain_on_interruption_notices()
    {
        Assert.Contains("ECS_ENABLE_SPOT_INSTANCE_DRAINING=true", UserData("Spot"), StringComparison.Ordinal);
    }

    [Fact]
    public void On_demand_instances_do_not_get_the_spot_draining_setting()
    {
        Assert.DoesNotContain("ECS_ENABLE_SPOT_INSTANCE_DRAINING", UserData("OnDemand"), StringComparison.Ordinal);
    }

    [Fact]
    public void Spot_group_uses_a_mixed_instances_policy_of_all_its_types_all_spot_price_capacity_optimized()
    {
        var policy = Group("Spot")["MixedInstancesPolicy"]!;
        var types = policy["LaunchTemplate"]!["Overrides"]!.AsArray().Select(o => o!["InstanceType"]!.GetValue<string>());
        Assert.Equal(["m6i.large", "m5.large", "m5a.large"], types);
        var distribution = policy["InstancesDistribution"]!;
        Assert.Equal(0, distribution["OnDemandPercentageAboveBaseCapacity"]!.GetValue<int>());
        Assert.Equal("price-capacity-optimized", distribution["SpotAllocationStrategy"]!.GetValue<string>());
    }

    [Fact]
    public void On_demand_group_uses_its_launch_template_directly()
    {
        Assert.NotNull(Group("OnDemand")["LaunchTemplate"]);
        Assert.Null(Group("OnDemand")["MixedInstancesPolicy"]);
    }

    [Fact]
    public void Launch_templates_require_imdsv2_and_no_launch_configuration_exists()
    {
        Assert.All(_t.Resources("AWS::EC2::LaunchTemplate"), lt =>
            Assert.Equal("required", lt.Value["Properties"]!["LaunchTemplateData"]!["MetadataOptions"]!["HttpTokens"]!.GetValue<string>()));
        _t.Template.ResourceCountIs("AWS::AutoScaling::LaunchConfiguration", 0);
    }

    [Fact]
    public void Managed_scaling_step_sizes_and_warm_up_are_written()
    {
        _t.Template.HasResourceProperties("AWS::ECS::CapacityProvider", Obj(("AutoScalingGroupProvider", Obj(("ManagedScaling", Obj(
            ("MinimumScalingStepSize", 1), ("MaximumScalingStepSize", 2), ("InstanceWarmupPeriod", 180)))))));
    }

    [Fact]
    public void Target_capacity_is_written_per_provider()
    {
        _t.Template.HasResourceProperties("AWS::ECS::CapacityProvider", Obj(("AutoScalingGroupProvider", Obj(("ManagedScaling", Obj(("TargetCapacity", 90)))))));
    }

    [Fact]
    public void Capacity_reports_its_instance_types_and_spot_flag()
    {
        var spot = fixture.Cluster.Ec2Capacity.Single(c => c.Options.Id == "Spot");
        Assert.True(spot.IsSpot);
        Assert.Equal(["m6i.large", "m5.large", "m5a.large"], spot.InstanceTypes.Select(t => t.ToString()));
        Assert.False(fixture.Cluster.Ec2Capacity.Single(c => c.Options.Id == "OnDemand").IsSpot);
    }
}
