using EcsConstructs.Clusters;
using EcsConstructs.Tests.Support;
using EcsConstructs.Validation;

namespace EcsConstructs.Tests.Clusters;

public sealed class EcsClusterValidationTests
{
    private static EcsValidationException Invalid(EcsClusterProps props) =>
        Assert.Throws<EcsValidationException>(() => Fixtures.Cluster(TestApps.NewStack(), props));

    private static Ec2CapacityOptions Capacity(int min = 1, int max = 3, int? desired = null, int target = 100) =>
        new() { Id = "Default", InstanceType = Fixtures.Small, MinCapacity = min, MaxCapacity = max, DesiredCapacity = desired, TargetCapacityPercent = target };

    [Fact]
    public void Min_capacity_above_max_is_rejected()
    {
        var e = Invalid(new EcsClusterProps { Ec2Capacity = [Capacity(min: 4, max: 2)] });
        Assert.Equal("[ECS042] Test/Cluster/Default: MinCapacity: 4 is greater than MaxCapacity (2); MinCapacity must be less than or equal to MaxCapacity.", e.Message);
    }

    [Fact]
    public void Desired_capacity_outside_min_and_max_is_rejected()
    {
        var e = Invalid(new EcsClusterProps { Ec2Capacity = [Capacity(min: 1, max: 3, desired: 5)] });
        Assert.Equal("[ECS042] Test/Cluster/Default: DesiredCapacity: 5 is greater than MaxCapacity (3); DesiredCapacity must be less than or equal to MaxCapacity.", e.Message);
    }

    [Fact]
    public void Target_capacity_outside_1_to_100_is_rejected()
    {
        var e = Invalid(new EcsClusterProps { Ec2Capacity = [Capacity(target: 0)] });
        Assert.Equal("[ECS049] Test/Cluster/Default: TargetCapacityPercent: 0 % is out of range; allowed: 1 to 100 %.", e.Message);
    }

    [Fact]
    public void Two_capacities_with_one_id_are_rejected()
    {
        var e = Invalid(new EcsClusterProps { Ec2Capacity = [Capacity(), Capacity()] });
        Assert.Equal("[ECS048] Test/Cluster: Ec2Capacity: uses the id 'Default' more than once; each EC2 capacity needs its own id.", e.Message);
    }

    [Fact]
    public void A_base_on_two_providers_is_rejected()
    {
        var e = Invalid(new EcsClusterProps
        {
            EnableFargateCapacityProviders = true,
            DefaultCapacityProviderStrategy =
            [
                new CapacityProviderShare { Provider = CapacityProviderShare.Fargate, Base = 1 },
                new CapacityProviderShare { Provider = CapacityProviderShare.FargateSpot, Base = 2 },
            ],
        });
        Assert.Equal("[ECS051] Test/Cluster: DefaultCapacityProviderStrategy: sets a base on FARGATE and FARGATE_SPOT; at most one provider of a strategy may have a base.", e.Message);
    }

    [Fact]
    public void A_strategy_with_only_zero_weights_is_rejected()
    {
        var e = Invalid(new EcsClusterProps
        {
            EnableFargateCapacityProviders = true,
            DefaultCapacityProviderStrategy = [new CapacityProviderShare { Provider = CapacityProviderShare.Fargate, Base = 1, Weight = 0 }],
        });
        Assert.Equal("[ECS051] Test/Cluster: DefaultCapacityProviderStrategy: has only zero weights; at least one provider needs a weight greater than 0.", e.Message);
    }

    [Fact]
    public void A_negative_weight_is_rejected()
    {
        var e = Invalid(new EcsClusterProps
        {
            EnableFargateCapacityProviders = true,
            DefaultCapacityProviderStrategy = [new CapacityProviderShare { Provider = CapacityProviderShare.Fargate, Weight = -1 }],
        });
        Assert.Equal("[ECS049] Test/Cluster: DefaultCapacityProviderStrategy[FARGATE].Weight: -1 is out of range; allowed: 0 to 1000.", e.Message);
    }

    [Fact]
    public void A_strategy_naming_an_unknown_provider_lists_the_allowed_ones()
    {
        var e = Invalid(new EcsClusterProps
        {
            Ec2Capacity = [Capacity()],
            DefaultCapacityProviderStrategy = [new CapacityProviderShare { Provider = "Spot" }],
        });
        Assert.Equal("[ECS017] Test/Cluster: DefaultCapacityProviderStrategy: names provider 'Spot', which is not associated with the cluster Test/Cluster; allowed: FARGATE, FARGATE_SPOT (when enabled), EC2 capacity ids: Default.", e.Message);
    }

    [Fact]
    public void Fargate_in_a_strategy_requires_fargate_capacity_providers()
    {
        var e = Invalid(new EcsClusterProps
        {
            Ec2Capacity = [Capacity()],
            DefaultCapacityProviderStrategy = [new CapacityProviderShare { Provider = CapacityProviderShare.FargateSpot }],
        });
        Assert.Equal("[ECS017] Test/Cluster: DefaultCapacityProviderStrategy: uses FARGATE_SPOT, but the cluster Test/Cluster does not enable Fargate capacity providers; set EnableFargateCapacityProviders = true.", e.Message);
    }

    [Fact]
    public void Mixing_fargate_and_auto_scaling_group_providers_is_rejected()
    {
        var e = Invalid(new EcsClusterProps
        {
            Ec2Capacity = [Capacity()],
            EnableFargateCapacityProviders = true,
            DefaultCapacityProviderStrategy =
            [
                new CapacityProviderShare { Provider = "Default" },
                new CapacityProviderShare { Provider = CapacityProviderShare.Fargate },
            ],
        });
        Assert.Equal("[ECS009] Test/Cluster: DefaultCapacityProviderStrategy: mixes Fargate (FARGATE) and Auto Scaling group providers (Default); ECS accepts one kind per strategy.", e.Message);
    }

    [Fact]
    public void A_single_availability_zone_is_rejected()
    {
        var e = Invalid(new EcsClusterProps { AvailabilityZones = ["eu-west-1a"] });
        Assert.Equal("[ECS019] Test/Cluster: AvailabilityZones: [eu-west-1a] must name at least 2 distinct zones; a load balancer needs subnets in two Availability Zones.", e.Message);
    }

    [Fact]
    public void More_nat_gateways_than_zones_are_rejected()
    {
        var e = Invalid(new EcsClusterProps { MaxAzs = 2, NatGateways = 3 });
        Assert.Equal("[ECS049] Test/Cluster: NatGateways: 3 is out of range; allowed: 1 to 2.", e.Message);
    }

    [Fact]
    public void An_empty_cluster_name_is_rejected()
    {
        var e = Invalid(new EcsClusterProps { ClusterName = " " });
        Assert.Equal("[ECS048] Test/Cluster: ClusterName: must not be empty or whitespace; omit it to use the default.", e.Message);
    }
}
