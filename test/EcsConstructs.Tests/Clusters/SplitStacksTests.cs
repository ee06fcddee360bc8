using Amazon.CDK;
using EcsConstructs.Clusters;
using EcsConstructs.Services;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Clusters;

/// <summary>A cluster-and-capacity stack and two service stacks in one app.</summary>
public sealed class SplitStacksFixture
{
    public SplitStacksFixture()
    {
        var app = TestApps.NewApp();
        var env = new Amazon.CDK.Environment { Region = "eu-west-1" };
        ClusterStack = new Stack(app, "SplitCluster", new StackProps { Env = env });
        var cluster = new EcsCluster(ClusterStack, "Cluster", new EcsClusterProps
        {
            AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
            Ec2Capacity = [Fixtures.Capacity()],
        });

        WebStack = new Stack(app, "SplitWeb", new StackProps { Env = env });
        _ = new LoadBalancedEc2Service(WebStack, "Web", Fixtures.WebService(cluster));

        ApiStack = new Stack(app, "SplitApi", new StackProps { Env = env });
        _ = new LoadBalancedEc2Service(ApiStack, "Api", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            CapacityProviderStrategy = [new CapacityProviderShare { Provider = "OnDemand" }],
        });

        Assembly = app.Synth();
    }

    internal Stack ClusterStack { get; }

    internal Stack WebStack { get; }

    internal Stack ApiStack { get; }

    internal Amazon.CDK.CXAPI.CloudAssembly Assembly { get; }
}

public sealed class SplitStacksTests(SplitStacksFixture fixture) : IClassFixture<SplitStacksFixture>
{
    [Fact]
    public void Service_stacks_depend_on_the_cluster_stack_and_never_the_reverse()
    {
        Assert.Contains(fixture.ClusterStack, fixture.WebStack.Dependencies);
        Assert.Contains(fixture.ClusterStack, fixture.ApiStack.Dependencies);
        Assert.Empty(fixture.ClusterStack.Dependencies);
    }

    [Fact]
    public void The_load_balancer_ingress_rule_lives_in_the_service_stack()
    {
        var web = Synthesized.Of(fixture.WebStack);
        var rule = web.PropertiesOf("AWS::EC2::SecurityGroupIngress");
        Assert.Contains("Fn::ImportValue", rule["GroupId"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(32768, rule["FromPort"]!.GetValue<int>());
    }

    [Fact]
    public void Cluster_stack_template_matches_the_reviewed_snapshot()
    {
        SnapshotAssert.MatchesSnapshot(fixture.ClusterStack);
    }

    [Fact]
    public void Web_stack_template_matches_the_reviewed_snapshot()
    {
        SnapshotAssert.MatchesSnapshot(fixture.WebStack);
    }

    [Fact]
    public void Api_stack_template_matches_the_reviewed_snapshot()
    {
        SnapshotAssert.MatchesSnapshot(fixture.ApiStack);
    }
}
