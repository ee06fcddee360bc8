using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using EcsConstructs.Clusters;
using EcsConstructs.Images;
using EcsConstructs.Placement;
using EcsConstructs.Services;
using EcsConstructs.Tasks;
using EcsConstructs.Tests.Support;
using EcsConstructs.Validation;

namespace EcsConstructs.Tests.Services;

/// <summary>Every validation rule of the service kinds, with its exact message (no synthesis).</summary>
public sealed class ServiceValidationTests
{
    private static EcsValidationException Ec2(Func<IEcsCluster, LoadBalancedEc2ServiceProps> props, EcsClusterProps? clusterProps = null)
    {
        if (clusterProps is null)
        {
            return SharedClusterStack.Ec2.Rejects((stack, cluster) => new LoadBalancedEc2Service(stack, "Web", props(cluster)));
        }

        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack, clusterProps);
        return Assert.Throws<EcsValidationException>(() => new LoadBalancedEc2Service(stack, "Web", props(cluster)));
    }

    private static EcsValidationException Fargate(Func<IEcsCluster, LoadBalancedFargateServiceProps> props, EcsClusterProps? clusterProps = null)
    {
        if (clusterProps is null)
        {
            return SharedClusterStack.Fargate.Rejects((stack, cluster) => new LoadBalancedFargateService(stack, "Web", props(cluster)));
        }

        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack, clusterProps);
        return Assert.Throws<EcsValidationException>(() => new LoadBalancedFargateService(stack, "Web", props(cluster)));
    }

    private static EcsValidationException Shared(Func<IApplicationListener, ListenerRuleOptions> rule) =>
        SharedClusterStack.Ec2.Rejects((stack, cluster) =>
        {
            var front = new LoadBalancedEc2Service(stack, "Front", Fixtures.WebService(cluster));
            var listener = ((ApplicationLoadBalancing)front.LoadBalancing).Listener;
            _ = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps { Cluster = cluster, Image = Fixtures.Image, LoadBalancer = rule(listener) });
        });

    private static EcsTaskDefinition Task(Stack stack, Compatibility compatibility, params ContainerOptions[] containers) =>
        new(stack, "Task", new EcsTaskDefinitionProps
        {
            Compatibility = compatibility,
            Cpu = compatibility == Compatibility.EC2 ? null : 256,
            MemoryMiB = compatibility == Compatibility.EC2 ? null : 512,
            Containers = containers,
        });

    private static ContainerOptions Container(string name, params int[] ports) => new()
    {
        Name = name,
        Image = ImageSource.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
        MemoryLimitMiB = 256,
        PortMappings = ports.Length == 0 ? null : ports.Select(p => new PortMappingOptions { ContainerPort = p }).ToList(),
    };

    private static EcsValidationException WithTask(Compatibility compatibility, ContainerOptions[] containers, Func<IEcsCluster, EcsTaskDefinition, LoadBalancedEc2ServiceProps> props) =>
        SharedClusterStack.Ec2.Rejects((stack, cluster) =>
        {
            var task = Task(stack, compatibility, containers);
            _ = new LoadBalancedEc2Service(stack, "Web", props(cluster, task));
        });

    // --- what the service runs ---------------------------------------------------------------

    [Fact]
    public void Neither_image_nor_task_definition_is_rejected()
    {
        var e = Ec2(c => new() { Cluster = c });
        Assert.Equal("[ECS059] Test/Web: Image: is not set; give Image (a single container) or TaskDefinition.", e.Message);
    }

    [Fact]
    public void Image_together_with_a_task_definition_is_rejected()
    {
        var e = WithTask(Compatibility.EC2, [Container("app", 80)], (c, t) => new() { Cluster = c, TaskDefinition = t, Image = Fixtures.Image });
        Assert.Equal("[ECS059] Test/Web: Image: is set together with TaskDefinition; give the image in the task definition's ContainerOptions, or leave TaskDefinition unset.", e.Message);
    }

    [Fact]
    public void A_fargate_only_task_definition_on_an_ec2_service_is_rejected()
    {
        var e = WithTask(Compatibility.FARGATE, [Container("app", 80)], (c, t) => new() { Cluster = c, TaskDefinition = t });
        Assert.Equal("[ECS059] Test/Web: TaskDefinition: Test/Task has compatibility FARGATE; an EC2 service needs EC2 or EC2_AND_FARGATE.", e.Message);
    }

    [Fact]
    public void An_ec2_only_task_definition_on_a_fargate_service_is_rejected()
    {
        var e = SharedClusterStack.Fargate.Rejects((stack, cluster) =>
        {
            var task = Task(stack, Compatibility.EC2, Container("app", 80));
            _ = new LoadBalancedFargateService(stack, "Web", new LoadBalancedFargateServiceProps { Cluster = cluster, TaskDefinition = task });
        });
        Assert.Equal("[ECS059] Test/Web: TaskDefinition: Test/Task has compatibility EC2; a Fargate service needs FARGATE or EC2_AND_FARGATE.", e.Message);
    }

    [Fact]
    public void A_network_mode_that_differs_from_the_task_definitions_is_rejected()
    {
        var e = WithTask(Compatibility.EC2, [Container("app", 80)], (c, t) => new() { Cluster = c, TaskDefinition = t, NetworkMode = NetworkMode.HOST });
        Assert.Equal("[ECS059] Test/Web: NetworkMode: HOST differs from the network mode of the task definition (BRIDGE); leave NetworkMode unset with a TaskDefinition.", e.Message);
    }

    [Fact]
    public void A_target_container_missing_from_the_task_definition_is_rejected()
    {
        var e = WithTask(Compatibility.EC2, [Container("app", 80), Container("sidecar")], (c, t) => new() { Cluster = c, TaskDefinition = t, ContainerName = "frontend" });
        Assert.Equal("[ECS023] Test/Web: ContainerName: 'frontend' is not a container of the task definition Test/Task; allowed: app, sidecar.", e.Message);
    }

    [Fact]
    public void A_target_port_the_container_does_not_map_is_rejected()
    {
        var e = WithTask(Compatibility.EC2, [Container("app", 80, 443)], (c, t) => new() { Cluster = c, TaskDefinition = t, ContainerPort = 8080 });
        Assert.Equal("[ECS023] Test/Web: ContainerPort: 8080 is not a port of container 'app'; allowed: 80, 443.", e.Message);
    }

    [Fact]
    public void A_target_container_without_ports_is_rejected()
    {
        var e = WithTask(Compatibility.EC2, [Container("app")], (c, t) => new() { Cluster = c, TaskDefinition = t });
        Assert.Equal("[ECS023] Test/Web: ContainerPort: the target container 'app' maps no port; a load-balanced service needs a port mapping on it (ContainerOptions.PortMappings).", e.Message);
    }

    [Fact]
    public void None_network_mode_behind_a_load_balancer_is_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, NetworkMode = NetworkMode.NONE, ContainerPort = null });
        Assert.Equal("[ECS054] Test/Web: NetworkMode: NONE gives the tasks no network, so no load balancer can reach them; allowed for a load-balanced service: BRIDGE, HOST or AWS_VPC (use a worker service for tasks without network).", e.Message);
    }

    [Fact]
    public void None_network_mode_of_a_given_task_behind_a_load_balancer_is_rejected()
    {
        var e = SharedClusterStack.Ec2.Rejects((stack, cluster) =>
        {
            var task = new EcsTaskDefinition(stack, "Task", new EcsTaskDefinitionProps { Compatibility = Compatibility.EC2, NetworkMode = NetworkMode.NONE, Containers = [Container("app")] });
            _ = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps { Cluster = cluster, TaskDefinition = task });
        });
        Assert.Equal("[ECS054] Test/Web: NetworkMode: NONE gives the tasks no network, so no load balancer can reach them; allowed for a load-balanced service: BRIDGE, HOST or AWS_VPC (use a worker service for tasks without network).", e.Message);
    }

    [Fact]
    public void A_fargate_cpu_that_is_not_a_fargate_size_is_rejected()
    {
        var e = Fargate(c => new() { Cluster = c, Image = Fixtures.Image, Cpu = 300 });
        Assert.Equal("[ECS038] Test/Web: Cpu: 300 CPU units is not a Fargate size; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384.", e.Message);
    }

    [Fact]
    public void A_fargate_memory_not_allowed_with_the_cpu_is_rejected()
    {
        var e = Fargate(c => new() { Cluster = c, Image = Fixtures.Image, Cpu = 256, MemoryMiB = 4096 });
        Assert.StartsWith("[ECS038] Test/Web: MemoryMiB: 4096 MiB is not allowed with 256 CPU units on Fargate; allowed: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_awsvpc_network_mode_on_fargate_is_rejected()
    {
        var e = Fargate(c => new() { Cluster = c, Image = Fixtures.Image, NetworkMode = NetworkMode.BRIDGE });
        Assert.Equal("[ECS024] Test/Web: NetworkMode: BRIDGE is not supported on Fargate; allowed: AWS_VPC.", e.Message);
    }

    // --- deployments ---------------------------------------------------------------------------

    [Fact]
    public void Percentages_that_leave_no_room_to_deploy_are_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, DesiredCount = 1, MinHealthyPercent = 100, MaxHealthyPercent = 150 });
        Assert.Equal("[ECS047] Test/Web: MaxHealthyPercent: 150 % with MinHealthyPercent 100 % and DesiredCount 1 lets a deployment run at most 1 tasks while it must keep 1 running (ECS rounds the minimum up and the maximum down), so it can neither start nor stop a task; raise MaxHealthyPercent or lower MinHealthyPercent.", e.Message);
    }

    [Fact]
    public void Maximum_percent_above_200_is_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, MaxHealthyPercent = 250 });
        Assert.Equal("[ECS049] Test/Web: MaxHealthyPercent: 250 % is out of range; allowed: 100 to 200 %.", e.Message);
    }

    [Fact]
    public void More_than_ten_deployment_alarms_are_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, DeploymentAlarmNames = Enumerable.Range(1, 11).Select(i => $"alarm-{i}").ToList() });
        Assert.Equal("[ECS049] Test/Web: DeploymentAlarmNames: has 11 alarm names; allowed: 1 to 10 (leave it unset for no deployment alarms).", e.Message);
    }

    [Fact]
    public void An_empty_deployment_alarm_name_is_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, DeploymentAlarmNames = ["ok", " "] });
        Assert.Equal("[ECS048] Test/Web: DeploymentAlarmNames: contains an empty name; give CloudWatch alarm names.", e.Message);
    }

    // --- launch-type-specific settings -----------------------------------------------------------

    [Fact]
    public void Task_subnets_for_bridge_tasks_are_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, TaskSubnets = new SubnetSelection { SubnetType = SubnetType.PUBLIC } });
        Assert.Equal("[ECS024] Test/Web: TaskSubnets: applies to AWS_VPC tasks only, but the task uses BRIDGE; its tasks use the instances' network and security group.", e.Message);
    }

    // --- placement -----------------------------------------------------------------------------

    [Fact]
    public void More_than_ten_placement_constraints_are_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, PlacementConstraints = Enumerable.Range(0, 11).Select(i => ServicePlacementConstraint.MemberOf($"attribute:n == {i}")).ToList() });
        Assert.Equal("[ECS012] Test/Web: PlacementConstraints: has 11 constraints; ECS allows at most 10 per service.", e.Message);
    }

    [Fact]
    public void Spreading_over_an_unknown_field_is_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, PlacementStrategies = [ServicePlacementStrategy.Spread("zone")] });
        Assert.Equal("[ECS060] Test/Web: PlacementStrategies: spread(zone) spreads over an unknown field; allowed: instanceId, host or attribute:<name> (e.g. attribute:ecs.availability-zone).", e.Message);
    }

    [Fact]
    public void An_empty_member_of_expression_is_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, PlacementConstraints = [ServicePlacementConstraint.MemberOf(" ")] });
        Assert.Equal("[ECS060] Test/Web: PlacementConstraints: memberOf expression ' ' is invalid; allowed: a cluster query language expression of 1 to 2000 characters, e.g. attribute:ecs.instance-type =~ t3.*.", e.Message);
    }

    [Fact]
    public void Host_mode_tasks_that_fill_every_instance_while_all_must_keep_running_are_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, NetworkMode = NetworkMode.HOST, DesiredCount = 3 });
        Assert.Equal("[ECS006] Test/Web: MinHealthyPercent: 100 % keeps all 3 tasks running while they fill the 3 instances the cluster can have, and the task uses fixed host ports (80) in HOST mode, so an instance runs one task per port, so a deployment can neither place a new task nor stop an old one first; allowed: at most 66 %, or more instances than DesiredCount, or dynamic host ports.", e.Message);
    }

    [Fact]
    public void Host_mode_tasks_beyond_the_instances_are_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, NetworkMode = NetworkMode.HOST, DesiredCount = 4, MinHealthyPercent = 50 });
        Assert.Equal("[ECS006] Test/Web: DesiredCount: 4 is more than the 3 instances the cluster can have, and the task uses fixed host ports (80) in HOST mode, so an instance runs one task per port; allowed: at most 3, or dynamic host ports (BRIDGE mode without a host port).", e.Message);
    }

    [Fact]
    public void Host_mode_with_a_free_instance_for_each_deployment_step_is_accepted()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);
        _ = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps { Cluster = cluster, Image = Fixtures.Image, NetworkMode = NetworkMode.HOST, DesiredCount = 2 });
    }

    [Fact]
    public void Host_mode_whose_deployment_peak_fits_the_instances_is_accepted()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);
        var web = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps { Cluster = cluster, Image = Fixtures.Image, NetworkMode = NetworkMode.HOST, DesiredCount = 1 });
        Assert.Equal(NetworkMode.HOST, web.TaskDefinition.NetworkMode);
    }

    // --- capacity --------------------------------------------------------------------------------

    [Fact]
    public void An_ec2_provider_in_a_fargate_strategy_is_rejected()
    {
        var e = Fargate(c => new() { Cluster = c, Image = Fixtures.Image, CapacityProviderStrategy = [new CapacityProviderShare { Provider = "OnDemand" }] },
            new EcsClusterProps { Ec2Capacity = [Fixtures.Capacity()], EnableFargateCapacityProviders = true });
        Assert.Equal("[ECS051] Test/Web: CapacityProviderStrategy: names 'OnDemand', but a Fargate service runs on Fargate capacity only; allowed: FARGATE, FARGATE_SPOT.", e.Message);
    }

    [Fact]
    public void A_fargate_service_on_a_cluster_without_fargate_providers_is_rejected()
    {
        var e = Fargate(c => new() { Cluster = c, Image = Fixtures.Image }, new EcsClusterProps { Ec2Capacity = [Fixtures.Capacity()] });
        Assert.Equal("[ECS017] Test/Web: CapacityProviderStrategy: uses FARGATE, but the cluster Test/Cluster does not enable Fargate capacity providers; set EnableFargateCapacityProviders = true.", e.Message);
    }

    [Fact]
    public void An_ec2_service_without_strategy_on_a_fargate_default_cluster_is_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image }, new EcsClusterProps { EnableFargateCapacityProviders = true });
        Assert.Equal("[ECS051] Test/Web: CapacityProviderStrategy: is not set, and the default strategy of the cluster Test/Cluster is Fargate; an EC2 service needs EC2 capacity: name an EC2 capacity id.", e.Message);
    }

    [Fact]
    public void Mixing_fargate_and_fargate_spot_bases_is_rejected_by_the_strategy_rules()
    {
        var e = Fargate(c => new()
        {
            Cluster = c,
            Image = Fixtures.Image,
            CapacityProviderStrategy =
            [
                new CapacityProviderShare { Provider = CapacityProviderShare.Fargate, Base = 1 },
                new CapacityProviderShare { Provider = CapacityProviderShare.FargateSpot, Base = 1 },
            ],
        });
        Assert.Equal("[ECS051] Test/Web: CapacityProviderStrategy: sets a base on FARGATE and FARGATE_SPOT; at most one provider of a strategy may have a base.", e.Message);
    }

    // --- load balancer -----------------------------------------------------------------------------

    [Fact]
    public void A_slow_start_below_30_seconds_is_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, LoadBalancer = new ApplicationLoadBalancerOptions { SlowStart = Duration.Seconds(10) } });
        Assert.Equal("[ECS049] Test/Web: LoadBalancer.SlowStart: 10 seconds is out of range; allowed: 30 to 900 seconds.", e.Message);
    }

    [Fact]
    public void A_malformed_certificate_arn_is_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, LoadBalancer = new ApplicationLoadBalancerOptions { CertificateArn = "my-cert" } });
        Assert.Equal("[ECS054] Test/Web: LoadBalancer.CertificateArn: 'my-cert' is not a certificate ARN; allowed: arn:<partition>:acm:<region>:<account>:certificate/<id> (or an IAM server certificate ARN).", e.Message);
    }

    [Fact]
    public void A_malformed_ingress_cidr_is_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, LoadBalancer = new NetworkLoadBalancerOptions { IngressCidrs = ["10.0.0.0"] } });
        Assert.Equal("[ECS054] Test/Web: LoadBalancer.IngressCidrs: '10.0.0.0' is not a CIDR block; allowed: e.g. 203.0.113.0/24, 0.0.0.0/0 or 2001:db8::/32.", e.Message);
    }

    [Fact]
    public void Empty_ingress_cidrs_are_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, LoadBalancer = new ApplicationLoadBalancerOptions { IngressCidrs = [] } });
        Assert.Equal("[ECS054] Test/Web: LoadBalancer.IngressCidrs: is empty, so no client could reach the listener; give at least one CIDR block or leave it unset for the default.", e.Message);
    }

    [Fact]
    public void A_health_check_port_out_of_range_is_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, HealthCheck = new HealthCheckOptions { Port = 0 } });
        Assert.Equal("[ECS049] Test/Web: HealthCheck.Port: 0 is out of range; allowed: 1 to 65535.", e.Message);
    }

    [Fact]
    public void A_listener_rule_with_a_null_listener_is_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, LoadBalancer = new ListenerRuleOptions { Listener = null!, Priority = 1, PathPatterns = ["/x"] } });
        Assert.StartsWith("[ECS054] Test/Web: LoadBalancer.Listener: is null; a listener rule needs the ALB listener it belongs to", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_priority_of_zero_is_rejected()
    {
        var e = Shared(l => new ListenerRuleOptions { Listener = l, Priority = 0, PathPatterns = ["/x"] });
        Assert.Equal("[ECS049] Test/Web: LoadBalancer.Priority: 0 is out of range; allowed: 1 to 50000.", e.Message);
    }

    [Fact]
    public void A_rule_without_conditions_is_rejected()
    {
        var e = Shared(l => new ListenerRuleOptions { Listener = l, Priority = 5 });
        Assert.Equal("[ECS054] Test/Web: LoadBalancer: has 0 condition values; allowed: 1 to 5 path patterns and host headers together.", e.Message);
    }

    [Fact]
    public void A_rule_path_without_a_leading_slash_is_rejected()
    {
        var e = Shared(l => new ListenerRuleOptions { Listener = l, Priority = 5, PathPatterns = ["api/*"] });
        Assert.Equal("[ECS054] Test/Web: LoadBalancer.PathPatterns: 'api/*' must start with '/'.", e.Message);
    }

    // --- workers ---------------------------------------------------------------------------------

    [Fact]
    public void Settings_of_one_launch_type_exist_only_on_that_types_props()
    {
        // Placement on Fargate, a platform version or a public IP on EC2 cannot be written at all.
        string[] ec2Only = ["PlacementStrategies", "PlacementConstraints"];
        string[] fargateOnly = ["PlatformVersion", "AssignPublicIp"];
        foreach (var fargateProps in new[] { typeof(LoadBalancedFargateServiceProps), typeof(FargateWorkerServiceProps) })
        {
            Assert.All(ec2Only, p => Assert.Null(fargateProps.GetProperty(p)));
            Assert.All(fargateOnly, p => Assert.NotNull(fargateProps.GetProperty(p)));
        }

        foreach (var ec2Props in new[] { typeof(LoadBalancedEc2ServiceProps), typeof(Ec2WorkerServiceProps) })
        {
            Assert.All(fargateOnly, p => Assert.Null(ec2Props.GetProperty(p)));
            Assert.All(ec2Only, p => Assert.NotNull(ec2Props.GetProperty(p)));
        }
    }


    [Fact]
    public void An_ec2_worker_with_a_negative_desired_count_is_rejected()
    {
        var e = SharedClusterStack.Ec2.Rejects((stack, cluster) => new Ec2WorkerService(stack, "Worker", new Ec2WorkerServiceProps { Cluster = cluster, Image = Fixtures.Image, DesiredCount = -1 }));
        Assert.Equal("[ECS049] Test/Worker: DesiredCount: -1 is out of range; allowed: 0 to 5000.", e.Message);
    }

    [Fact]
    public void A_deregistration_delay_in_fractional_seconds_is_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, DeregistrationDelay = Duration.Millis(1500) });
        Assert.Equal("[ECS050] Test/Web: DeregistrationDelay: 1.5 seconds is not a whole number of seconds; allowed: whole seconds (e.g. Duration.Seconds(2)).", e.Message);
    }

    [Fact]
    public void A_health_check_interval_in_fractional_seconds_is_rejected()
    {
        var e = Ec2(c => new()
        {
            Cluster = c,
            Image = Fixtures.Image,
            HealthCheck = new HealthCheckOptions { Interval = Duration.Millis(10500) },
        });
        Assert.Equal("[ECS050] Test/Web: HealthCheck.Interval: 10.5 seconds is not a whole number of seconds; allowed: whole seconds (e.g. Duration.Seconds(11)).", e.Message);
    }

    [Fact]
    public void A_fixed_health_check_port_with_dynamic_host_ports_is_rejected()
    {
        var e = Ec2(c => new() { Cluster = c, Image = Fixtures.Image, HealthCheck = new HealthCheckOptions { Port = 8081 } });
        Assert.Equal("[ECS054] Test/Web: HealthCheck.Port: 8081 is a fixed port, but the target uses a dynamic host port (bridge mode, host port 0), so no instance serves 8081; " +
            "leave HealthCheck.Port unset to check each target's traffic port, or use awsvpc (ip targets) or a fixed host port.", e.Message);
    }

    [Theory]
    [InlineData("", "'' is empty")]
    [InlineData("nginx: 1.27", "'nginx: 1.27' contains whitespace")]
    [InlineData("nginx:1.27/app", "'nginx:1.27/app' has a tag before the last path component (the tag goes last: name:tag)")]
    [InlineData("Nginx:1.27", "'Nginx:1.27' is not a valid reference (registry/name:tag with lower-case name components)")]
    public void A_quick_start_image_ECS_cannot_pull_is_rejected(string image, string problem)
    {
        var e = Fargate(c => new() { Cluster = c, Image = ContainerImage.FromRegistry(image) });

        Assert.Equal($"[ECS057] Test/Web/Task: Containers[app].Image: {problem}; give an image reference such as 'public.ecr.aws/nginx/nginx:1.27' (name:tag or name@sha256:digest).", e.Message);
    }

    [Fact]
    public void The_same_reference_through_ImageSource_is_rejected_with_the_same_words()
    {
        var e = Assert.Throws<EcsValidationException>(() => new EcsTaskDefinition(TestApps.NewStack(), "Task", new EcsTaskDefinitionProps
        {
            Compatibility = Compatibility.EC2,
            Containers = [new ContainerOptions { Name = "app", Image = ImageSource.FromRegistry("nginx: 1.27"), MemoryLimitMiB = 128 }],
        }));

        Assert.Equal("[ECS057] Test/Task: Containers[app].Image: 'nginx: 1.27' contains whitespace; give an image reference such as 'public.ecr.aws/nginx/nginx:1.27' (name:tag or name@sha256:digest).", e.Message);
    }

    [Theory]
    [InlineData("orders api")]
    [InlineData("orders.api")]
    public void A_service_name_ECS_rejects_is_rejected(string name)
    {
        var e = Fargate(c => new() { Cluster = c, Image = Fixtures.Image, ServiceName = name });

        Assert.Equal($"[ECS048] Test/Web: ServiceName: '{name}' is not a valid service name; allowed: 1 to 255 letters, digits, '_' and '-'.", e.Message);
    }

    [Fact]
    public void Access_logs_to_a_kms_encrypted_bucket_are_rejected()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack, new EcsClusterProps { EnableFargateCapacityProviders = true });
        var bucket = new Amazon.CDK.AWS.S3.Bucket(stack, "Logs", new Amazon.CDK.AWS.S3.BucketProps { Encryption = Amazon.CDK.AWS.S3.BucketEncryption.KMS });

        var e = Assert.Throws<EcsValidationException>(() => new LoadBalancedFargateService(stack, "Web", new LoadBalancedFargateServiceProps { Cluster = cluster, Image = Fixtures.Image, LoadBalancer = new ApplicationLoadBalancerOptions { AccessLogsBucket = bucket } }));

        Assert.Equal("[ECS054] Test/Web: LoadBalancer.AccessLogsBucket: is encrypted with a KMS key; Elastic Load Balancing delivers access logs only to buckets with S3-managed encryption; allowed: a bucket with BucketEncryption.S3_MANAGED.", e.Message);
    }

    [Fact]
    public void Access_logs_in_a_stack_without_a_region_are_rejected()
    {
        var stack = new Stack(TestApps.NewApp(), "Agnostic");
        var cluster = new EcsCluster(stack, "Cluster", new EcsClusterProps { MaxAzs = 2, EnableFargateCapacityProviders = true });
        var bucket = new Amazon.CDK.AWS.S3.Bucket(stack, "Logs", new Amazon.CDK.AWS.S3.BucketProps { Encryption = Amazon.CDK.AWS.S3.BucketEncryption.S3_MANAGED });

        var e = Assert.Throws<EcsValidationException>(() => new LoadBalancedFargateService(stack, "Web", new LoadBalancedFargateServiceProps { Cluster = cluster, Image = Fixtures.Image, LoadBalancer = new ApplicationLoadBalancerOptions { AccessLogsBucket = bucket } }));

        Assert.StartsWith("[ECS054] Agnostic/Web: LoadBalancer.AccessLogsBucket: needs the stack's region", e.Message, StringComparison.Ordinal);
    }
}
