using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using EcsConstructs.Services;
using EcsConstructs.Tests.Support;
using static EcsConstructs.Tests.Support.Props;

namespace EcsConstructs.Tests.Services;

/// <summary>A cluster with one EC2 capacity and a default load-balanced service, synthesized once.</summary>
public sealed class DefaultEc2ServiceFixture
{
    public DefaultEc2ServiceFixture()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);
        Service = new LoadBalancedEc2Service(stack, "Web", Fixtures.WebService(cluster));
        Template = Synthesized.Of(stack);
    }

    internal Synthesized Template { get; }

    internal LoadBalancedEc2Service Service { get; }
}

public sealed class LoadBalancedEc2ServiceTests(DefaultEc2ServiceFixture fixture) : IClassFixture<DefaultEc2ServiceFixture>
{
    private readonly Synthesized _t = fixture.Template;

    private JsonObject ServiceProperties => _t.PropertiesOf("AWS::ECS::Service");

    [Fact]
    public void Task_uses_bridge_mode_with_the_container_port_on_dynamic_host_port_0()
    {
        _t.Template.HasResourceProperties("AWS::ECS::TaskDefinition", Obj(
            ("NetworkMode", "bridge"),
            ("ContainerDefinitions", new object[]
            {
                Obj(("PortMappings", new object[] { Obj(("ContainerPort", 80), ("HostPort", 0), ("Protocol", "tcp")) })),
            })));
    }

    [Fact]
    public void Target_group_registers_instances()
    {
        _t.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Obj(
            ("TargetType", "instance"), ("Port", 80), ("Protocol", "HTTP")));
    }

    [Fact]
    public void Instances_admit_the_load_balancer_security_group_on_the_ephemeral_port_range()
    {
        var albGroup = _t.Resources("AWS::EC2::SecurityGroup").Single(g => g.Key.Contains("LoadBalancer", StringComparison.Ordinal)).Key;
        var instanceGroup = _t.Resources("AWS::EC2::SecurityGroup").Single(g => g.Key.Contains("ClusterOnDemand", StringComparison.Ordinal)).Key;

        var rule = _t.PropertiesOf("AWS::EC2::SecurityGroupIngress");
        Assert.Equal(instanceGroup, rule["GroupId"]!["Fn::GetAtt"]![0]!.GetValue<string>());
        Assert.Equal(albGroup, rule["SourceSecurityGroupId"]!["Fn::GetAtt"]![0]!.GetValue<string>());
        Assert.Equal(32768, rule["FromPort"]!.GetValue<int>());
        Assert.Equal(65535, rule["ToPort"]!.GetValue<int>());
    }

    [Fact]
    public void Instances_admit_nothing_from_the_internet()
    {
        var instanceGroup = _t.Resources("AWS::EC2::SecurityGroup").Single(g => g.Key.Contains("ClusterOnDemand", StringComparison.Ordinal)).Value;
        Assert.Null(instanceGroup["Properties"]!["SecurityGroupIngress"]);
        Assert.DoesNotContain(_t.Resources("AWS::EC2::SecurityGroupIngress"), r => r.Value["Properties"]!["CidrIp"] is not null);
    }

    [Fact]
    public void Only_the_public_listener_port_is_open_to_the_internet()
    {
        var albGroup = _t.Resources("AWS::EC2::SecurityGroup").Single(g => g.Key.Contains("LoadBalancer", StringComparison.Ordinal)).Value;
        var ingress = Assert.Single(albGroup["Properties"]!["SecurityGroupIngress"]!.AsArray())!;
        Assert.Equal("0.0.0.0/0", ingress["CidrIp"]!.GetValue<string>());
        Assert.Equal(80, ingress["FromPort"]!.GetValue<int>());
        Assert.Equal(80, ingress["ToPort"]!.GetValue<int>());
    }

    [Fact]
    public void No_launch_type_is_written_so_the_cluster_default_strategy_applies()
    {
        Assert.Null(ServiceProperties["LaunchType"]);
        Assert.Null(ServiceProperties["CapacityProviderStrategy"]);
    }

    [Fact]
    public void Deployments_keep_100_percent_healthy_allow_200_percent_and_roll_back_on_failure()
    {
        _t.Template.HasResourceProperties("AWS::ECS::Service", Obj(("DeploymentConfiguration", Obj(
            ("MinimumHealthyPercent", 100),
            ("MaximumPercent", 200),
            ("DeploymentCircuitBreaker", Obj(("Enable", true), ("Rollback", true)))))));
    }

    [Fact]
    public void Deregistration_delay_is_30_seconds()
    {
        _t.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Obj(("TargetGroupAttributes", Match.ArrayWith(new object[]
        {
            Obj(("Key", "deregistration_delay.timeout_seconds"), ("Value", "30")),
        }))));
    }

    [Fact]
    public void Tasks_spread_across_zones_then_instances()
    {
        _t.Template.HasResourceProperties("AWS::ECS::Service", Obj(("PlacementStrategies", new object[]
        {
            Obj(("Type", "spread"), ("Field", "attribute:ecs.availability-zone")),
            Obj(("Type", "spread"), ("Field", "instanceId")),
        })));
    }

    [Fact]
    public void Service_is_created_after_and_deleted_before_the_capacity_provider_association()
    {
        var association = _t.LogicalId("AWS::ECS::ClusterCapacityProviderAssociations");
        var dependsOn = _t.Single("AWS::ECS::Service").Value["DependsOn"]!.AsArray().Select(d => d!.GetValue<string>());
        Assert.Contains(association, dependsOn);
    }

    [Fact]
    public void Service_waits_for_the_listener_so_the_target_group_has_a_load_balancer()
    {
        var listener = _t.LogicalId("AWS::ElasticLoadBalancingV2::Listener");
        var dependsOn = _t.Single("AWS::ECS::Service").Value["DependsOn"]!.AsArray().Select(d => d!.GetValue<string>());
        Assert.Contains(listener, dependsOn);
    }

    [Fact]
    public void Log_group_keeps_one_month_and_survives_stack_deletion()
    {
        var logGroup = _t.Resources("AWS::Logs::LogGroup").Single(g => g.Key.StartsWith("Web", StringComparison.Ordinal)).Value;
        Assert.Equal(30, logGroup["Properties"]!["RetentionInDays"]!.GetValue<int>());
        Assert.Equal("Retain", logGroup["DeletionPolicy"]!.GetValue<string>());
        Assert.Equal("Retain", logGroup["UpdateReplacePolicy"]!.GetValue<string>());
    }

    [Fact]
    public void Health_check_defaults_probe_root_every_30_seconds_accepting_200_to_399()
    {
        _t.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Obj(
            ("HealthCheckPath", "/"),
            ("HealthCheckIntervalSeconds", 30),
            ("HealthCheckTimeoutSeconds", 5),
            ("HealthyThresholdCount", 2),
            ("UnhealthyThresholdCount", 3),
            ("Matcher", Obj(("HttpCode", "200-399")))));
    }

    [Fact]
    public void Public_listener_finding_is_suppressed_with_a_reason_on_the_load_balancer_group()
    {
        var albGroup = _t.Resources("AWS::EC2::SecurityGroup").Single(g => g.Key.Contains("LoadBalancer", StringComparison.Ordinal)).Value;
        var suppression = Assert.Single(albGroup["Metadata"]!["cdk_nag"]!["rules_to_suppress"]!.AsArray())!;
        Assert.Equal("AwsSolutions-EC23", suppression["id"]!.GetValue<string>());
        Assert.Contains("listener port 80", suppression["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Created_resources_are_exposed()
    {
        Assert.NotNull(fixture.Service.Service);
        var alb = Assert.IsType<ApplicationLoadBalancing>(fixture.Service.LoadBalancing);
        Assert.NotNull(alb.LoadBalancer);
        Assert.NotNull(alb.Listener);
        Assert.NotNull(alb.TargetGroup);
        Assert.NotNull(fixture.Service.TaskDefinition);
        Assert.NotNull(fixture.Service.LogGroup);
        Assert.Equal("app", fixture.Service.Container.ContainerName);
    }
}
