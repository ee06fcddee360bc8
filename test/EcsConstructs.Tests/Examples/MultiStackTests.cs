using Amazon.CDK;
using EcsConstructs.Testing;
using EcsConstructs.Rules;
using EcsConstructs.Tests.Rules;
using EcsConstructs.Tests.Support;
using MultiStack;

namespace EcsConstructs.Tests.Examples;

/// <summary>The multi-stack example app, synthesized once.</summary>
public sealed class MultiStackFixture
{
    public MultiStackFixture()
    {
        Stacks = MultiStackApp.Build(CdkJson.NewApp());

        // Synthesizing the app proves there is no dependency cycle between the stacks.
        Templates = Stacks.All.ToDictionary(s => s.StackName, Synthesized.Of);
        Findings = Stacks.All.ToDictionary(s => s.StackName, s => RuleFindings.Of(s));
    }

    internal MultiStackStacks Stacks { get; }

    internal IReadOnlyDictionary<string, Synthesized> Templates { get; }

    /// <summary>Each stack's annotations, the rules' findings among them.</summary>
    internal IReadOnlyDictionary<string, RuleFindings> Findings { get; }
}

public sealed class MultiStackTests(MultiStackFixture fixture) : IClassFixture<MultiStackFixture>
{
    [Fact]
    public void The_ecs_rules_tool_finds_nothing_in_the_cloud_assembly()
    {
        fixture.Findings.Values.First().AssertToolClean();
    }

    [Fact]
    public void No_rule_fires_on_any_stack()
    {
        foreach (var (stack, findings) in fixture.Findings)
        {
            findings.AssertClean(stack);
        }
    }

    private readonly MultiStackStacks _s = fixture.Stacks;

    public static TheoryData<string> StackNames => new() { "MultiStack-Network", "MultiStack-Cluster", "MultiStack-Frontend", "MultiStack-Api", "MultiStack-Web" };

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Template_matches_the_reviewed_snapshot(string stackName)
    {
        SnapshotAssert.MatchesSnapshot(_s.All.Single(s => s.StackName == stackName));
    }

    [Fact]
    public void Each_service_stack_depends_on_the_cluster_and_frontend_stacks_and_nothing_depends_on_a_service()
    {
        Assert.Contains(_s.Cluster, _s.Api.Dependencies);
        Assert.Contains(_s.Cluster, _s.Web.Dependencies);
        Assert.Contains(_s.Frontend, _s.Api.Dependencies);
        Assert.Contains(_s.Frontend, _s.Web.Dependencies);
        Assert.Contains(_s.Network, _s.Cluster.Dependencies);
        Assert.All(_s.All, stack => Assert.DoesNotContain(stack.Dependencies, d => d == _s.Api || d == _s.Web));
    }

    [Theory]
    [InlineData("MultiStack-Api", 10, "/api/*")]
    [InlineData("MultiStack-Web", 20, "/web/*")]
    public void Service_stack_owns_its_listener_rule_with_priority_and_path(string stackName, int priority, string path)
    {
        var rule = fixture.Templates[stackName].PropertiesOf("AWS::ElasticLoadBalancingV2::ListenerRule");
        Assert.Equal(priority, rule["Priority"]!.GetValue<int>());
        var condition = Assert.Single(rule["Conditions"]!.AsArray())!;
        Assert.Equal("path-pattern", condition["Field"]!.GetValue<string>());
        Assert.Equal(path, Assert.Single(condition["PathPatternConfig"]!["Values"]!.AsArray())!.GetValue<string>());
        Assert.Contains("Fn::ImportValue", rule["ListenerArn"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MultiStack-Api")]
    [InlineData("MultiStack-Web")]
    public void Service_stack_imports_the_cluster_and_creates_no_load_balancer_vpc_or_cluster(string stackName)
    {
        var t = fixture.Templates[stackName];
        Assert.Contains("Fn::ImportValue", t.PropertiesOf("AWS::ECS::Service")["Cluster"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(t.Resources("AWS::ElasticLoadBalancingV2::LoadBalancer"));
        Assert.Empty(t.Resources("AWS::ElasticLoadBalancingV2::Listener"));
        Assert.Empty(t.Resources("AWS::EC2::VPC"));
        Assert.Empty(t.Resources("AWS::ECS::Cluster"));
        Assert.Single(t.Resources("AWS::ElasticLoadBalancingV2::TargetGroup"));
    }

    [Fact]
    public void No_two_stacks_contain_the_same_security_group_rule()
    {
        var duplicates = SecurityGroupRules.Of(fixture.Templates).Duplicates();

        Assert.True(duplicates.Count == 0, string.Join("; ", duplicates.Select(d => string.Join(" = ", d))));
    }

    [Fact]
    public void The_frontend_stack_holds_the_one_ingress_and_egress_rule_between_the_alb_and_the_instances()
    {
        var rules = SecurityGroupRules.Of(fixture.Templates);
        var alb = $"MultiStack-Frontend/{fixture.Templates["MultiStack-Frontend"].LogicalId("AWS::EC2::SecurityGroup")}";
        var instances = $"MultiStack-Cluster/{fixture.Templates["MultiStack-Cluster"].LogicalId("AWS::EC2::SecurityGroup")}";

        var pair = rules.Between(alb, instances);

        Assert.Equal(["egress 32768-65535", "ingress 32768-65535"], pair.Select(r => $"{r.Direction} {r.From}-{r.To}").Order(StringComparer.Ordinal));
        Assert.All(pair, r => Assert.Equal("MultiStack-Frontend", r.Stack));
        Assert.DoesNotContain(rules, r => r.Stack is "MultiStack-Api" or "MultiStack-Web");
    }

    [Fact]
    public void Frontend_listener_answers_404_by_default()
    {
        var listener = fixture.Templates["MultiStack-Frontend"].PropertiesOf("AWS::ElasticLoadBalancingV2::Listener");
        var action = Assert.Single(listener["DefaultActions"]!.AsArray())!;
        Assert.Equal("fixed-response", action["Type"]!.GetValue<string>());
        Assert.Equal("404", action["FixedResponseConfig"]!["StatusCode"]!.GetValue<string>());
    }
}
