using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Clusters;
using EcsConstructs.Scaling;
using EcsConstructs.Services;
using EcsConstructs.Tasks;
using EcsConstructs.Tests.Scaling;
using EcsConstructs.Tests.Support;
using EcsConstructs.Tests.Tasks;
using EcsConstructs.Validation;

namespace EcsConstructs.Tests.Quality;

/// <summary>
/// Inputs the generated bad-input test found to escape validation (a raw jsii error, or a
/// template that would not deploy); each now fails with <see cref="EcsValidationException"/>.
/// </summary>
public sealed class FoundByGeneratedInputsTests
{
    [Theory]
    [InlineData("Cluster")]
    [InlineData("Vpc")]
    [InlineData("ExecuteCommandLogs")]
    [InlineData("")]
    public void An_EC2_capacity_id_that_is_empty_or_collides_with_the_clusters_children_is_rejected(string id)
    {
        var e = Assert.Throws<EcsValidationException>(() => Fixtures.Cluster(TestApps.NewStack(), new EcsClusterProps
        {
            ExecuteCommandLogging = true,
            Ec2Capacity = [Fixtures.Capacity(id)],
        }));

        Assert.Equal(
            $"[ECS048] Test/Cluster: Ec2Capacity.Id: '{id}' cannot be the id of an EC2 capacity; allowed: a non-empty id other than Vpc, Cluster, ExecuteCommandLogs.",
            e.Message);
    }

    [Theory]
    [InlineData("orders.prod")]
    [InlineData("orders prod")]
    public void A_cluster_name_ECS_refuses_is_rejected(string name)
    {
        var e = Assert.Throws<EcsValidationException>(() => Fixtures.Cluster(TestApps.NewStack(), new EcsClusterProps { ClusterName = name }));

        Assert.Equal($"[ECS048] Test/Cluster: ClusterName: '{name}' is not a valid cluster name; allowed: 1 to 255 letters, digits, '_' and '-'.", e.Message);
    }

    [Fact]
    public void A_task_family_ECS_refuses_is_rejected()
    {
        var props = TaskSpecs.Ec2();
        var e = Assert.Throws<EcsValidationException>(() => TaskSpecs.Create(TestApps.NewStack(), new EcsTaskDefinitionProps
        {
            Compatibility = props.Compatibility,
            Containers = props.Containers,
            Family = "orders api",
        }));

        Assert.Equal("[ECS048] Test/Task: Family: 'orders api' is not a valid task definition family; allowed: 1 to 255 letters, digits, '_' and '-'.", e.Message);
    }

    [Fact]
    public void A_stop_timeout_of_a_fractional_second_is_rejected()
    {
        var app = TaskSpecs.App();
        var spec = new ContainerOptions { Name = app.Name, Image = app.Image, MemoryLimitMiB = 256, StopTimeout = Duration.Millis(2500) };

        var e = Assert.Throws<EcsValidationException>(() => TaskSpecs.Create(TestApps.NewStack(), TaskSpecs.Ec2(spec)));

        Assert.Equal("[ECS050] Test/Task: Containers[app].StopTimeout: 2.5 seconds is not a whole number of seconds; allowed: whole seconds (e.g. Duration.Seconds(3)).", e.Message);
    }

    [Fact]
    public void A_health_check_interval_of_a_fractional_second_is_rejected()
    {
        var app = TaskSpecs.App();
        var spec = new ContainerOptions
        {
            Name = app.Name,
            Image = app.Image,
            MemoryLimitMiB = 256,
            HealthCheck = new ContainerHealthCheck { Command = ["CMD", "true"], Interval = Duration.Millis(30_500) },
        };

        var e = Assert.Throws<EcsValidationException>(() => TaskSpecs.Create(TestApps.NewStack(), TaskSpecs.Ec2(spec)));

        Assert.StartsWith("[ECS050] Test/Task: Containers[app].HealthCheck.Interval: 30.5 seconds is not a whole number of seconds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_tracking_cooldown_of_a_fractional_second_is_rejected()
    {
        var (stack, service) = ScaledService();

        var e = Assert.Throws<EcsValidationException>(() => new ServiceScaling(stack, "Scaling", new ServiceScalingProps
        {
            Service = service,
            MinCapacity = 1,
            MaxCapacity = 4,
            CpuTracking = new UtilizationTrackingOptions { TargetPercent = 50, ScaleOutCooldown = Duration.Millis(2250) },
        }));

        Assert.Equal("[ECS050] Test/Scaling: CpuTracking.ScaleOutCooldown: 2.25 seconds is not a whole number of seconds; allowed: whole seconds (e.g. Duration.Seconds(3)).", e.Message);
    }

    [Fact]
    public void A_step_policy_cooldown_of_a_fractional_second_is_rejected()
    {
        var (stack, service) = ScaledService();

        var e = Assert.Throws<EcsValidationException>(() => new ServiceScaling(stack, "Scaling", new ServiceScalingProps
        {
            Service = service,
            MinCapacity = 1,
            MaxCapacity = 4,
            StepScaling =
            [
                new StepScalingPolicyOptions
                {
                    Id = "Out",
                    Cooldown = Duration.Millis(2500),
                    Steps = [new ScalingStep { LowerBound = 0, Adjustment = 1 }],
                    Alarm = new StepScalingAlarm { Metric = service.MetricCpuUtilization(), Threshold = 70, ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD },
                },
            ],
        }));

        Assert.StartsWith("[ECS050] Test/Scaling: StepScaling[Out].Cooldown: 2.5 seconds is not a whole number of seconds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_custom_metric_policy_id_is_rejected()
    {
        var (stack, service) = ScaledService();
        var metric = new Metric(new MetricProps { Namespace = "Orders", MetricName = "Backlog" });

        var e = Assert.Throws<EcsValidationException>(() => new ServiceScaling(stack, "Scaling", new ServiceScalingProps
        {
            Service = service,
            MinCapacity = 1,
            MaxCapacity = 4,
            MetricTracking = [new MetricTrackingOptions { Id = "", Metric = metric, TargetValue = 10 }],
        }));

        Assert.Equal("[ECS048] Test/Scaling: MetricTracking[].Id: '' is blank; the policy's construct id is required, e.g. \"Backlog\".", e.Message);
    }

    [Theory]
    [InlineData("300.0.0.0/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("2001:db8::/129")]
    [InlineData("1:2:3:4:5:6:7:8:9/64")]
    public void An_ingress_cidr_with_an_octet_or_prefix_out_of_range_is_rejected(string cidr)
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);

        var e = Assert.Throws<EcsValidationException>(() => new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            LoadBalancer = new ApplicationLoadBalancerOptions { IngressCidrs = [cidr] },
        }));

        Assert.Equal($"[ECS054] Test/Web: LoadBalancer.IngressCidrs: '{cidr}' is not a CIDR block; allowed: e.g. 203.0.113.0/24, 0.0.0.0/0 or 2001:db8::/32.", e.Message);
    }

    [Fact]
    public void An_HTTPS_listener_on_port_80_next_to_the_redirect_listener_is_rejected()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);

        var e = Assert.Throws<EcsValidationException>(() => new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            LoadBalancer = new ApplicationLoadBalancerOptions { CertificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8899-aabbccddeeff", ListenerPort = 80 },
        }));

        Assert.StartsWith("[ECS054] Test/Web: LoadBalancer.ListenerPort: 80 is the port of the HTTP listener that redirects to HTTPS", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_HTTPS_listener_on_port_80_without_the_redirect_is_accepted()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);

        var service = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            LoadBalancer = new ApplicationLoadBalancerOptions { CertificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8899-aabbccddeeff", ListenerPort = 80, RedirectHttpToHttps = false },
        });

        Assert.Null(((ApplicationLoadBalancing)service.LoadBalancing).RedirectListener);
    }

    private static (Stack Stack, Ec2Service Service) ScaledService()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);
        return (stack, ScalingTestServices.Plain(stack, "Svc", cluster.Cluster));
    }
}
