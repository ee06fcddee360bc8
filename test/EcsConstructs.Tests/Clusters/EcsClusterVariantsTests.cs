using Amazon.CDK.AWS.EC2;
using EcsConstructs.Clusters;
using EcsConstructs.Tests.Support;
using static EcsConstructs.Tests.Support.Props;

namespace EcsConstructs.Tests.Clusters;

public sealed class EcsClusterVariantsTests
{
    [Fact]
    public void Arm_instance_types_get_the_arm_ami()
    {
        var stack = TestApps.NewStack();
        Fixtures.Cluster(stack, new EcsClusterProps
        {
            Ec2Capacity = [new Ec2CapacityOptions { Id = "Graviton", InstanceType = InstanceType.Of(InstanceClass.T4G, InstanceSize.SMALL) }],
        });

        var t = Synthesized.Of(stack);

        var parameter = Assert.Single(t.Json["Parameters"]!.AsObject(), p => p.Key.StartsWith("SsmParameterValue", StringComparison.Ordinal));
        Assert.Equal("/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id", parameter.Value!["Default"]!.GetValue<string>());
    }

    [Fact]
    public void Fargate_only_cluster_associates_fargate_and_fargate_spot_with_fargate_as_default()
    {
        var stack = TestApps.NewStack("FargateOnlyCluster");
        Fixtures.Cluster(stack, new EcsClusterProps { EnableFargateCapacityProviders = true });

        var t = Synthesized.Of(stack);
        EcsConstructs.Testing.SnapshotAssert.MatchesSnapshot(stack);

        t.Template.HasResourceProperties("AWS::ECS::ClusterCapacityProviderAssociations", Obj(
            ("CapacityProviders", new object[] { "FARGATE", "FARGATE_SPOT" }),
            ("DefaultCapacityProviderStrategy", new object[] { Obj(("CapacityProvider", "FARGATE"), ("Weight", 1)) })));
        t.Template.ResourceCountIs("AWS::AutoScaling::AutoScalingGroup", 0);
    }

    [Fact]
    public void Given_availability_zones_are_used_for_the_created_vpc()
    {
        var stack = TestApps.NewStack();
        Fixtures.Cluster(stack, new EcsClusterProps { AvailabilityZones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"] });

        var t = Synthesized.Of(stack);

        var zones = t.Resources("AWS::EC2::Subnet").Select(s => s.Value["Properties"]!["AvailabilityZone"]!.GetValue<string>()).Distinct().Order();
        Assert.Equal(["eu-west-1a", "eu-west-1b", "eu-west-1c"], zones);
    }

    [Fact]
    public void Given_vpc_is_used_and_no_vpc_is_created()
    {
        var stack = TestApps.NewStack();
        var vpc = new Vpc(stack, "Network", new VpcProps { MaxAzs = 2, NatGateways = 1 });
        var cluster = Fixtures.Cluster(stack, new EcsClusterProps { Vpc = vpc, Ec2Capacity = [Fixtures.Capacity()] });

        Assert.Same(vpc, cluster.Vpc);
        Synthesized.Of(stack).Template.ResourceCountIs("AWS::EC2::VPC", 1);
    }
}

public sealed class AddEc2CapacityTests
{
    [Fact]
    public void A_capacity_added_to_a_cluster_without_capacity_becomes_its_default_strategy()
    {
        var stack = TestApps.NewStack();
        var cluster = new EcsCluster(stack, "Cluster", new EcsClusterProps { AvailabilityZones = ["eu-west-1a", "eu-west-1b"] });

        var capacity = cluster.AddEc2Capacity(Fixtures.Capacity("Late"));

        Assert.Same(capacity, Assert.Single(cluster.Ec2Capacity));
        Assert.Equal("Late", Assert.Single(cluster.DefaultCapacityProviderStrategy).Provider);
        var association = Synthesized.Of(stack).PropertiesOf("AWS::ECS::ClusterCapacityProviderAssociations");
        Assert.Single(association["DefaultCapacityProviderStrategy"]!.AsArray());
    }

    [Fact]
    public void A_capacity_added_beside_others_keeps_the_default_strategy()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);

        cluster.AddEc2Capacity(Fixtures.Capacity("Batch"));

        Assert.Equal(["OnDemand", "Batch"], cluster.Ec2Capacity.Select(c => c.Options.Id));
        Assert.Equal("OnDemand", Assert.Single(cluster.DefaultCapacityProviderStrategy).Provider);
        Assert.Equal(2, Synthesized.Of(stack).Resources("AWS::ECS::CapacityProvider").Count);
    }

    [Fact]
    public void A_capacity_id_used_twice_is_rejected()
    {
        var cluster = Fixtures.Cluster(TestApps.NewStack());

        var e = Assert.Throws<EcsConstructs.Validation.EcsValidationException>(() => cluster.AddEc2Capacity(Fixtures.Capacity("OnDemand")));

        Assert.Equal("[ECS048] Test/Cluster: AddEc2Capacity: uses the id 'OnDemand' of an existing EC2 capacity; each EC2 capacity needs its own id.", e.Message);
    }
}

public sealed class ImportedClusterTests
{
    [Fact]
    public void An_imported_cluster_gives_services_the_cdk_cluster_and_its_vpc()
    {
        var stack = TestApps.NewStack();
        var vpc = Fixtures.ImportedVpc(stack);
        var cdkCluster = Amazon.CDK.AWS.ECS.Cluster.FromClusterAttributes(stack, "Existing", new Amazon.CDK.AWS.ECS.ClusterAttributes { ClusterName = "orders", Vpc = vpc, SecurityGroups = [] });

        var imported = EcsCluster.Import(cdkCluster);

        Assert.Same(cdkCluster, imported.Cluster);
        Assert.Same(vpc, imported.Vpc);
        Assert.IsNotType<EcsCluster>(imported);
    }

    [Fact]
    public void Services_use_what_they_are_given_not_the_construct_that_created_the_cluster()
    {
        // The library's cluster, imported as a plain cluster: its capacity ids mean nothing to the
        // service any more, so "OnDemand" is written as the provider name it is given.
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);

        _ = new EcsConstructs.Services.LoadBalancedEc2Service(stack, "Web", new EcsConstructs.Services.LoadBalancedEc2ServiceProps
        {
            Cluster = EcsCluster.Import(cluster.Cluster),
            Image = Fixtures.Image,
            MemoryLimitMiB = 256,
            CapacityProviderStrategy = [new CapacityProviderShare { Provider = "OnDemand" }],
        });

        var strategy = Synthesized.Of(stack).PropertiesOf("AWS::ECS::Service")["CapacityProviderStrategy"]!;
        Assert.Equal("OnDemand", strategy[0]!["CapacityProvider"]!.GetValue<string>());
    }
}
