using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;
using NginxWalkthrough;
using static EcsConstructs.Tests.Support.Props;

namespace EcsConstructs.Tests.Examples;

public sealed class NginxWalkthroughFixture() : ExampleFixture(NginxWalkthroughApp.Build);

public sealed class NginxWalkthroughTests(NginxWalkthroughFixture fixture) : ExampleTests<NginxWalkthroughFixture>(fixture)
{
    private readonly Synthesized _t = fixture.Template;

    [Fact]
    public void Runs_three_nginx_tasks()
    {
        _t.Template.HasResourceProperties("AWS::ECS::Service", Obj(("DesiredCount", 3)));
        _t.Template.HasResourceProperties("AWS::ECS::TaskDefinition", Obj(("ContainerDefinitions", new object[]
        {
            Obj(("Name", "nginx"), ("Image", "public.ecr.aws/nginx/nginx:1.27"), ("Cpu", 256), ("Memory", 256)),
        })));
    }

    [Fact]
    public void Runs_on_three_small_instances_over_three_zones()
    {
        _t.Template.HasResourceProperties("AWS::AutoScaling::AutoScalingGroup", Obj(("MinSize", "3"), ("MaxSize", "3")));
        Assert.Equal(3, _t.PropertiesOf("AWS::AutoScaling::AutoScalingGroup")["VPCZoneIdentifier"]!.AsArray().Count);
        Assert.Equal("t3.small", _t.PropertiesOf("AWS::EC2::LaunchTemplate")["LaunchTemplateData"]!["InstanceType"]!.GetValue<string>());
    }

    [Fact]
    public void Uses_a_capacity_provider_with_managed_scaling_and_launch_templates_requiring_imdsv2()
    {
        _t.Template.HasResourceProperties("AWS::ECS::CapacityProvider", Obj(("AutoScalingGroupProvider", Obj(("ManagedScaling", Obj(("Status", "ENABLED")))))));
        _t.Template.HasResourceProperties("AWS::EC2::LaunchTemplate", Obj(("LaunchTemplateData", Obj(("MetadataOptions", Obj(("HttpTokens", "required")))))));
        _t.Template.ResourceCountIs("AWS::AutoScaling::LaunchConfiguration", 0);
    }

    [Fact]
    public void Uses_dynamic_host_ports_behind_instance_targets()
    {
        _t.Template.HasResourceProperties("AWS::ECS::TaskDefinition", Obj(("NetworkMode", "bridge")));
        Assert.Contains("\"HostPort\": 0", _t.Text, StringComparison.Ordinal);
        _t.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Obj(("TargetType", "instance")));
    }

    [Fact]
    public void Instances_admit_only_the_load_balancer_on_32768_to_65535()
    {
        var rule = _t.PropertiesOf("AWS::EC2::SecurityGroupIngress");
        Assert.Contains("LoadBalancer", rule["SourceSecurityGroupId"]!["Fn::GetAtt"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(32768, rule["FromPort"]!.GetValue<int>());
        Assert.Equal(65535, rule["ToPort"]!.GetValue<int>());
    }
}
