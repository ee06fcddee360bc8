using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using EcsConstructs.Clusters;
using EcsConstructs.Placement;
using EcsConstructs.Services;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Services;

/// <summary>
/// Bridge and host mode services share the instances' security group: the rules between a load
/// balancer's group and the instances' group exist once per pair, in a stack every service of the pair
/// depends on, however many services use them and however the app splits its stacks.
/// </summary>
public sealed class SharedInstanceRulesTests
{
    private static readonly Amazon.CDK.Environment Env = new() { Region = "eu-west-1" };

    /// <summary>A network stack (VPC), a cluster stack and a frontend stack (ALB, HTTP listener answering 404), as the MultiStack example.</summary>
    private sealed record SplitApp(App App, Stack Network, Stack ClusterStack, Stack Frontend, EcsCluster Cluster, ApplicationListener Listener)
    {
        public static SplitApp Create(bool albInNetworkStack = false)
        {
            var app = TestApps.NewApp();
            var network = new Stack(app, "Network", new StackProps { Env = Env });
            var vpc = new Vpc(network, "Vpc", new VpcProps { AvailabilityZones = ["eu-west-1a", "eu-west-1b"], NatGateways = 1 });
            var clusterStack = new Stack(app, "ClusterStack", new StackProps { Env = Env });
            var cluster = new EcsCluster(clusterStack, "Cluster", new EcsClusterProps { Vpc = vpc, Ec2Capacity = [Fixtures.Capacity()] });
            var frontend = albInNetworkStack ? network : new Stack(app, "Frontend", new StackProps { Env = Env });
            var alb = new ApplicationLoadBalancer(frontend, "Alb", new ApplicationLoadBalancerProps { Vpc = vpc, InternetFacing = true });
            var listener = alb.AddListener("Http", new BaseApplicationListenerProps { Port = 80, Open = true, DefaultAction = ListenerAction.FixedResponse(404) });
            return new SplitApp(app, network, clusterStack, frontend, cluster, listener);
        }

        public LoadBalancedEc2Service Service(Stack stack, string id, int priority, NetworkMode? mode = null, int? port = null, int? healthCheckPort = null) =>
            new(stack, id, new LoadBalancedEc2ServiceProps
            {
                Cluster = Cluster,
                Image = Fixtures.Image,
                NetworkMode = mode,
                ContainerPort = port,
                HealthCheck = new HealthCheckOptions { Port = healthCheckPort },
                // Host mode: one task per port and instance, so that a deployment's extra tasks fit.
                PlacementConstraints = mode == NetworkMode.HOST ? [ServicePlacementConstraint.DistinctInstance()] : null,
                LoadBalancer = new ListenerRuleOptions { Listener = Listener, Priority = priority, PathPatterns = [$"/{id.ToLowerInvariant()}/*"] },
            });

        public Stack ServiceStack(string id) => new(App, id, new StackProps { Env = Env });

        /// <summary>The rules of every stack (synthesizing the app proves it has no dependency cycle).</summary>
        public List<SecurityGroupRule> Rules() =>
            SecurityGroupRules.Of(App.Node.Children.OfType<Stack>().ToArray());

        public string AlbGroup => Group(Frontend, "AlbSecurityGroup");

        public string InstancesGroup => Group(ClusterStack, "ClusterOnDemandSecurityGroup");
    }

    /// <summary>A security group of a stack as <c>stack/logicalId</c>, found by the start of its logical id.</summary>
    private static string Group(Stack stack, string prefix) =>
        $"{stack.StackName}/{Synthesized.Of(stack).Resources("AWS::EC2::SecurityGroup").Single(g => g.Key.StartsWith(prefix, StringComparison.Ordinal)).Key}";

    /// <summary>Exactly one ingress (instances from the load balancer) and one egress (load balancer to the instances), both in <paramref name="stack"/>.</summary>
    private static void AssertOnePairOfRulesIn(List<SecurityGroupRule> rules, string alb, string instances, Stack stack, int from = 32768, int to = 65535)
    {
        var pair = rules.Between(alb, instances);
        Assert.Single(pair, r => r.Direction == "ingress");
        Assert.Single(pair, r => r.Direction == "egress");
        Assert.All(pair, r => Assert.Equal((stack.StackName, "tcp", from, to), (r.Stack, r.Protocol, r.From, r.To)));
        Assert.Empty(rules.Duplicates());
    }

    [Fact]
    public void Two_services_in_their_own_stacks_on_a_shared_alb_get_one_ingress_and_one_egress_rule_in_the_load_balancer_stack()
    {
        var app = SplitApp.Create();
        var api = app.ServiceStack("Api");
        var web = app.ServiceStack("Web");
        app.Service(api, "Api", 10);
        app.Service(web, "Web", 20);

        var rules = app.Rules();

        AssertOnePairOfRulesIn(rules, app.AlbGroup, app.InstancesGroup, app.Frontend);
        Assert.DoesNotContain(rules, r => r.Stack == "Api" || r.Stack == "Web");
        Assert.Contains(app.ClusterStack, app.Frontend.Dependencies);
        Assert.DoesNotContain(app.Frontend, app.ClusterStack.Dependencies);
    }

    [Fact]
    public void Two_services_of_one_stack_on_a_cluster_of_another_stack_get_one_ingress_and_one_egress_rule_in_their_stack()
    {
        var app = TestApps.NewApp();
        var clusterStack = new Stack(app, "ClusterStack", new StackProps { Env = Env });
        var cluster = Fixtures.Cluster(clusterStack);
        var stack = new Stack(app, "Services", new StackProps { Env = Env });
        var front = new LoadBalancedEc2Service(stack, "Front", Fixtures.WebService(cluster));
        _ = new LoadBalancedEc2Service(stack, "Api", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            LoadBalancer = new ListenerRuleOptions { Listener = ((ApplicationLoadBalancing)front.LoadBalancing).Listener, Priority = 10, PathPatterns = ["/api/*"] },
        });

        var rules = SecurityGroupRules.Of(clusterStack, stack);

        AssertOnePairOfRulesIn(rules, Group(stack, "FrontLoadBalancerSecurityGroup"), Group(clusterStack, "ClusterOnDemandSecurityGroup"), stack);
    }

    [Fact]
    public void A_service_behind_its_own_alb_gets_its_ingress_and_egress_rules_in_its_own_stack()
    {
        var app = TestApps.NewApp();
        var clusterStack = new Stack(app, "ClusterStack", new StackProps { Env = Env });
        var cluster = Fixtures.Cluster(clusterStack);
        var stack = new Stack(app, "Web", new StackProps { Env = Env });
        _ = new LoadBalancedEc2Service(stack, "Web", Fixtures.WebService(cluster));

        var rules = SecurityGroupRules.Of(clusterStack, stack);

        AssertOnePairOfRulesIn(rules, Group(stack, "WebLoadBalancerSecurityGroup"), Group(clusterStack, "ClusterOnDemandSecurityGroup"), stack);
        Assert.DoesNotContain(stack, clusterStack.Dependencies);
    }

    [Fact]
    public void A_service_in_the_cluster_stack_moves_the_rules_an_earlier_service_put_in_the_load_balancer_stack_into_the_cluster_stack()
    {
        var app = SplitApp.Create();
        app.Service(app.ServiceStack("Api"), "Api", 10);
        app.Service(app.ClusterStack, "Web", 20);

        var rules = app.Rules();

        // The cluster stack now references the listener: rules left in the frontend stack would close a cycle.
        AssertOnePairOfRulesIn(rules, app.AlbGroup, app.InstancesGroup, app.ClusterStack);
        Assert.Contains(app.Frontend, app.ClusterStack.Dependencies);
    }

    [Fact]
    public void A_cluster_in_the_vpc_of_the_load_balancer_stack_holds_the_rules_so_that_no_cycle_arises()
    {
        var app = SplitApp.Create(albInNetworkStack: true);
        app.Service(app.ServiceStack("Api"), "Api", 10);

        var rules = app.Rules();

        AssertOnePairOfRulesIn(rules, app.AlbGroup, app.InstancesGroup, app.ClusterStack);
        Assert.DoesNotContain(app.ClusterStack, app.Network.Dependencies);
    }

    [Fact]
    public void A_cluster_stack_that_depends_on_the_load_balancer_stack_holds_the_rules()
    {
        var app = SplitApp.Create();
        app.ClusterStack.AddDependency(app.Frontend);
        app.Service(app.ServiceStack("Api"), "Api", 10);

        var rules = app.Rules();

        AssertOnePairOfRulesIn(rules, app.AlbGroup, app.InstancesGroup, app.ClusterStack);
    }

    [Fact]
    public void Host_mode_services_on_a_shared_alb_get_one_rule_pair_per_host_port_and_share_the_health_check_port()
    {
        var app = SplitApp.Create();
        app.Service(app.ServiceStack("Api"), "Api", 10, NetworkMode.HOST, 8080, healthCheckPort: 9000);
        app.Service(app.ServiceStack("Web"), "Web", 20, NetworkMode.HOST, 8081, healthCheckPort: 9000);

        var rules = app.Rules();

        var pair = rules.Between(app.AlbGroup, app.InstancesGroup);
        Assert.Equal(["egress 8080-8080", "egress 8081-8081", "egress 9000-9000", "ingress 8080-8080", "ingress 8081-8081", "ingress 9000-9000"],
            pair.Select(r => $"{r.Direction} {r.From}-{r.To}").Order(StringComparer.Ordinal));
        Assert.All(pair, r => Assert.Equal("Frontend", r.Stack));
        Assert.Empty(rules.Duplicates());
    }

    [Fact]
    public void Awsvpc_services_on_a_shared_alb_keep_a_rule_pair_each_on_their_own_task_groups()
    {
        var app = SplitApp.Create();
        var api = app.ServiceStack("Api");
        var web = app.ServiceStack("Web");
        app.Service(api, "Api", 10, NetworkMode.AWS_VPC);
        app.Service(web, "Web", 20, NetworkMode.AWS_VPC);

        var rules = app.Rules();

        AssertOnePairOfRulesIn(rules, app.AlbGroup, Group(api, "ApiServiceSecurityGroup"), api, from: 80, to: 80);
        AssertOnePairOfRulesIn(rules, app.AlbGroup, Group(web, "WebServiceSecurityGroup"), web, from: 80, to: 80);
        Assert.Empty(rules.Between(app.AlbGroup, app.InstancesGroup));
    }
}
