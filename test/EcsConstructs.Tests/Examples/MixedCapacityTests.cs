using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;
using MixedCapacity;
using static EcsConstructs.Tests.Support.Props;

namespace EcsConstructs.Tests.Examples;

public sealed class MixedCapacityFixture() : ExampleFixture(MixedCapacityApp.Build);

public sealed class MixedCapacityTests(MixedCapacityFixture fixture) : ExampleTests<MixedCapacityFixture>(fixture)
{
    private readonly Synthesized _t = fixture.Template;

    [Fact]
    public void Has_two_ec2_capacity_providers_with_managed_scaling_and_termination_protection()
    {
        var providers = _t.Resources("AWS::ECS::CapacityProvider");
        Assert.Equal(2, providers.Count);
        Assert.All(providers, p => Assert.Equal("ENABLED", p.Value["Properties"]!["AutoScalingGroupProvider"]!["ManagedTerminationProtection"]!.GetValue<string>()));
    }

    [Fact]
    public void Associates_both_groups_with_fargate_and_fargate_spot()
    {
        var names = _t.PropertiesOf("AWS::ECS::ClusterCapacityProviderAssociations")["CapacityProviders"]!.ToJsonString();
        Assert.Contains("FARGATE_SPOT", names, StringComparison.Ordinal);
        Assert.Contains("ClusterOnDemandCapacityProvider", names, StringComparison.Ordinal);
        Assert.Contains("ClusterSpotCapacityProvider", names, StringComparison.Ordinal);
    }

    [Fact]
    public void Spot_launch_template_enables_spot_draining()
    {
        var spot = _t.Resources("AWS::EC2::LaunchTemplate").Single(r => r.Key.StartsWith("ClusterSpot", StringComparison.Ordinal));
        Assert.Contains("ECS_ENABLE_SPOT_INSTANCE_DRAINING=true", spot.Value.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Service_uses_the_cluster_default_strategy_without_a_launch_type()
    {
        var web = _t.Resources("AWS::ECS::Service").Single(s => s.Key.StartsWith("Web", StringComparison.Ordinal)).Value["Properties"]!;
        Assert.Null(web["LaunchType"]);
        _t.Template.HasResourceProperties("AWS::ECS::ClusterCapacityProviderAssociations", Obj(("DefaultCapacityProviderStrategy", new object[]
        {
            Obj(("Base", 2), ("Weight", 1)),
            Obj(("Weight", 3)),
        }.Select(o => (object)Amazon.CDK.Assertions.Match.ObjectLike((IDictionary<string, object>)o)).ToArray())));
    }

    [Fact]
    public void The_log_router_runs_as_a_daemon_on_every_instance_with_launch_type_ec2()
    {
        var router = _t.Resources("AWS::ECS::Service").Single(s => s.Key.StartsWith("LogRouter", StringComparison.Ordinal)).Value["Properties"]!;
        Assert.Equal("DAEMON", router["SchedulingStrategy"]!.GetValue<string>());
        Assert.Equal("EC2", router["LaunchType"]!.GetValue<string>());
        Assert.Null(router["CapacityProviderStrategy"]);
    }
}
