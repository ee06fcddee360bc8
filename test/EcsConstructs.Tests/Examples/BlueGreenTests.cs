using BlueGreen;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Examples;

public sealed class BlueGreenFixture() : ExampleFixture(BlueGreenApp.Build);

public sealed class BlueGreenTests(BlueGreenFixture fixture) : ExampleTests<BlueGreenFixture>(fixture)
{
    private readonly Synthesized _t = fixture.Template;

    private System.Text.Json.Nodes.JsonNode Service(string prefix) =>
        _t.Resources("AWS::ECS::Service").Single(s => s.Key.StartsWith(prefix, StringComparison.Ordinal)).Value["Properties"]!;

    [Fact]
    public void The_fargate_service_deploys_with_ecs_canary_of_10_percent_for_5_minutes()
    {
        var deployment = Service("WebService")["DeploymentConfiguration"]!;
        Assert.Equal("CANARY", deployment["Strategy"]!.GetValue<string>());
        Assert.Equal(10, deployment["CanaryConfiguration"]!["CanaryPercent"]!.GetValue<int>());
        Assert.Equal(5, deployment["CanaryConfiguration"]!["CanaryBakeTimeInMinutes"]!.GetValue<int>());
        Assert.Null(Service("WebService")["DeploymentController"]);
    }

    [Fact]
    public void The_ec2_service_is_deployed_by_code_deploy()
    {
        Assert.Equal("CODE_DEPLOY", Service("ApiService")["DeploymentController"]!["Type"]!.GetValue<string>());
        var group = _t.PropertiesOf("AWS::CodeDeploy::DeploymentGroup");
        Assert.Equal("CodeDeployDefault.ECSCanary10Percent5Minutes", group["DeploymentConfigName"]!.GetValue<string>());
        Assert.StartsWith("ApiService", group["ECSServices"]![0]!["ServiceName"]!["Fn::GetAtt"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_service_has_two_target_groups_and_a_test_listener_on_8080()
    {
        Assert.Equal(4, _t.Resources("AWS::ElasticLoadBalancingV2::TargetGroup").Count);
        Assert.Equal(2, _t.Resources("AWS::ElasticLoadBalancingV2::Listener").Count(l => l.Value["Properties"]!["Port"]!.GetValue<int>() == 8080));
    }
}
