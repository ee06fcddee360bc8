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
