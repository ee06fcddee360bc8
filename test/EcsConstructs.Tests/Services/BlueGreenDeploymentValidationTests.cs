using Amazon.CDK;
using EcsConstructs.Clusters;
using EcsConstructs.Services;
using EcsConstructs.Tests.Support;
using EcsConstructs.Validation;

namespace EcsConstructs.Tests.Services;

/// <summary>What native and CodeDeploy blue/green deployments refuse, with the exact message (no synthesis).</summary>
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

    private const string Shift = "[ECS049] Test/Web: LoadBalancer.BlueGreenDeployment.TrafficShift.";

    [Fact]
    public void A_linear_step_below_3_percent_is_rejected()
    {
        var e = BlueGreen(new EcsBlueGreenDeploymentOptions { TrafficShift = new LinearTrafficShift { StepPercent = 2.5 } });
        Assert.Equal(Shift + "StepPercent: 2.5 % is out of range; allowed: 3 to 100 %.", e.Message);
    }

    [Fact]
    public void A_linear_step_that_is_not_a_multiple_of_a_tenth_is_rejected()
    {
        var e = BlueGreen(new EcsBlueGreenDeploymentOptions { TrafficShift = new LinearTrafficShift { StepPercent = 10.05 } });
        Assert.Equal(Shift + "StepPercent: 10.05 % is not a multiple of 0.1; allowed: 3 to 100 % in steps of 0.1 (e.g. 10).", e.Message);
    }

    [Fact]
    public void A_linear_step_bake_time_above_1440_minutes_is_rejected()
    {
        var e = BlueGreen(new EcsBlueGreenDeploymentOptions { TrafficShift = new LinearTrafficShift { StepBakeTime = Duration.Hours(25) } });
        Assert.Equal(Shift + "StepBakeTime: 1500 minutes is out of range; allowed: 0 to 1440 minutes.", e.Message);
    }

    [Fact]
    public void A_linear_deployment_longer_than_33_hours_is_rejected()
    {
        var e = BlueGreen(new EcsBlueGreenDeploymentOptions { TrafficShift = new LinearTrafficShift { StepPercent = 3, StepBakeTime = Duration.Hours(1) } });
        Assert.Equal(Shift + "StepBakeTime: 60 minutes after each of the 33 steps of 3 %, plus the BakeTime of 10 minutes, make a deployment of 1990 minutes; " +
            "CloudFormation refuses linear deployments longer than 33 hours (1980 minutes); allowed: a shorter StepBakeTime or BakeTime, or a larger StepPercent.", e.Message);
    }

    [Fact]
    public void A_canary_of_0_percent_is_rejected()
    {
        var e = BlueGreen(new EcsBlueGreenDeploymentOptions { TrafficShift = new CanaryTrafficShift { CanaryPercent = 0 } });
        Assert.Equal(Shift + "CanaryPercent: 0 % is out of range; allowed: 0.1 to 100 %.", e.Message);
    }

    [Fact]
    public void A_canary_deployment_longer_than_33_hours_is_rejected()
    {
        var e = BlueGreen(new EcsBlueGreenDeploymentOptions { BakeTime = Duration.Hours(24), TrafficShift = new CanaryTrafficShift { CanaryBakeTime = Duration.Hours(10) } });
        Assert.Equal(Shift + "CanaryBakeTime: 600 minutes plus the BakeTime of 1440 minutes make a deployment of 2040 minutes; " +
            "CloudFormation refuses canary deployments longer than 33 hours (1980 minutes); allowed: a shorter CanaryBakeTime or BakeTime.", e.Message);
    }

    [Fact]
    public void A_code_deploy_termination_wait_above_2_days_is_rejected()
    {
        var e = BlueGreen(new CodeDeployBlueGreenDeploymentOptions { TerminationWait = Duration.Hours(49) });
        Assert.Equal("[ECS049] Test/Web: LoadBalancer.BlueGreenDeployment.TerminationWait: 2940 minutes is out of range; allowed: 0 to 2880 minutes.", e.Message);
    }

    [Fact]
    public void A_code_deploy_shift_in_fractions_of_a_percent_is_rejected()
    {
        var e = BlueGreen(new CodeDeployBlueGreenDeploymentOptions { TrafficShift = new CanaryTrafficShift { CanaryPercent = 12.5 } });
        Assert.Equal(Shift + "CanaryPercent: 12.5 % is not a whole percent, and CodeDeploy shifts traffic in whole percents; allowed: 1 to 99 (e.g. 12).", e.Message);
    }

    [Fact]
    public void A_code_deploy_step_of_100_percent_is_rejected()
    {
        var e = BlueGreen(new CodeDeployBlueGreenDeploymentOptions { TrafficShift = new LinearTrafficShift { StepPercent = 100 } });
        Assert.Equal(Shift + "StepPercent: 100 % is out of range; allowed: 1 to 99 %.", e.Message);
    }

    [Fact]
    public void A_code_deploy_interval_of_0_minutes_is_rejected()
    {
        var e = BlueGreen(new CodeDeployBlueGreenDeploymentOptions { TrafficShift = new LinearTrafficShift { StepBakeTime = Duration.Minutes(0) } });
        Assert.Equal(Shift + "StepBakeTime: 0 minutes is out of range; allowed: 1 to 2880 minutes.", e.Message);
    }

    [Fact]
    public void A_minimum_healthy_percent_with_code_deploy_is_rejected()
    {
        var e = Fargate(c => new()
        {
            Cluster = c,
            Image = Fixtures.Image,
            MinHealthyPercent = 50,
            LoadBalancer = new ApplicationLoadBalancerOptions { BlueGreenDeployment = new CodeDeployBlueGreenDeploymentOptions() },
        });
        Assert.StartsWith("[ECS059] Test/Web: MinHealthyPercent: 50 % applies to ECS's own deployments; with CodeDeploy blue/green deployments", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_maximum_percent_with_code_deploy_is_rejected()
    {
        var e = Fargate(c => new()
        {
            Cluster = c,
            Image = Fixtures.Image,
            MaxHealthyPercent = 150,
            LoadBalancer = new ApplicationLoadBalancerOptions { BlueGreenDeployment = new CodeDeployBlueGreenDeploymentOptions() },
        });
        Assert.StartsWith("[ECS059] Test/Web: MaxHealthyPercent: 150 % applies to ECS's own deployments;", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_deploy_test_listener_on_the_production_port_is_rejected()
    {
        var e = BlueGreen(new CodeDeployBlueGreenDeploymentOptions { TestListenerPort = 80 });
        Assert.StartsWith("[ECS054] Test/Web: LoadBalancer.BlueGreenDeployment.TestListenerPort: 80 is the production listener's port", e.Message, StringComparison.Ordinal);
    }
}
