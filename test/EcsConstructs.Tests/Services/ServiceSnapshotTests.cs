using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using EcsConstructs.Services;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Rules;
using EcsConstructs.Tests.Support;
using static EcsConstructs.Tests.Support.Props;

namespace EcsConstructs.Tests.Services;

/// <summary>A scenario stack synthesized once.</summary>
public abstract class ScenarioFixture
{
    private protected ScenarioFixture(Stack stack)
    {
        Stack = stack;
        Template = Synthesized.Of(stack);
    }

    internal Stack Stack { get; }

    internal Synthesized Template { get; }

    internal JsonObject Service => Template.PropertiesOf("AWS::ECS::Service");

    internal string GroupOf(string fragment) =>
        Template.Resources("AWS::EC2::SecurityGroup").Single(g => g.Key.Contains(fragment, StringComparison.Ordinal)).Key;

    /// <summary>Every standalone ingress rule, as (target group, source group, from, to, cidr).</summary>
    internal List<(string? Group, string? Source, int From, int To, string? Cidr)> Ingress() =>
        Template.Resources("AWS::EC2::SecurityGroupIngress").Select(r => r.Value["Properties"]!).Select(p => (
            p["GroupId"]?["Fn::GetAtt"]?[0]?.GetValue<string>(),
            p["SourceSecurityGroupId"]?["Fn::GetAtt"]?[0]?.GetValue<string>(),
            p["FromPort"]!.GetValue<int>(),
            p["ToPort"]!.GetValue<int>(),
            p["CidrIp"]?.GetValue<string>())).ToList();

    internal static void SafeDeployments(Synthesized t, int min = 100) =>
        t.Template.HasResourceProperties("AWS::ECS::Service", Obj(("DeploymentConfiguration", Obj(
            ("MinimumHealthyPercent", min),
            ("MaximumPercent", 200),
            ("DeploymentCircuitBreaker", Obj(("Enable", true), ("Rollback", true)))))));
}

/// <summary>A scenario with one load-balanced service, synthesized once, and the rules' findings on it.</summary>
public abstract class LoadBalancedScenarioFixture<TService> : ScenarioFixture
    where TService : LoadBalancedService
{
    private protected LoadBalancedScenarioFixture((Stack Stack, TService Web) scenario)
        : base(scenario.Stack)
    {
        Web = scenario.Web;
        Findings = RuleFindings.Of(scenario.Stack);
    }

    internal TService Web { get; }

    internal RuleFindings Findings { get; }
}

public sealed class Ec2BridgeAlbFixture() : ScenarioFixture(ServiceScenarios.Ec2BridgeAlb());

public sealed class Ec2BridgeAlbTests(Ec2BridgeAlbFixture f) : IClassFixture<Ec2BridgeAlbFixture>
{
    [Fact]
    public void Template_matches_the_reviewed_snapshot() => SnapshotAssert.MatchesSnapshot(f.Stack, "Ec2BridgeAlb");

    [Fact]
    public void Placement_is_spread_over_zones_then_binpack_on_memory()
    {
        f.Template.Template.HasResourceProperties("AWS::ECS::Service", Obj(("PlacementStrategies", new object[]
        {
            Obj(("Type", "spread"), ("Field", "attribute:ecs.availability-zone")),
            // CDK 2.160 writes the binpack field upper-case; ECS accepts it.
            Obj(("Type", "binpack"), ("Field", "MEMORY")),
        })));
    }

    [Fact]
    public void Dynamic_host_port_behind_instance_targets()
    {
        Assert.Contains("\"HostPort\": 0", f.Template.Text, StringComparison.Ordinal);
        f.Template.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Obj(("TargetType", "instance")));
    }

    [Fact]
    public void Instances_admit_the_alb_group_only_on_the_ephemeral_range()
    {
        var rule = Assert.Single(f.Ingress());
        Assert.Equal((f.GroupOf("ClusterOnDemand"), f.GroupOf("LoadBalancer"), 32768, 65535, (string?)null), rule);
    }

    [Fact]
    public void Deployments_are_safe_and_no_launch_type_is_written()
    {
        ScenarioFixture.SafeDeployments(f.Template);
        Assert.Null(f.Service["LaunchType"]);
    }
}

public sealed class FargateHttpsFixture() : ScenarioFixture(ServiceScenarios.FargateHttps());

public sealed class FargateHttpsTests(FargateHttpsFixture f) : IClassFixture<FargateHttpsFixture>
{
    [Fact]
    public void Template_matches_the_reviewed_snapshot() => SnapshotAssert.MatchesSnapshot(f.Stack, "FargateHttps");

    [Fact]
    public void Https_listener_uses_the_certificate_and_the_recommended_tls_policy()
    {
        f.Template.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Obj(
            ("Port", 443), ("Protocol", "HTTPS"),
            ("Certificates", new object[] { Obj(("CertificateArn", ServiceScenarios.CertificateArn)) }),
            ("SslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06")));
    }

    [Fact]
    public void Port_80_redirects_to_https()
    {
        f.Template.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Obj(
            ("Port", 80), ("Protocol", "HTTP"),
            ("DefaultActions", new object[] { Obj(("Type", "redirect"), ("RedirectConfig", Obj(("Port", "443"), ("Protocol", "HTTPS"), ("StatusCode", "HTTP_301")))) })));
    }

    [Fact]
    public void Alb_is_open_on_80_and_443_to_the_internet_only()
    {
        var ingress = f.Template.Resources("AWS::EC2::SecurityGroup").Single(g => g.Key.Contains("LoadBalancer", StringComparison.Ordinal))
            .Value["Properties"]!["SecurityGroupIngress"]!.AsArray().Select(i => (i!["CidrIp"]!.GetValue<string>(), i["FromPort"]!.GetValue<int>())).Order().ToList();
        Assert.Equal([("0.0.0.0/0", 80), ("0.0.0.0/0", 443)], ingress);
    }

    [Fact]
    public void Awsvpc_task_behind_ip_targets_admits_the_alb_group_only_on_the_container_port()
    {
        f.Template.Template.HasResourceProperties("AWS::ECS::TaskDefinition", Obj(("NetworkMode", "awsvpc"), ("Cpu", "512"), ("Memory", "1024")));
        f.Template.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Obj(("TargetType", "ip"), ("Port", 8080), ("HealthCheckPath", "/health")));
        var rule = Assert.Single(f.Ingress());
        Assert.Equal((f.GroupOf("WebServiceSecurityGroup"), f.GroupOf("LoadBalancer"), 8080, 8080, (string?)null), rule);
    }

    [Fact]
    public void Cluster_default_fargate_strategy_applies_so_neither_strategy_nor_launch_type_is_written()
    {
        Assert.Null(f.Service["LaunchType"]);
        Assert.Null(f.Service["CapacityProviderStrategy"]);
        f.Template.Template.HasResourceProperties("AWS::ECS::ClusterCapacityProviderAssociations", Obj(("DefaultCapacityProviderStrategy", new object[] { Obj(("CapacityProvider", "FARGATE"), ("Weight", 1)) })));
        ScenarioFixture.SafeDeployments(f.Template);
    }

    [Fact]
    public void Fargate_service_has_no_placement()
    {
        Assert.Null(f.Service["PlacementStrategies"]);
        Assert.Null(f.Service["PlacementConstraints"]);
    }
}

public sealed class TwoServicesOneAlbFixture : ScenarioFixture
{
    public TwoServicesOneAlbFixture()
        : this(ServiceScenarios.TwoServicesOneAlb())
    {
    }

    private TwoServicesOneAlbFixture((Stack Stack, EcsConstructs.Services.LoadBalancedEc2Service Front, EcsConstructs.Services.LoadBalancedEc2Service Api) s)
        : base(s.Stack)
    {
        Front = s.Front;
        Api = s.Api;
    }

    internal EcsConstructs.Services.LoadBalancedEc2Service Front { get; }

    internal EcsConstructs.Services.LoadBalancedEc2Service Api { get; }
}

public sealed class TwoServicesOneAlbTests(TwoServicesOneAlbFixture f) : IClassFixture<TwoServicesOneAlbFixture>
{
    [Fact]
    public void Template_matches_the_reviewed_snapshot() => SnapshotAssert.MatchesSnapshot(f.Stack, "TwoServicesOneAlb");

    [Fact]
    public void One_load_balancer_one_listener_two_target_groups()
    {
        f.Template.Template.ResourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 1);
        f.Template.Template.ResourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 1);
        f.Template.Template.ResourceCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", 2);
        var api = Assert.IsType<EcsConstructs.Services.SharedListenerLoadBalancing>(f.Api.LoadBalancing);
        Assert.Same(((EcsConstructs.Services.ApplicationLoadBalancing)f.Front.LoadBalancing).Listener, api.Listener);
    }

    [Fact]
    public void The_second_service_is_reached_by_a_path_rule_with_its_priority()
    {
        var apiGroup = f.Template.Resources("AWS::ElasticLoadBalancingV2::TargetGroup").Single(g => g.Key.StartsWith("Api", StringComparison.Ordinal)).Key;
        f.Template.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Obj(
            ("Priority", 10),
            ("Conditions", new object[] { Obj(("Field", "path-pattern"), ("PathPatternConfig", Obj(("Values", new object[] { "/api/*" })))) }),
            ("Actions", new object[] { Obj(("Type", "forward"), ("TargetGroupArn", Obj(("Ref", apiGroup)))) })));
    }

    [Fact]
    public void The_second_service_waits_for_its_rule()
    {
        var rule = f.Template.LogicalId("AWS::ElasticLoadBalancingV2::ListenerRule");
        var api = f.Template.Resources("AWS::ECS::Service").Single(s => s.Key.StartsWith("Api", StringComparison.Ordinal)).Value;
        Assert.Contains(rule, api["DependsOn"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public void The_instances_get_one_ingress_rule_from_the_alb()
    {
        var rule = Assert.Single(f.Ingress());
        Assert.Equal((32768, 65535), (rule.From, rule.To));
    }

    [Fact]
    public void The_alb_and_the_instances_share_one_ingress_and_one_egress_rule_for_both_services()
    {
        var rules = SecurityGroupRules.Of(new Dictionary<string, Synthesized> { [f.Stack.StackName] = f.Template });
        var pair = rules.Between($"{f.Stack.StackName}/{f.GroupOf("FrontLoadBalancerSecurityGroup")}", $"{f.Stack.StackName}/{f.GroupOf("ClusterOnDemandSecurityGroup")}");

        Assert.Equal(["egress 32768-65535", "ingress 32768-65535"], pair.Select(r => $"{r.Direction} {r.From}-{r.To}").Order(StringComparer.Ordinal));
        Assert.Empty(rules.Duplicates());
    }
}

public sealed class FargateSpotWorkerFixture() : ScenarioFixture(ServiceScenarios.FargateSpotWorker());

public sealed class FargateSpotWorkerTests(FargateSpotWorkerFixture f) : IClassFixture<FargateSpotWorkerFixture>
{
    [Fact]
    public void Template_matches_the_reviewed_snapshot() => SnapshotAssert.MatchesSnapshot(f.Stack, "FargateSpotWorker");

    [Fact]
    public void Runs_on_fargate_spot_by_strategy_without_a_launch_type()
    {
        f.Template.Template.HasResourceProperties("AWS::ECS::Service", Obj(("CapacityProviderStrategy", new object[] { Obj(("CapacityProvider", "FARGATE_SPOT"), ("Weight", 1)) })));
        Assert.Null(f.Service["LaunchType"]);
    }

    [Fact]
    public void Has_no_load_balancer_no_grace_period_and_admits_nothing()
    {
        f.Template.Template.ResourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 0);
        Assert.Null(f.Service["HealthCheckGracePeriodSeconds"]);
        Assert.Null(f.Service["LoadBalancers"]);
        Assert.Empty(f.Ingress());
        Assert.Null(f.Template.Resources("AWS::EC2::SecurityGroup").Single(g => g.Key.StartsWith("Worker", StringComparison.Ordinal)).Value["Properties"]!["SecurityGroupIngress"]);
    }

    [Fact]
    public void Tasks_run_in_private_subnets_without_public_ip_and_no_port_mappings()
    {
        Assert.Equal("DISABLED", f.Service["NetworkConfiguration"]!["AwsvpcConfiguration"]!["AssignPublicIp"]!.GetValue<string>());
        Assert.DoesNotContain("PortMappings", f.Template.Text, StringComparison.Ordinal);
        ScenarioFixture.SafeDeployments(f.Template);
    }
}

public sealed class HostModeFixture() : ScenarioFixture(ServiceScenarios.HostModeDistinctInstance());

public sealed class HostModeTests(HostModeFixture f) : IClassFixture<HostModeFixture>
{
    [Fact]
    public void Template_matches_the_reviewed_snapshot() => SnapshotAssert.MatchesSnapshot(f.Stack, "HostModeDistinctInstance");

    [Fact]
    public void Host_mode_maps_the_container_port_on_the_host_and_places_one_task_per_instance()
    {
        f.Template.Template.HasResourceProperties("AWS::ECS::TaskDefinition", Obj(("NetworkMode", "host"),
            ("ContainerDefinitions", new object[] { Obj(("PortMappings", new object[] { Obj(("ContainerPort", 80), ("HostPort", 80)) })) })));
        f.Template.Template.HasResourceProperties("AWS::ECS::Service", Obj(("PlacementConstraints", new object[] { Obj(("Type", "distinctInstance")) })));
    }

    [Fact]
    public void Instances_admit_the_alb_group_on_the_host_port_only()
    {
        f.Template.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Obj(("TargetType", "instance")));
        var rule = Assert.Single(f.Ingress());
        Assert.Equal((f.GroupOf("ClusterOnDemand"), f.GroupOf("LoadBalancer"), 80, 80, (string?)null), rule);
    }
}

public sealed class Ec2OptionsFixture() : ScenarioFixture(ServiceScenarios.Ec2Options());

public sealed class Ec2OptionsTests(Ec2OptionsFixture f) : IClassFixture<Ec2OptionsFixture>
{
    [Fact]
    public void Template_matches_the_reviewed_snapshot() => SnapshotAssert.MatchesSnapshot(f.Stack, "Ec2ServiceOptions");

    [Fact]
    public void Internal_load_balancer_admits_the_vpc_cidr_only_and_needs_no_ec23_suppression()
    {
        f.Template.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Obj(("Scheme", "internal")));
        var alb = f.Template.Resources("AWS::EC2::SecurityGroup").Single(g => g.Key.Contains("LoadBalancer", StringComparison.Ordinal)).Value;
        var ingress = Assert.Single(alb["Properties"]!["SecurityGroupIngress"]!.AsArray())!;
        Assert.Equal("CidrBlock", ingress["CidrIp"]!["Fn::GetAtt"]![1]!.GetValue<string>());
        Assert.DoesNotContain("AwsSolutions-EC23", alb.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Health_check_deregistration_slow_start_and_stickiness_are_written()
    {
        f.Template.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Obj(
            ("HealthCheckPath", "/ready"), ("HealthCheckIntervalSeconds", 10), ("HealthCheckTimeoutSeconds", 4),
            ("HealthyThresholdCount", 3), ("UnhealthyThresholdCount", 4), ("Matcher", Obj(("HttpCode", "200"))),
            ("TargetGroupAttributes", Match.ArrayWith(new object[]
            {
                Obj(("Key", "deregistration_delay.timeout_seconds"), ("Value", "300")),
                Obj(("Key", "slow_start.duration_seconds"), ("Value", "60")),
                Obj(("Key", "stickiness.enabled"), ("Value", "true")),
                Obj(("Key", "stickiness.type"), ("Value", "lb_cookie")),
                Obj(("Key", "stickiness.lb_cookie.duration_seconds"), ("Value", "3600")),
            }))));
    }

    [Fact]
    public void Instances_admit_the_alb_on_the_ephemeral_range_only()
    {
        var rules = f.Ingress().Select(r => (r.Source, r.From, r.To)).Order().ToList();
        var alb = f.GroupOf("ApiLoadBalancerSecurityGroup");
        Assert.Equal([(alb, 32768, 65535)], rules);
    }

    [Fact]
    public void Deployment_percentages_of_50_and_200_grace_period_and_alarms_with_rollback()
    {
        ScenarioFixture.SafeDeployments(f.Template, min: 50);
        f.Template.Template.HasResourceProperties("AWS::ECS::Service", Obj(
            ("HealthCheckGracePeriodSeconds", 120),
            ("DeploymentConfiguration", Obj(("Alarms", Obj(("AlarmNames", new object[] { "api-5xx", "api-latency" }), ("Enable", true), ("Rollback", true)))))));
    }

    [Fact]
    public void Ecs_exec_is_enabled_with_the_ssm_channel_permissions_on_the_task_role()
    {
        Assert.True(f.Service["EnableExecuteCommand"]!.GetValue<bool>());
        var taskRolePolicy = f.Template.Resources("AWS::IAM::Policy").Single(p => p.Key.Contains("TaskRole", StringComparison.Ordinal)).Value.ToJsonString();
        Assert.Contains("ssmmessages:CreateControlChannel", taskRolePolicy, StringComparison.Ordinal);
        Assert.Contains("AwsSolutions-IAM5", taskRolePolicy, StringComparison.Ordinal);
    }

    [Fact]
    public void Cloud_map_registers_srv_records_for_bridge_tasks()
    {
        f.Template.Template.HasResourceProperties("AWS::ServiceDiscovery::Service", Obj(("Name", "api"),
            ("DnsConfig", Obj(("DnsRecords", new object[] { Obj(("Type", "SRV"), ("TTL", 60)) })))));
        Assert.Equal("app", f.Service["ServiceRegistries"]![0]!["ContainerName"]!.GetValue<string>());
    }

    [Fact]
    public void Member_of_constraint_is_written()
    {
        f.Template.Template.HasResourceProperties("AWS::ECS::Service", Obj(("PlacementConstraints", new object[]
        {
            Obj(("Type", "memberOf"), ("Expression", "attribute:ecs.instance-type =~ t3.*")),
        })));
    }
}

public sealed class FargateNlbFixture() : ScenarioFixture(ServiceScenarios.FargateNlb());

public sealed class FargateNlbTests(FargateNlbFixture f) : IClassFixture<FargateNlbFixture>
{
    [Fact]
    public void Template_matches_the_reviewed_snapshot() => SnapshotAssert.MatchesSnapshot(f.Stack, "FargateNlb");

    [Fact]
    public void Internal_nlb_with_a_tls_listener_and_ip_targets()
    {
        f.Template.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Obj(("Type", "network"), ("Scheme", "internal")));
        f.Template.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Obj(("Port", 443), ("Protocol", "TLS"), ("SslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06")));
        f.Template.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Obj(("Protocol", "TCP"), ("TargetType", "ip"), ("Port", 8443)));
    }

    [Fact]
    public void Tasks_admit_the_nlb_group_only_and_the_nlb_admits_the_vpc()
    {
        var rule = Assert.Single(f.Ingress());
        Assert.Equal((f.GroupOf("GrpcServiceSecurityGroup"), f.GroupOf("GrpcLoadBalancerSecurityGroup"), 8443, 8443, (string?)null), rule);
        var nlb = f.Template.Resources("AWS::EC2::SecurityGroup").Single(g => g.Key.StartsWith("GrpcLoadBalancerSecurityGroup", StringComparison.Ordinal)).Value;
        var ingress = Assert.Single(nlb["Properties"]!["SecurityGroupIngress"]!.AsArray())!;
        Assert.Equal(443, ingress["FromPort"]!.GetValue<int>());
        Assert.NotNull(ingress["CidrIp"]!["Fn::GetAtt"]);
    }
}
