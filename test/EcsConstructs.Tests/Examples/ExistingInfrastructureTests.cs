using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;
using ExistingInfrastructure;

namespace EcsConstructs.Tests.Examples;

public sealed class ExistingInfrastructureFixture() : ExampleFixture(ExistingInfrastructureApp.Build);

public sealed class ExistingInfrastructureTests(ExistingInfrastructureFixture fixture) : ExampleTests<ExistingInfrastructureFixture>(fixture)
{
    private readonly Synthesized _t = fixture.Template;

    [Fact]
    public void Imported_infrastructure_gives_no_warning_at_all()
    {
        // The rules walk a stack whose VPC, cluster, capacity provider and listener are imported:
        // nothing throws, and neither the rules nor CDK itself (e.g. subnets without route tables) warn.
        Assert.True(Fixture.Findings.All.All(a => a.Level == "info"), Fixture.Findings.Dump());
    }

    [Fact]
    public void Template_holds_only_the_service_side()
    {
        string[] serviceSide =
        [
            "AWS::ECS::Service", "AWS::ECS::TaskDefinition", "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::Logs::LogGroup",
            "AWS::ElasticLoadBalancingV2::TargetGroup", "AWS::ElasticLoadBalancingV2::ListenerRule",
            "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress",
        ];
        // AWS::CDK::Metadata is cdk synth's version reporting, in every stack.
        var types = _t.Json["Resources"]!.AsObject().Select(r => r.Value!["Type"]!.GetValue<string>())
            .Where(type => type != "AWS::CDK::Metadata").Distinct().ToList();

        Assert.All(types, type => Assert.Contains(type, serviceSide));
        Assert.DoesNotContain(types, t => t is "AWS::EC2::VPC" or "AWS::EC2::Subnet" or "AWS::ECS::Cluster" or "AWS::ECS::CapacityProvider"
            or "AWS::AutoScaling::AutoScalingGroup" or "AWS::ElasticLoadBalancingV2::LoadBalancer" or "AWS::ElasticLoadBalancingV2::Listener");
    }

    [Fact]
    public void Service_runs_on_the_existing_cluster_and_capacity_provider_without_a_launch_type()
    {
        var service = _t.PropertiesOf("AWS::ECS::Service");
        Assert.Equal(ExistingInfrastructureApp.ClusterName, service["Cluster"]!.GetValue<string>());
        Assert.Null(service["LaunchType"]);
        var share = Assert.Single(service["CapacityProviderStrategy"]!.AsArray())!;
        Assert.Equal(ExistingInfrastructureApp.CapacityProviderName, share["CapacityProvider"]!.GetValue<string>());
    }

    [Fact]
    public void Rule_on_the_existing_listener_matches_host_and_path_and_the_instances_admit_the_alb()
    {
        var rule = _t.PropertiesOf("AWS::ElasticLoadBalancingV2::ListenerRule");
        Assert.Equal(ExistingInfrastructureApp.ListenerArn, rule["ListenerArn"]!.GetValue<string>());
        Assert.Equal(30, rule["Priority"]!.GetValue<int>());
        var conditions = rule["Conditions"]!.ToJsonString();
        Assert.Contains("\"host-header\"", conditions, StringComparison.Ordinal);
        Assert.Contains("orders.example.com", conditions, StringComparison.Ordinal);
        Assert.Contains("/orders/*", conditions, StringComparison.Ordinal);

        var ingress = _t.PropertiesOf("AWS::EC2::SecurityGroupIngress");
        Assert.Equal("sg-0ccc0000000000001", ingress["GroupId"]!.GetValue<string>());
        Assert.Equal("sg-0ddd0000000000001", ingress["SourceSecurityGroupId"]!.GetValue<string>());
    }
}
