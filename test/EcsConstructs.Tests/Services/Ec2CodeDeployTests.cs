using System.Text.Json.Nodes;
using EcsConstructs.Services;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Services;

public sealed class Ec2CodeDeployFixture() : LoadBalancedScenarioFixture<LoadBalancedEc2Service>(ServiceScenarios.Ec2CodeDeploy());

/// <summary>An EC2 service with the CodeDeploy controller (<see cref="ServiceScenarios.Ec2CodeDeploy"/>).</summary>
public sealed class Ec2CodeDeployTests(Ec2CodeDeployFixture f) : IClassFixture<Ec2CodeDeployFixture>
{
    [Fact]
    public void Template_matches_the_reviewed_snapshot() => SnapshotAssert.MatchesSnapshot(f.Stack, "Ec2CodeDeploy");

    [Fact]
    public void No_rule_fires_on_a_code_deploy_service() => f.Findings.AssertClean();

    private JsonObject Group => f.Template.PropertiesOf("AWS::CodeDeploy::DeploymentGroup");

    private string Id(string fragment, string type) =>
        f.Template.Resources(type).Single(r => r.Key.Contains(fragment, StringComparison.Ordinal)).Key;

    private string ListenerId(int port) =>
        f.Template.Resources("AWS::ElasticLoadBalancingV2::Listener").Single(l => l.Value["Properties"]!["Port"]!.GetValue<int>() == port).Key;

    [Fact]
    public void The_service_uses_the_code_deploy_controller()
    {
        Assert.Equal("CODE_DEPLOY", f.Service["DeploymentController"]!["Type"]!.GetValue<string>());
    }

    [Fact]
    public void The_service_has_no_deployment_configuration_so_no_circuit_breaker_alarms_or_percentages()
    {
        Assert.Null(f.Service["DeploymentConfiguration"]);
    }

    [Fact]
    public void The_service_registers_with_the_primary_target_group_only()
    {
        var binding = Assert.Single(f.Service["LoadBalancers"]!.AsArray())!;
        Assert.Equal(Id("WebTargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup"), binding["TargetGroupArn"]!["Ref"]!.GetValue<string>());
        Assert.Null(binding["AdvancedConfiguration"]);
    }

    [Fact]
    public void The_deployment_group_pairs_the_primary_and_alternate_groups_with_both_listeners()
    {
        var pair = Assert.Single(Group["LoadBalancerInfo"]!["TargetGroupPairInfoList"]!.AsArray())!;
        var names = pair["TargetGroups"]!.AsArray().Select(g => g!["Name"]!["Fn::GetAtt"]![0]!.GetValue<string>()).ToList();
        Assert.Equal([Id("WebTargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup"), Id("AlternateTargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup")], names);
        Assert.Equal(ListenerId(80), pair["ProdTrafficRoute"]!["ListenerArns"]![0]!["Ref"]!.GetValue<string>());
        Assert.Equal(ListenerId(8080), pair["TestTrafficRoute"]!["ListenerArns"]![0]!["Ref"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(80)]
    [InlineData(8080)]
    public void Both_listeners_forward_to_the_primary_group_by_default(int port)
    {
        var action = f.Template.Resources("AWS::ElasticLoadBalancingV2::Listener").Single(l => l.Key == ListenerId(port)).Value["Properties"]!["DefaultActions"]![0]!;
        Assert.Equal("forward", action["Type"]!.GetValue<string>());
        Assert.Equal(Id("WebTargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup"), action["TargetGroupArn"]!["Ref"]!.GetValue<string>());
    }

    [Fact]
    public void The_default_shift_is_codedeploys_canary_of_10_percent_for_5_minutes()
    {
        Assert.Equal("CodeDeployDefault.ECSCanary10Percent5Minutes", Group["DeploymentConfigName"]!.GetValue<string>());
        Assert.Empty(f.Template.Resources("AWS::CodeDeploy::DeploymentConfig"));
    }

    [Fact]
    public void The_old_tasks_terminate_10_minutes_after_the_shift()
    {
        var terminate = Group["BlueGreenDeploymentConfiguration"]!["TerminateBlueInstancesOnDeploymentSuccess"]!;
        Assert.Equal("TERMINATE", terminate["Action"]!.GetValue<string>());
        Assert.Equal(10, terminate["TerminationWaitTimeInMinutes"]!.GetValue<int>());
    }

    [Fact]
    public void The_deployment_alarm_moves_to_the_deployment_group_and_rolls_back()
    {
        var alarms = Group["AlarmConfiguration"]!;
        Assert.True(alarms["Enabled"]!.GetValue<bool>());
        Assert.Equal("web-5xx", alarms["Alarms"]![0]!["Name"]!.GetValue<string>());
        var events = Group["AutoRollbackConfiguration"]!["Events"]!.AsArray().Select(e => e!.GetValue<string>()).Order().ToList();
        Assert.Equal(["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"], events);
    }

    [Fact]
    public void The_outputs_name_the_application_and_the_deployment_group()
    {
        var outputs = f.Template.Json["Outputs"]!.AsObject().Select(o => o.Key).ToList();
        Assert.Contains(outputs, o => o.StartsWith("WebCodeDeployApplicationName", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.StartsWith("WebCodeDeployDeploymentGroupName", StringComparison.Ordinal));
    }

    [Fact]
    public void The_result_exposes_the_code_deploy_resources()
    {
        var alb = Assert.IsType<ApplicationLoadBalancing>(f.Web.LoadBalancing);
        var blueGreen = Assert.IsType<CodeDeployBlueGreenDeployment>(alb.BlueGreenDeployment);
        Assert.NotSame(alb.TargetGroup, blueGreen.AlternateTargetGroup);
        Assert.Equal("Ec2CodeDeploy/Web/LoadBalancer/Test", blueGreen.TestListener!.Node.Path);
        Assert.Equal("Ec2CodeDeploy/Web/CodeDeployApplication", blueGreen.Application.Node.Path);
        Assert.Equal("Ec2CodeDeploy/Web/DeploymentGroup", blueGreen.DeploymentGroup.Node.Path);
    }
}
