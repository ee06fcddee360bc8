using EcsConstructs.Clusters;
using EcsConstructs.Services;
using EcsConstructs.Tests.Support;
using static EcsConstructs.Tests.Support.Props;

namespace EcsConstructs.Tests.Services;

public sealed class LoadBalancedEc2ServiceStrategyTests
{
    [Fact]
    public void An_explicit_strategy_is_written_by_provider_name_without_a_launch_type()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack, new EcsClusterProps { Ec2Capacity = [Fixtures.Capacity("OnDemand"), Fixtures.Capacity("Burst")] });
        _ = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            CapacityProviderStrategy =
            [
                new CapacityProviderShare { Provider = "OnDemand", Base = 2, Weight = 1 },
                new CapacityProviderShare { Provider = "Burst", Weight = 3 },
            ],
        });

        var t = Synthesized.Of(stack);

        var onDemand = t.Resources("AWS::ECS::CapacityProvider").Single(r => r.Key.Contains("OnDemand", StringComparison.Ordinal)).Key;
        var burst = t.Resources("AWS::ECS::CapacityProvider").Single(r => r.Key.Contains("Burst", StringComparison.Ordinal)).Key;
        t.Template.HasResourceProperties("AWS::ECS::Service", Obj(("CapacityProviderStrategy", new object[]
        {
            Obj(("CapacityProvider", Obj(("Ref", onDemand))), ("Base", 2), ("Weight", 1)),
            Obj(("CapacityProvider", Obj(("Ref", burst))), ("Weight", 3)),
        })));
        Assert.Null(t.PropertiesOf("AWS::ECS::Service")["LaunchType"]);
    }
}
