using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Clusters;
using EcsConstructs.Images;
using EcsConstructs.Placement;
using EcsConstructs.Services;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Rules;
using EcsConstructs.Tests.Support;
using EcsConstructs.Validation;

namespace EcsConstructs.Tests.Services;

/// <summary>A log agent as a daemon beside a load-balanced service on the same EC2 capacity, synthesized once.</summary>
public sealed class DaemonBesideServiceFixture
{
    public DaemonBesideServiceFixture()
    {
        Stack = TestApps.NewStack("DaemonBesideService");
        var cluster = Fixtures.Cluster(Stack, new EcsClusterProps { Ec2Capacity = [Fixtures.Capacity()] });
        Daemon = new Ec2DaemonService(Stack, "LogAgent", new Ec2DaemonServiceProps
        {
            Cluster = cluster,
            Image = ImageSource.FromRegistry("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4"),
            ContainerName = "log-router",
        });
        _ = new LoadBalancedEc2Service(Stack, "Web", Fixtures.WebService(cluster));
        Template = Synthesized.Of(Stack);
        Findings = RuleFindings.Of(Stack);
    }

    internal Stack Stack { get; }

    internal Ec2DaemonService Daemon { get; }

    internal Synthesized Template { get; }

    internal RuleFindings Findings { get; }

    /// <summary>The daemon's AWS::ECS::Service properties.</summary>
    internal JsonObject DaemonService =>
        Template.Resources("AWS::ECS::Service").Single(r => r.Value["Properties"]!["SchedulingStrategy"]?.GetValue<string>() == "DAEMON").Value["Properties"]!.AsObject();
}

public sealed class Ec2DaemonServiceTests(DaemonBesideServiceFixture f) : IClassFixture<DaemonBesideServiceFixture>
{
    [Fact]
    public void Template_matches_the_reviewed_snapshot() => SnapshotAssert.MatchesSnapshot(f.Stack, "DaemonBesideService");

    [Fact]
    public void The_daemon_says_launch_type_EC2_and_has_no_strategy()
    {
        Assert.Equal("EC2", f.DaemonService["LaunchType"]!.GetValue<string>());
        Assert.Null(f.DaemonService["CapacityProviderStrategy"]);
    }

    [Fact]
    public void The_daemon_has_no_desired_count_and_no_placement_strategies()
    {
        Assert.Null(f.DaemonService["DesiredCount"]);
        Assert.Null(f.DaemonService["PlacementStrategies"]);
    }

    [Fact]
    public void The_daemon_replaces_its_task_in_place_with_the_circuit_breaker()
    {
        var deployment = f.DaemonService["DeploymentConfiguration"]!;
        Assert.Equal(100, deployment["MaximumPercent"]!.GetValue<int>());
        Assert.Equal(0, deployment["MinimumHealthyPercent"]!.GetValue<int>());
        Assert.True(deployment["DeploymentCircuitBreaker"]!["Rollback"]!.GetValue<bool>());
    }

    [Fact]
    public void The_service_beside_it_keeps_the_clusters_default_strategy()
    {
        var web = f.Template.Resources("AWS::ECS::Service").Single(r => r.Value["Properties"]!["SchedulingStrategy"]?.GetValue<string>() != "DAEMON").Value["Properties"]!;
        Assert.Null(web["LaunchType"]);
        Assert.Equal(2, web["DesiredCount"]!.GetValue<int>());
    }

    [Fact]
    public void No_rule_fires_on_a_daemon_beside_a_service() => f.Findings.AssertClean();

    [Fact]
    public void The_daemon_exposes_its_task_definition_and_log_group()
    {
        Assert.Equal("log-router", f.Daemon.TaskDefinition.DefaultContainer.ContainerName);
        Assert.NotNull(f.Daemon.LogGroup);
    }
}

public sealed class Ec2DaemonServiceValidationTests
{
    private static EcsValidationException Invalid(Func<IEcsCluster, Ec2DaemonServiceProps> props, EcsClusterProps? clusterProps = null)
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack, clusterProps ?? new EcsClusterProps { Ec2Capacity = [Fixtures.Capacity()] });
        return Assert.Throws<EcsValidationException>(() => new Ec2DaemonService(stack, "Agent", props(cluster)));
    }

    [Fact]
    public void A_minimum_of_100_percent_is_rejected() =>
        Assert.Equal("[ECS049] Test/Agent: MinHealthyPercent: 100 % is out of range; allowed: 0 to 99 %.",
            Invalid(c => new() { Cluster = c, Image = Fixtures.Image, MinHealthyPercent = 100 }).Message);

    [Fact]
    public void A_cluster_without_ec2_capacity_is_rejected() =>
        Assert.Equal("[ECS051] Test/Agent: Cluster: Test/Cluster has no EC2 capacity, and a daemon runs one task on every EC2 instance of its cluster; add Ec2Capacity to the cluster (Fargate has no daemons).",
            Invalid(c => new() { Cluster = c, Image = Fixtures.Image }, new EcsClusterProps { EnableFargateCapacityProviders = true }).Message);

    [Fact]
    public void Scaling_a_daemon_is_rejected()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack, new EcsClusterProps { Ec2Capacity = [Fixtures.Capacity()] });
        var daemon = new Ec2DaemonService(stack, "Agent", new Ec2DaemonServiceProps { Cluster = cluster, Image = Fixtures.Image });

        var e = Assert.Throws<EcsValidationException>(() => new EcsConstructs.Scaling.ServiceScaling(stack, "Scaling",
            new EcsConstructs.Scaling.ServiceScalingProps { Service = daemon.Service, MinCapacity = 1, MaxCapacity = 2 }));

        Assert.Equal("[ECS059] Test/Scaling: Service: Test/Agent/Service is a DAEMON service: it runs one task on every instance and has no desired count to scale; scale the cluster's EC2 capacity instead.", e.Message);
    }

    [Fact]
    public void Placement_constraints_limit_the_instances()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack, new EcsClusterProps { Ec2Capacity = [Fixtures.Capacity()] });
        _ = new Ec2DaemonService(stack, "Agent", new Ec2DaemonServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            PlacementConstraints = [ServicePlacementConstraint.MemberOf("attribute:ecs.instance-type =~ t3.*")],
        });

        var service = Synthesized.Of(stack).Resources("AWS::ECS::Service").Single().Value["Properties"]!;
        Assert.Equal("memberOf", service["PlacementConstraints"]![0]!["Type"]!.GetValue<string>());
    }
}
