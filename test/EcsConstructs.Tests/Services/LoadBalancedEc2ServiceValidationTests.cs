using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Clusters;
using EcsConstructs.Services;
using EcsConstructs.Tests.Support;
using EcsConstructs.Validation;

namespace EcsConstructs.Tests.Services;

public sealed class LoadBalancedEc2ServiceValidationTests
{
    private static EcsValidationException Invalid(Func<IEcsCluster, LoadBalancedEc2ServiceProps> props) =>
        SharedClusterStack.Ec2.Rejects((stack, cluster) => new LoadBalancedEc2Service(stack, "Web", props(cluster)));

    [Fact]
    public void A_negative_desired_count_is_rejected()
    {
        var e = Invalid(c => new() { Cluster = c, Image = Fixtures.Image, DesiredCount = -1 });
        Assert.Equal("[ECS049] Test/Web: DesiredCount: -1 is out of range; allowed: 0 to 5000.", e.Message);
    }

    [Fact]
    public void A_container_port_outside_1_to_65535_is_rejected()
    {
        var e = Invalid(c => new() { Cluster = c, Image = Fixtures.Image, ContainerPort = 70000 });
        Assert.Equal("[ECS049] Test/Web: ContainerPort: 70000 is out of range; allowed: 1 to 65535.", e.Message);
    }

    [Fact]
    public void A_memory_reservation_above_the_limit_is_rejected()
    {
        var e = Invalid(c => new() { Cluster = c, Image = Fixtures.Image, MemoryLimitMiB = 256, MemoryReservationMiB = 512 });
        Assert.Equal("[ECS039] Test/Web: MemoryReservationMiB: 512 is greater than MemoryLimitMiB (256); MemoryReservationMiB must be less than or equal to MemoryLimitMiB.", e.Message);
    }

    [Fact]
    public void A_container_without_memory_limit_or_reservation_is_rejected()
    {
        var e = Invalid(c => new() { Cluster = c, Image = Fixtures.Image, MemoryLimitMiB = null });
        Assert.Equal("[ECS039] Test/Web: MemoryLimitMiB: and MemoryReservationMiB are both unset; an EC2 task's container needs at least one of them.", e.Message);
    }

    [Fact]
    public void Minimum_healthy_percent_above_100_is_rejected()
    {
        var e = Invalid(c => new() { Cluster = c, Image = Fixtures.Image, MinHealthyPercent = 150 });
        Assert.Equal("[ECS049] Test/Web: MinHealthyPercent: 150 % is out of range; allowed: 0 to 100 %.", e.Message);
    }

    [Fact]
    public void A_deregistration_delay_above_an_hour_is_rejected()
    {
        var e = Invalid(c => new() { Cluster = c, Image = Fixtures.Image, DeregistrationDelay = Duration.Seconds(4000) });
        Assert.Equal("[ECS049] Test/Web: DeregistrationDelay: 4000 seconds is out of range; allowed: 0 to 3600 seconds.", e.Message);
    }

    [Fact]
    public void A_health_check_timeout_not_shorter_than_the_interval_is_rejected()
    {
        var e = Invalid(c => new()
        {
            Cluster = c,
            Image = Fixtures.Image,
            HealthCheck = new HealthCheckOptions { Interval = Duration.Seconds(10), Timeout = Duration.Seconds(10) },
        });
        Assert.Equal("[ECS054] Test/Web: HealthCheck.Timeout: 10 seconds is not shorter than Interval (10 seconds); the load balancer requires timeout < interval.", e.Message);
    }

    [Fact]
    public void A_health_check_path_without_a_leading_slash_is_rejected()
    {
        var e = Invalid(c => new() { Cluster = c, Image = Fixtures.Image, HealthCheck = new HealthCheckOptions { Path = "health" } });
        Assert.Equal("[ECS054] Test/Web: HealthCheck.Path: 'health' must start with '/'.", e.Message);
    }

    [Fact]
    public void Success_codes_outside_200_to_499_are_rejected()
    {
        var e = Invalid(c => new() { Cluster = c, Image = Fixtures.Image, HealthCheck = new HealthCheckOptions { SuccessCodes = "200-599" } });
        Assert.Equal("[ECS027] Test/Web: HealthCheck.SuccessCodes: '200-599' contains '200-599'; ALB success codes must lie within 200-499, ranges ascending.", e.Message);
    }

    [Fact]
    public void Network_load_balancer_success_codes_above_599_are_rejected()
    {
        var e = Invalid(c => new() { Cluster = c, Image = Fixtures.Image, LoadBalancer = new NetworkLoadBalancerOptions(), HealthCheck = new HealthCheckOptions { SuccessCodes = "200-600" } });
        Assert.Equal("[ECS027] Test/Web: HealthCheck.SuccessCodes: '200-600' contains '200-600'; NLB success codes must lie within 200-599, ranges ascending.", e.Message);
    }

    [Fact]
    public void Malformed_success_codes_are_rejected()
    {
        var e = Invalid(c => new() { Cluster = c, Image = Fixtures.Image, HealthCheck = new HealthCheckOptions { SuccessCodes = "ok" } });
        Assert.Equal("[ECS027] Test/Web: HealthCheck.SuccessCodes: 'ok' is not a list of HTTP codes or ranges; allowed: e.g. \"200\", \"200,302\" or \"200-299\", within 200-499.", e.Message);
    }

    [Fact]
    public void More_than_five_placement_strategies_are_rejected()
    {
        var e = Invalid(c => new()
        {
            Cluster = c,
            Image = Fixtures.Image,
            PlacementStrategies = Enumerable.Range(0, 6).Select(_ => EcsConstructs.Placement.ServicePlacementStrategy.Random()).ToList(),
        });
        Assert.Equal("[ECS012] Test/Web: PlacementStrategies: has 6 strategies; ECS allows at most 5 per service.", e.Message);
    }

    [Fact]
    public void A_fargate_provider_in_an_ec2_service_strategy_is_rejected()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack, new EcsClusterProps { Ec2Capacity = [Fixtures.Capacity()], EnableFargateCapacityProviders = true });
        var e = Assert.Throws<EcsValidationException>(() => new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            CapacityProviderStrategy = [new CapacityProviderShare { Provider = CapacityProviderShare.FargateSpot }],
        }));
        Assert.Equal("[ECS051] Test/Web: CapacityProviderStrategy: names 'FARGATE_SPOT', a Fargate provider, but an EC2 service runs on EC2 capacity only; allowed: the cluster's EC2 capacities (OnDemand), or use a Fargate service.", e.Message);
    }
}
