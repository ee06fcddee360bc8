using System.Text.Json.Nodes;
using Amazon.CDK;
using EcsConstructs.Clusters;
using EcsConstructs.Services;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Services;

/// <summary>What <c>cdk deploy</c> prints after a deployment: the addresses of load-balanced services and the cluster's name.</summary>
public sealed class ServiceOutputsTests
{
    private const string CertificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8899-aabbccddeeff";

    /// <summary>The stack's outputs, with a cluster that writes none of its own.</summary>
    private static (Synthesized Template, JsonObject Outputs) Synth(Action<Stack, IEcsCluster> build)
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack, new EcsClusterProps { Ec2Capacity = [Fixtures.Capacity()], CreateOutputs = false });
        build(stack, cluster);
        var template = Synthesized.Of(stack);
        return (template, template.Json["Outputs"]?.AsObject() ?? []);
    }

    private static LoadBalancedEc2ServiceProps Web(IEcsCluster cluster, LoadBalancerOptions loadBalancer) =>
        new() { Cluster = cluster, Image = Fixtures.Image, LoadBalancer = loadBalancer };

    private static string? Value(JsonObject outputs, string idPrefix) =>
        outputs.SingleOrDefault(o => o.Key.StartsWith(idPrefix, StringComparison.Ordinal)).Value?["Value"]?.ToJsonString();

    [Fact]
    public void An_alb_service_outputs_the_load_balancers_dns_name()
    {
        var (template, outputs) = Synth((s, c) => new LoadBalancedEc2Service(s, "Web", Fixtures.WebService(c)));

        var loadBalancer = template.Resources("AWS::ElasticLoadBalancingV2::LoadBalancer").Single().Key;
        Assert.Equal($$"""{"Fn::GetAtt":["{{loadBalancer}}","DNSName"]}""", Value(outputs, "WebLoadBalancerDns"));
    }

    [Fact]
    public void An_alb_service_outputs_an_http_url_without_the_default_port()
    {
        var (template, outputs) = Synth((s, c) => new LoadBalancedEc2Service(s, "Web", Fixtures.WebService(c)));

        var loadBalancer = template.Resources("AWS::ElasticLoadBalancingV2::LoadBalancer").Single().Key;
        Assert.Equal($$"""{"Fn::Join":["",["http://",{"Fn::GetAtt":["{{loadBalancer}}","DNSName"]}]]}""", Value(outputs, "WebServiceUrl"));
    }

    [Fact]
    public void An_https_service_outputs_an_https_url()
    {
        var (_, outputs) = Synth((s, c) => new LoadBalancedEc2Service(s, "Web", Web(c, new ApplicationLoadBalancerOptions { CertificateArn = CertificateArn })));

        Assert.StartsWith("""{"Fn::Join":["",["https://",""", Value(outputs, "WebServiceUrl"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_listener_on_another_port_is_part_of_the_url()
    {
        var (_, outputs) = Synth((s, c) => new LoadBalancedEc2Service(s, "Web", Web(c, new ApplicationLoadBalancerOptions { CertificateArn = CertificateArn, ListenerPort = 8443 })));

        Assert.EndsWith("\"DNSName\"]},\":8443\"]]}", Value(outputs, "WebServiceUrl"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_network_load_balancer_service_outputs_its_dns_name_only()
    {
        var (_, outputs) = Synth((s, c) => new LoadBalancedEc2Service(s, "Web", Web(c, new NetworkLoadBalancerOptions())));

        Assert.NotNull(Value(outputs, "WebLoadBalancerDns"));
        Assert.Null(Value(outputs, "WebServiceUrl"));
    }

    [Fact]
    public void A_service_on_a_shared_listener_outputs_nothing_of_its_own()
    {
        var (_, outputs) = Synth((s, c) =>
        {
            var front = new LoadBalancedEc2Service(s, "Front", Fixtures.WebService(c));
            var listener = ((ApplicationLoadBalancing)front.LoadBalancing).Listener;
            _ = new LoadBalancedEc2Service(s, "Api", Web(c, new ListenerRuleOptions { Listener = listener, Priority = 10, PathPatterns = ["/api/*"] }));
        });

        Assert.DoesNotContain(outputs, o => o.Key.StartsWith("Api", StringComparison.Ordinal));
        Assert.NotNull(Value(outputs, "FrontServiceUrl"));
    }

    [Fact]
    public void Service_outputs_can_be_turned_off()
    {
        var (_, outputs) = Synth((s, c) => new LoadBalancedEc2Service(s, "Web", new LoadBalancedEc2ServiceProps { Cluster = c, Image = Fixtures.Image, CreateOutputs = false }));

        Assert.Empty(outputs);
    }

    [Fact]
    public void The_cluster_outputs_its_name()
    {
        var stack = TestApps.NewStack();
        _ = Fixtures.Cluster(stack);
        var template = Synthesized.Of(stack);

        var cluster = template.Resources("AWS::ECS::Cluster").Single().Key;
        Assert.Equal($$"""{"Ref":"{{cluster}}"}""", Value(template.Json["Outputs"]!.AsObject(), "ClusterClusterName"));
    }

    [Fact]
    public void The_cluster_output_can_be_turned_off()
    {
        var stack = TestApps.NewStack();
        _ = Fixtures.Cluster(stack, new EcsClusterProps { CreateOutputs = false });

        Assert.Null(Synthesized.Of(stack).Json["Outputs"]);
    }
}
