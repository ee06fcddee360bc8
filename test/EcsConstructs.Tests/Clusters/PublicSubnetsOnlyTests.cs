using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using EcsConstructs.Clusters;
using EcsConstructs.Services;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Rules;
using EcsConstructs.Tests.Support;
using EcsConstructs.Validation;

namespace EcsConstructs.Tests.Clusters;

/// <summary>
/// A cluster whose VPC has public subnets only (<c>NatGateways = 0</c>): a load-balanced Fargate
/// service and a load-balanced EC2 service on one capacity, with no NAT gateway anywhere.
/// </summary>
public sealed class PublicSubnetsOnlyFixture
{
    public PublicSubnetsOnlyFixture()
    {
        Stack = TestApps.NewStack("PublicOnly");
        var cluster = new EcsCluster(Stack, "Cluster", new EcsClusterProps
        {
            AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
            NatGateways = 0,
            EnableFargateCapacityProviders = true,
            Ec2Capacity = [new Ec2CapacityOptions { Id = "Pool", InstanceType = Fixtures.Small, MinCapacity = 2, MaxCapacity = 4 }],
        });
        _ = new LoadBalancedFargateService(Stack, "Api", new LoadBalancedFargateServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            ContainerPort = 80,
        });
        _ = new LoadBalancedEc2Service(Stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            ContainerPort = 80,
            MemoryLimitMiB = 256,
        });
        Template = Synthesized.Of(Stack);
        Findings = RuleFindings.Of(Stack);
    }

    internal Stack Stack { get; }

    internal Synthesized Template { get; }

    internal RuleFindings Findings { get; }
}

public sealed class PublicSubnetsOnlyTests(PublicSubnetsOnlyFixture f) : IClassFixture<PublicSubnetsOnlyFixture>
{
    [Fact]
    public void Template_matches_the_reviewed_snapshot() => SnapshotAssert.MatchesSnapshot(f.Stack, "PublicSubnetsOnly");

    [Fact]
    public void The_vpc_has_public_subnets_only_and_no_nat_gateway()
    {
        Assert.Empty(f.Template.Resources("AWS::EC2::NatGateway"));
        var subnets = f.Template.Resources("AWS::EC2::Subnet");
        Assert.Equal(2, subnets.Count);
        Assert.All(subnets, s => Assert.True(s.Value["Properties"]!["MapPublicIpOnLaunch"]!.GetValue<bool>()));
    }

    [Fact]
    public void Instances_run_in_the_public_subnets_with_public_ips()
    {
        var data = f.Template.PropertiesOf("AWS::EC2::LaunchTemplate")["LaunchTemplateData"]!;
        Assert.True(data["NetworkInterfaces"]![0]!["AssociatePublicIpAddress"]!.GetValue<bool>());
        var zones = f.Template.PropertiesOf("AWS::AutoScaling::AutoScalingGroup")["VPCZoneIdentifier"]!.ToJsonString();
        Assert.Contains("PublicSubnet1", zones, StringComparison.Ordinal);
        Assert.Contains("PublicSubnet2", zones, StringComparison.Ordinal);
    }

    [Fact]
    public void Fargate_tasks_get_public_ips_in_the_public_subnets()
    {
        var fargate = f.Template.Resources("AWS::ECS::Service").Single(s => s.Key.StartsWith("Api", StringComparison.Ordinal));
        var network = fargate.Value["Properties"]!["NetworkConfiguration"]!["AwsvpcConfiguration"]!;
        Assert.Equal("ENABLED", network["AssignPublicIp"]!.GetValue<string>());
        Assert.Contains("PublicSubnet", network["Subnets"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_rule_fires() => f.Findings.AssertClean();
}

public sealed class NatGatewayValidationTests
{
    private static EcsValidationException Invalid(EcsClusterProps props) =>
        Assert.Throws<EcsValidationException>(() => new EcsCluster(TestApps.NewStack(), "Cluster", props));

    private static readonly SubnetConfiguration Public = new() { Name = "Public", SubnetType = SubnetType.PUBLIC };

    [Fact]
    public void A_nat_gateway_in_a_layout_without_private_subnets_is_rejected()
    {
        var e = Invalid(new EcsClusterProps { AvailabilityZones = ["eu-west-1a", "eu-west-1b"], NatGateways = 1, SubnetConfiguration = [Public] });

        Assert.Equal("[ECS059] Test/Cluster: NatGateways: is 1, but SubnetConfiguration has no private subnet with egress, so nothing would route through a NAT gateway; allowed: 0 (or not set), or add PRIVATE_WITH_EGRESS subnets.", e.Message);
    }

    [Fact]
    public void No_nat_gateway_for_private_subnets_with_egress_is_rejected()
    {
        var e = Invalid(new EcsClusterProps
        {
            AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
            NatGateways = 0,
            SubnetConfiguration = [Public, new SubnetConfiguration { Name = "App", SubnetType = SubnetType.PRIVATE_WITH_EGRESS }],
        });

        Assert.Equal("[ECS059] Test/Cluster: NatGateways: is 0, but SubnetConfiguration has private subnets with egress, whose default route needs a NAT gateway; allowed: 1 to 2, or PRIVATE_ISOLATED / PUBLIC subnets only.", e.Message);
    }

    [Fact]
    public void A_layout_without_private_subnets_gets_no_nat_gateway_by_default()
    {
        var stack = TestApps.NewStack();
        _ = new EcsCluster(stack, "Cluster", new EcsClusterProps
        {
            AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
            SubnetConfiguration = [Public, new SubnetConfiguration { Name = "Data", SubnetType = SubnetType.PRIVATE_ISOLATED }],
        });

        Assert.Empty(Synthesized.Of(stack).Resources("AWS::EC2::NatGateway"));
    }

    [Fact]
    public void The_default_layout_keeps_one_nat_gateway()
    {
        var stack = TestApps.NewStack();
        _ = new EcsCluster(stack, "Cluster", new EcsClusterProps { AvailabilityZones = ["eu-west-1a", "eu-west-1b"] });

        Assert.Single(Synthesized.Of(stack).Resources("AWS::EC2::NatGateway"));
    }
}
