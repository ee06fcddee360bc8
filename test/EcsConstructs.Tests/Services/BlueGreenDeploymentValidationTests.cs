using Amazon.CDK;
using EcsConstructs.Clusters;
using EcsConstructs.Services;
using EcsConstructs.Tests.Support;
using EcsConstructs.Validation;

namespace EcsConstructs.Tests.Services;

/// <summary>What native blue/green deployments refuse, with the exact message (no synthesis).</summary>
public sealed class BlueGreenDeploymentValidationTests
{
    private static EcsValidationException Fargate(Func<IEcsCluster, LoadBalancedFargateServiceProps> props) =>
        SharedClusterStack.Fargate.Rejects((stack, cluster) => new LoadBalancedFargateService(stack, "Web", props(cluster)));

    private static EcsValidationException BlueGreen(BlueGreenDeploymentOptions blueGreen, ApplicationLoadBalancerOptions? alb = null) =>
        Fargate(c => new() { Cluster = c, Image = Fixtures.Image, LoadBalancer = alb is null ? new ApplicationLoadBalancerOptions { BlueGreenDeployment = blueGreen } : WithBlueGreen(alb, blueGreen) });

    private static ApplicationLoadBalancerOptions WithBlueGreen(ApplicationLoadBalancerOptions alb, BlueGreenDeploymentOptions blueGreen) => new()
    {
        CertificateArn = alb.CertificateArn,
        ListenerPort = alb.ListenerPort,
        RedirectHttpToHttps = alb.RedirectHttpToHttps,
        BlueGreenDeployment = blueGreen,
    };

    [Fact]
    public void A_bake_time_above_1440_minutes_is_rejected()
    {
        var e = BlueGreen(new EcsBlueGreenDeploymentOptions { BakeTime = Duration.Hours(25) });
        Assert.Equal("[ECS049] Test/Web: LoadBalancer.BlueGreenDeployment.BakeTime: 1500 minutes is out of range; allowed: 0 to 1440 minutes.", e.Message);
    }

    [Fact]
    public void A_bake_time_in_fractional_minutes_is_rejected()
    {
        var e = BlueGreen(new EcsBlueGreenDeploymentOptions { BakeTime = Duration.Seconds(90) });
        Assert.Equal("[ECS050] Test/Web: LoadBalancer.BlueGreenDeployment.BakeTime: 90 seconds is not a whole number of minutes; allowed: whole minutes (e.g. Duration.Minutes(2)).", e.Message);
    }

    [Fact]
    public void A_test_listener_port_outside_1_to_65535_is_rejected()
    {
        var e = BlueGreen(new EcsBlueGreenDeploymentOptions { TestListenerPort = 0 });
        Assert.Equal("[ECS049] Test/Web: LoadBalancer.BlueGreenDeployment.TestListenerPort: 0 is out of range; allowed: 1 to 65535.", e.Message);
    }

    [Fact]
    public void A_test_listener_on_the_production_port_is_rejected()
    {
        var e = BlueGreen(new EcsBlueGreenDeploymentOptions { TestListenerPort = 8000 }, new ApplicationLoadBalancerOptions { ListenerPort = 8000 });
        Assert.Equal("[ECS054] Test/Web: LoadBalancer.BlueGreenDeployment.TestListenerPort: 8000 is the production listener's port, and a load balancer allows one listener per port; allowed: another port from 1 to 65535, e.g. 8080.", e.Message);
    }

    [Fact]
    public void A_test_listener_on_the_redirect_port_is_rejected()
    {
        var e = BlueGreen(new EcsBlueGreenDeploymentOptions { TestListenerPort = 80 }, new ApplicationLoadBalancerOptions { CertificateArn = ServiceScenarios.CertificateArn });
        Assert.Equal("[ECS054] Test/Web: LoadBalancer.BlueGreenDeployment.TestListenerPort: 80 is the port of the HTTP listener that redirects to HTTPS (RedirectHttpToHttps), and a load balancer allows one listener per port; allowed: another port from 1 to 65535, e.g. 8443.", e.Message);
    }
}
