using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using EcsConstructs.Clusters;
using EcsConstructs.Scaling;
using EcsConstructs.Tests.Scaling;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Rules;

/// <summary>
/// What only the synthesized templates show, and the rules now read: property overrides, zones
/// that are tokens, resources of other stacks of the app, and the checks over the whole app
/// (ECS062-ECS065).
/// </summary>
public sealed class TemplateOnlyFactsTests
{
    private static readonly Amazon.CDK.Environment Ireland = new() { Region = "eu-west-1" };

    [Fact]
    public void A_property_set_only_by_AddPropertyOverride_triggers_its_rule()
    {
        var w = new L1World();
        w.Service.AddPropertyOverride("DeploymentConfiguration.MaximumPercent", 100);

        w.Synth().Fired("ECS047", "Test/Service: with DesiredCount 2, MinimumHealthyPercent 100 keeps 2 task(s) (rounded up) and MaximumPercent 100 allows 2");
    }

    [Fact]
    public void A_property_removed_by_AddPropertyDeletionOverride_is_gone_for_the_rules()
    {
        var w = new L1World();
        w.Service.AddPropertyDeletionOverride("DeploymentConfiguration.DeploymentCircuitBreaker");

        w.Synth().Fired("ECS046", "Test/Service: has no deployment circuit breaker");
    }

    [Fact]
    public void A_one_subnet_load_balancer_in_a_CDK_VPC_with_zones_from_Fn_GetAZs_is_an_ECS019_error()
    {
        // An environment-agnostic stack: the VPC's subnets take their zones from Fn::Select over Fn::GetAZs.
        var stack = new Stack(TestApps.NewApp(), "Agnostic");
        var vpc = new Vpc(stack, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 0, RestrictDefaultSecurityGroup = false });
        var alb = new ApplicationLoadBalancer(stack, "Alb", new ApplicationLoadBalancerProps { Vpc = vpc, InternetFacing = true });
        ((CfnLoadBalancer)alb.Node.DefaultChild!).Subnets = [vpc.PublicSubnets[0].SubnetId];

        RuleFindings.Of(stack).Fired("ECS019", "Agnostic/Alb/Resource: has 1 subnet (zone 1 of the region (Fn::GetAZs index 0))");
    }

    [Fact]
    public void Two_subnets_in_one_zone_of_Fn_GetAZs_are_an_ECS019_error_and_two_zones_are_fine()
    {
        var stack = new Stack(TestApps.NewApp(), "Agnostic");
        var vpc = new Vpc(stack, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 0, RestrictDefaultSecurityGroup = false });
        var same = new ApplicationLoadBalancer(stack, "Same", new ApplicationLoadBalancerProps { Vpc = vpc, InternetFacing = true });
        ((CfnLoadBalancer)same.Node.DefaultChild!).Subnets = [vpc.PublicSubnets[0].SubnetId, vpc.IsolatedSubnets.Concat(vpc.PrivateSubnets).Append(vpc.PublicSubnets[0]).First().SubnetId];
        _ = new ApplicationLoadBalancer(stack, "Spread", new ApplicationLoadBalancerProps { Vpc = vpc, InternetFacing = true });

        var findings = RuleFindings.Of(stack);

        findings.Fired("ECS019", "Agnostic/Same/Resource: has 2 subnets in zone 1 of the region (Fn::GetAZs index 0)");
        Assert.DoesNotContain(findings.Of("ECS019"), f => f.Path.StartsWith("Agnostic/Spread", StringComparison.Ordinal));
    }

    [Fact]
    public void ECS062_two_stacks_creating_the_same_security_group_rule()
    {
        var app = TestApps.NewApp();
        var shared = new Stack(app, "Shared", new StackProps { Env = Ireland });
        var vpc = new Vpc(shared, "Vpc", new VpcProps { AvailabilityZones = ["eu-west-1a", "eu-west-1b"], NatGateways = 0, RestrictDefaultSecurityGroup = false });
        var instances = new SecurityGroup(shared, "Instances", new SecurityGroupProps { Vpc = vpc });
        var balancer = new SecurityGroup(shared, "Balancer", new SecurityGroupProps { Vpc = vpc });
        var api = new Stack(app, "Api", new StackProps { Env = Ireland });
        var web = new Stack(app, "Web", new StackProps { Env = Ireland });
        foreach (var stack in new[] { api, web })
        {
            _ = new CfnSecurityGroupIngress(stack, "FromBalancer", new CfnSecurityGroupIngressProps
            {
                GroupId = instances.SecurityGroupId,
                SourceSecurityGroupId = balancer.SecurityGroupId,
                IpProtocol = "tcp",
                FromPort = 32768,
                ToPort = 65535,
            });
        }

        RuleFindings.Of(web).Fired("ECS062", "Web/FromBalancer: creates the ingress rule TCP 32768-65535 from security group Shared/Balancer/Resource on security group Shared/Instances/Resource, which Api/FromBalancer in stack Api creates too");
    }

    [Fact]
    public void ECS062_is_silent_when_the_two_rules_differ_in_a_port()
    {
        var stack = TestApps.NewStack();
        var vpc = new Vpc(stack, "Vpc", new VpcProps { AvailabilityZones = ["eu-west-1a", "eu-west-1b"], NatGateways = 0, RestrictDefaultSecurityGroup = false });
        var instances = new SecurityGroup(stack, "Instances", new SecurityGroupProps { Vpc = vpc });
        var balancer = new SecurityGroup(stack, "Balancer", new SecurityGroupProps { Vpc = vpc });
        instances.AddIngressRule(balancer, Port.Tcp(80));
        instances.AddIngressRule(balancer, Port.Tcp(8080));

        RuleFindings.Of(stack).Silent("ECS062");
    }

    [Fact]
    public void ECS063_two_stacks_adding_rules_with_one_priority_to_an_imported_listener()
    {
        var app = TestApps.NewApp();
        var shared = new Stack(app, "Front", new StackProps { Env = Ireland });
        var vpc = new Vpc(shared, "Vpc", new VpcProps { AvailabilityZones = ["eu-west-1a", "eu-west-1b"], NatGateways = 0, RestrictDefaultSecurityGroup = false });
        var alb = new ApplicationLoadBalancer(shared, "Alb", new ApplicationLoadBalancerProps { Vpc = vpc, InternetFacing = true });
        var listener = alb.AddListener("Http", new BaseApplicationListenerProps { Port = 80, DefaultAction = ListenerAction.FixedResponse(404) });
        foreach (var (id, path) in new[] { ("Api", "/api/*"), ("Web", "/web/*") })
        {
            var stack = new Stack(app, id, new StackProps { Env = Ireland });
            _ = new ApplicationListenerRule(stack, "Rule", new ApplicationListenerRuleProps
            {
                Listener = listener,
                Priority = 10,
                Conditions = [ListenerCondition.PathPatterns([path])],
                Action = ListenerAction.FixedResponse(200),
            });
        }

        RuleFindings.Of(app.Node.FindChild("Web") as Stack ?? throw new InvalidOperationException()).Fired("ECS063", "Web/Rule/Resource: has priority 10 on listener Front/Alb/Http/Resource, like Api/Rule/Resource in stack Api");
    }

    [Fact]
    public void ECS064_spot_capacity_with_a_single_instance_type()
    {
        var stack = TestApps.NewStack();
        _ = Fixtures.Cluster(stack, new EcsClusterProps
        {
            Ec2Capacity = [new Ec2CapacityOptions { Id = "Pool", InstanceType = Fixtures.Small, Spot = new SpotCapacityOptions() }],
        });

        RuleFindings.Of(stack).Fired("ECS064", "on Spot with the single instance type t3.small");
    }

    [Fact]
    public void ECS065_scaling_maximum_beyond_the_capacity()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack, new EcsClusterProps
        {
            Ec2Capacity = [new Ec2CapacityOptions { Id = "Medium", InstanceType = InstanceType.Of(InstanceClass.T3, InstanceSize.MEDIUM), MaxCapacity = 3 }],
        });
        _ = new ServiceScaling(stack, "Scaling", new ServiceScalingProps
        {
            Service = ScalingTestServices.Plain(stack, "Cpu", cluster.Cluster, cpu: 1024, memoryMiB: 128),
            MinCapacity = 1,
            MaxCapacity = 20,
        });

        RuleFindings.Of(stack).Fired("ECS065", "by CPU: 20 tasks × 1024 CPU units needs 20480 CPU units");
    }
}
