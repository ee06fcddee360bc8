using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using EcsConstructs.Services;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;
using static EcsConstructs.Tests.Support.Props;

namespace EcsConstructs.Tests.Services;

public sealed class FargateBlueGreenFixture() : LoadBalancedScenarioFixture<LoadBalancedFargateService>(ServiceScenarios.FargateBlueGreen());

public sealed class FargateBlueGreenTests(FargateBlueGreenFixture f) : IClassFixture<FargateBlueGreenFixture>
{
    [Fact]
    public void Template_matches_the_reviewed_snapshot() => SnapshotAssert.MatchesSnapshot(f.Stack, "FargateBlueGreen");

    private JsonObject Deployment => f.Service["DeploymentConfiguration"]!.AsObject();

    private JsonObject Advanced => f.Service["LoadBalancers"]![0]!["AdvancedConfiguration"]!.AsObject();

    private string Id(string fragment, string type = "AWS::ElasticLoadBalancingV2::TargetGroup") =>
        f.Template.Resources(type).Single(r => r.Key.Contains(fragment, StringComparison.Ordinal)).Key;

    private static Dictionary<string, object> Ref(string id) => Obj(("Ref", id));

    private JsonObject Listener(int port) =>
        f.Template.Resources("AWS::ElasticLoadBalancingV2::Listener").Single(l => l.Value["Properties"]!["Port"]!.GetValue<int>() == port).Value["Properties"]!.AsObject();

    private Dictionary<string, object> ForwardToBothGroups() => Obj(("Type", "forward"), ("ForwardConfig", Obj(("TargetGroups", new object[]
    {
        Obj(("TargetGroupArn", Ref(Id("WebTargetGroup"))), ("Weight", 100)),
        Obj(("TargetGroupArn", Ref(Id("AlternateTargetGroup"))), ("Weight", 0)),
    }))));

    [Fact]
    public void The_service_deploys_blue_green_with_the_bake_time_in_minutes()
    {
        Assert.Equal("BLUE_GREEN", Deployment["Strategy"]!.GetValue<string>());
        Assert.Equal(15, Deployment["BakeTimeInMinutes"]!.GetValue<int>());
    }

    [Fact]
    public void The_circuit_breaker_stays_on_with_the_ecs_deployment_controller()
    {
        Assert.True(Deployment["DeploymentCircuitBreaker"]!["Rollback"]!.GetValue<bool>());
        Assert.NotEqual("CODE_DEPLOY", f.Service["DeploymentController"]?["Type"]?.GetValue<string>());
    }

    [Fact]
    public void Advanced_configuration_names_the_alternate_group_both_rules_and_the_role()
    {
        Assert.Equal(Id("AlternateTargetGroup"), Advanced["AlternateTargetGroupArn"]!["Ref"]!.GetValue<string>());
        Assert.Equal(Id("ProductionListenerRule", "AWS::ElasticLoadBalancingV2::ListenerRule"), Advanced["ProductionListenerRule"]!["Ref"]!.GetValue<string>());
        Assert.Equal(Id("TestListenerRule", "AWS::ElasticLoadBalancingV2::ListenerRule"), Advanced["TestListenerRule"]!["Ref"]!.GetValue<string>());
        Assert.Equal(Id("BlueGreenRole", "AWS::IAM::Role"), Advanced["RoleArn"]!["Fn::GetAtt"]![0]!.GetValue<string>());
        Assert.Equal(Id("WebTargetGroup"), f.Service["LoadBalancers"]![0]!["TargetGroupArn"]!["Ref"]!.GetValue<string>());
    }

    [Fact]
    public void The_production_rule_forwards_all_paths_to_both_groups_weighted_100_and_0()
    {
        f.Template.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Obj(
            ("ListenerArn", Ref(Id("LoadBalancerHttp", "AWS::ElasticLoadBalancingV2::Listener"))),
            ("Priority", 1),
            ("Conditions", new object[] { Obj(("Field", "path-pattern"), ("PathPatternConfig", Obj(("Values", new object[] { "/*" })))) }),
            ("Actions", new object[] { ForwardToBothGroups() })));
    }

    [Fact]
    public void The_test_listener_on_8080_forwards_through_its_rule_to_both_groups()
    {
        Assert.Equal("HTTP", Listener(8080)["Protocol"]!.GetValue<string>());
        f.Template.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Obj(
            ("ListenerArn", Ref(Id("LoadBalancerTest", "AWS::ElasticLoadBalancingV2::Listener"))),
            ("Priority", 1),
            ("Actions", new object[] { ForwardToBothGroups() })));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(8080)]
    public void The_listeners_default_action_answers_404_so_traffic_flows_through_the_rules(int port)
    {
        var action = Assert.Single(Listener(port)["DefaultActions"]!.AsArray())!;
        Assert.Equal("fixed-response", action["Type"]!.GetValue<string>());
        Assert.Equal("404", action["FixedResponseConfig"]!["StatusCode"]!.GetValue<string>());
    }

    [Fact]
    public void The_alternate_group_has_the_primary_groups_settings()
    {
        var groups = f.Template.Resources("AWS::ElasticLoadBalancingV2::TargetGroup").Select(g => g.Value["Properties"]!.ToJsonString()).ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal(groups[0], groups[1]);
    }

    [Fact]
    public void The_role_is_trusted_by_ecs_with_the_load_balancer_infrastructure_policy()
    {
        var role = f.Template.Resources("AWS::IAM::Role").Single(r => r.Key == Id("BlueGreenRole", "AWS::IAM::Role")).Value;
        Assert.Equal("ecs.amazonaws.com", role["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"]!["Service"]!.GetValue<string>());
        Assert.EndsWith(":iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers",
            role["Properties"]!["ManagedPolicyArns"]![0]!["Fn::Join"]![1]![2]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("AwsSolutions-IAM4", role["Metadata"]!["cdk_nag"]!["rules_to_suppress"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void The_service_is_created_after_both_rules()
    {
        var dependsOn = f.Template.Single("AWS::ECS::Service").Value["DependsOn"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        Assert.Contains(Id("ProductionListenerRule", "AWS::ElasticLoadBalancingV2::ListenerRule"), dependsOn);
        Assert.Contains(Id("TestListenerRule", "AWS::ElasticLoadBalancingV2::ListenerRule"), dependsOn);
    }

    [Fact]
    public void The_alb_admits_clients_on_the_production_and_test_ports()
    {
        var ingress = f.Template.Resources("AWS::EC2::SecurityGroup").Single(g => g.Key.Contains("LoadBalancer", StringComparison.Ordinal))
            .Value["Properties"]!["SecurityGroupIngress"]!.AsArray().Select(i => (i!["CidrIp"]!.GetValue<string>(), i["FromPort"]!.GetValue<int>())).Order().ToList();
        Assert.Equal([("0.0.0.0/0", 80), ("0.0.0.0/0", 8080)], ingress);
    }

    [Fact]
    public void The_tasks_admit_the_alb_once_on_the_container_port_for_both_groups()
    {
        var rule = Assert.Single(f.Ingress());
        Assert.Equal((f.GroupOf("WebServiceSecurityGroup"), f.GroupOf("LoadBalancer"), 80, 80, (string?)null), rule);
    }

    [Fact]
    public void The_result_exposes_the_blue_green_resources()
    {
        var alb = Assert.IsType<ApplicationLoadBalancing>(f.Web.LoadBalancing);
        var blueGreen = Assert.IsType<EcsBlueGreenDeployment>(alb.BlueGreenDeployment);
        Assert.NotSame(alb.TargetGroup, blueGreen.AlternateTargetGroup);
        Assert.Equal("FargateBlueGreen/Web/ProductionListenerRule", blueGreen.ProductionListenerRule.Node.Path);
        Assert.Equal("FargateBlueGreen/Web/LoadBalancer/Test", blueGreen.TestListener!.Node.Path);
        Assert.Equal("FargateBlueGreen/Web/TestListenerRule", blueGreen.TestListenerRule!.Node.Path);
        Assert.Equal("FargateBlueGreen/Web/BlueGreenRole", blueGreen.Role.Node.Path);
    }

    [Fact]
    public void No_rule_fires_on_a_blue_green_service() => f.Findings.AssertClean();
}
