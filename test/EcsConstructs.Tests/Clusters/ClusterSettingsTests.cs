using Amazon.CDK.AWS.EC2;
using EcsConstructs.Clusters;
using EcsConstructs.Tests.Support;
using static EcsConstructs.Tests.Support.Props;

namespace EcsConstructs.Tests.Clusters;

public sealed class ClusterSettingsTests
{
    [Fact]
    public void Execute_command_logging_goes_to_a_retained_log_group()
    {
        var stack = TestApps.NewStack();
        Fixtures.Cluster(stack, new EcsClusterProps { ExecuteCommandLogging = true });

        var t = Synthesized.Of(stack);
        var group = t.Resources("AWS::Logs::LogGroup").Single(g => g.Key.Contains("ExecuteCommandLogs", StringComparison.Ordinal));
        Assert.Equal("Retain", group.Value["DeletionPolicy"]!.GetValue<string>());
        t.Template.HasResourceProperties("AWS::ECS::Cluster", Obj(("Configuration", Obj(("ExecuteCommandConfiguration", Obj(
            ("Logging", "OVERRIDE"),
            ("LogConfiguration", Obj(("CloudWatchLogGroupName", Obj(("Ref", group.Key))), ("CloudWatchEncryptionEnabled", false)))))))));
    }

    [Fact]
    public void Container_insights_can_be_switched_off()
    {
        var stack = TestApps.NewStack();
        Fixtures.Cluster(stack, new EcsClusterProps { ContainerInsights = false });

        Synthesized.Of(stack).Template.HasResourceProperties("AWS::ECS::Cluster", Obj(
            ("ClusterSettings", new object[] { Obj(("Name", "containerInsights"), ("Value", "disabled")) })));
    }

    [Fact]
    public void Subnet_layout_of_the_created_vpc_can_be_given()
    {
        var stack = TestApps.NewStack();
        Fixtures.Cluster(stack, new EcsClusterProps
        {
            SubnetConfiguration =
            [
                new SubnetConfiguration { Name = "Ingress", SubnetType = SubnetType.PUBLIC, CidrMask = 24 },
                new SubnetConfiguration { Name = "Apps", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 20 },
            ],
        });

        var cidrs = Synthesized.Of(stack).Resources("AWS::EC2::Subnet").Select(s => s.Value["Properties"]!["CidrBlock"]!.GetValue<string>()).ToList();
        Assert.Contains(cidrs, c => c.EndsWith("/24", StringComparison.Ordinal));
        Assert.Contains(cidrs, c => c.EndsWith("/20", StringComparison.Ordinal));
    }
}
