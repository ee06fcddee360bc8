using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using EcsConstructs.Clusters;
using EcsConstructs.Images;
using EcsConstructs.Scaling;
using EcsConstructs.Services;
using EcsConstructs.Tasks;
using EcsConstructs.Tests.Support;
using static EcsConstructs.Tests.Support.Props;

namespace EcsConstructs.Tests.Services;

/// <summary>Service kinds and options that need a stack of their own (one synth each).</summary>
public sealed class ServiceVariantsTests
{
    private static EcsTaskDefinition Ec2Task(Stack stack, params ContainerOptions[] containers) =>
        new(stack, "Task", new EcsTaskDefinitionProps { Compatibility = Compatibility.EC2, Containers = containers });

    [Fact]
    public void Network_load_balancer_forwards_tcp_to_instance_targets_and_the_instances_admit_its_group_on_the_ephemeral_range()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);
        var web = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            LoadBalancer = new NetworkLoadBalancerOptions(),
        });

        var t = Synthesized.Of(stack);
        t.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Obj(("Type", "network"), ("Scheme", "internet-facing")));
        t.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Obj(("Port", 80), ("Protocol", "TCP")));
        t.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Obj(("Protocol", "TCP"), ("TargetType", "instance"), ("HealthCheckProtocol", "HTTP"), ("HealthCheckPath", "/")));
        var nlbGroup = t.Resources("AWS::EC2::SecurityGroup").Single(g => g.Key.StartsWith("WebLoadBalancerSecurityGroup", StringComparison.Ordinal)).Key;
        var ingress = t.Resources("AWS::EC2::SecurityGroupIngress").Select(r => r.Value["Properties"]!).Single();
        Assert.Equal(nlbGroup, ingress["SourceSecurityGroupId"]!["Fn::GetAtt"]![0]!.GetValue<string>());
        Assert.Equal((32768, 65535), (ingress["FromPort"]!.GetValue<int>(), ingress["ToPort"]!.GetValue<int>()));
        var nlb = Assert.IsType<NetworkLoadBalancing>(web.LoadBalancing);
        Assert.Equal(nlbGroup, Stack.Of(nlb.SecurityGroup).GetLogicalId((CfnElement)nlb.SecurityGroup.Node.DefaultChild!));
    }

    [Fact]
    public void Network_load_balancer_health_checks_accept_success_codes_up_to_599()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);
        _ = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            LoadBalancer = new NetworkLoadBalancerOptions(),
            HealthCheck = new HealthCheckOptions { SuccessCodes = "200-599" },
        });

        Synthesized.Of(stack).Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup",
            Obj(("Protocol", "TCP"), ("Matcher", Obj(("HttpCode", "200-599")))));
    }

    [Fact]
    public void Fargate_service_on_a_cluster_whose_default_is_ec2_writes_an_explicit_fargate_strategy_and_custom_ingress_cidrs()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack, new EcsClusterProps { Ec2Capacity = [Fixtures.Capacity()], EnableFargateCapacityProviders = true });
        _ = new LoadBalancedFargateService(stack, "Web", new LoadBalancedFargateServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            LoadBalancer = new ApplicationLoadBalancerOptions { IngressCidrs = ["203.0.113.0/24"] },
        });

        var t = Synthesized.Of(stack);
        var service = t.PropertiesOf("AWS::ECS::Service");
        t.Template.HasResourceProperties("AWS::ECS::Service", Obj(("CapacityProviderStrategy", new object[] { Obj(("CapacityProvider", "FARGATE"), ("Weight", 1)) })));
        Assert.Null(service["LaunchType"]);
        var alb = t.Resources("AWS::EC2::SecurityGroup").Single(g => g.Key.Contains("LoadBalancer", StringComparison.Ordinal)).Value;
        Assert.Equal("203.0.113.0/24", Assert.Single(alb["Properties"]!["SecurityGroupIngress"]!.AsArray())!["CidrIp"]!.GetValue<string>());
        Assert.Null(alb["Metadata"]?["cdk_nag"]);
    }

    [Fact]
    public void Fargate_service_and_spot_base_with_scaling_leaves_the_desired_count_out()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack, new EcsClusterProps { EnableFargateCapacityProviders = true });
        var web = new LoadBalancedFargateService(stack, "Web", new LoadBalancedFargateServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            CapacityProviderStrategy =
            [
                new CapacityProviderShare { Provider = CapacityProviderShare.Fargate, Base = 1, Weight = 1 },
                new CapacityProviderShare { Provider = CapacityProviderShare.FargateSpot, Weight = 3 },
            ],
        });
        _ = new ServiceScaling(stack, "Scaling", new ServiceScalingProps
        {
            Service = web.Service,
            TargetGroup = web.LoadBalancing.TargetGroup,
            MinCapacity = 2,
            MaxCapacity = 8,
            CpuTracking = new UtilizationTrackingOptions { TargetPercent = 60 },
        });

        var service = Synthesized.Of(stack).PropertiesOf("AWS::ECS::Service");
        Assert.Null(service["DesiredCount"]);
        Assert.Null(service["LaunchType"]);
        Assert.Equal(2, service["CapacityProviderStrategy"]!.AsArray().Count);
    }

    [Fact]
    public void Ec2_awsvpc_service_uses_ip_targets_and_a_task_security_group()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);
        _ = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            NetworkMode = NetworkMode.AWS_VPC,
        });

        var t = Synthesized.Of(stack);
        t.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Obj(("TargetType", "ip")));
        t.Template.HasResourceProperties("AWS::ECS::TaskDefinition", Obj(("NetworkMode", "awsvpc"),
            ("ContainerDefinitions", new object[] { Obj(("PortMappings", new object[] { Obj(("ContainerPort", 80), ("HostPort", 80)) })) })));
        var ingress = t.Resources("AWS::EC2::SecurityGroupIngress").Select(r => r.Value["Properties"]!).Single();
        Assert.StartsWith("WebServiceSecurityGroup", ingress["GroupId"]!["Fn::GetAtt"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(80, ingress["FromPort"]!.GetValue<int>());
        Assert.NotNull(t.PropertiesOf("AWS::ECS::Service")["NetworkConfiguration"]);
    }

    [Fact]
    public void A_full_task_definition_with_a_linked_sidecar_routes_to_the_named_container_and_port()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);
        var task = Ec2Task(stack,
            new ContainerOptions
            {
                Name = "proxy",
                Image = ImageSource.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
                MemoryLimitMiB = 128,
                PortMappings = [new PortMappingOptions { ContainerPort = 80 }],
                Links = ["app"],
            },
            new ContainerOptions
            {
                Name = "app",
                Image = ImageSource.FromRegistry("public.ecr.aws/docker/library/httpd:2.4"),
                MemoryLimitMiB = 256,
                PortMappings = [new PortMappingOptions { ContainerPort = 8080 }, new PortMappingOptions { ContainerPort = 9090 }],
            });
        var web = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            TaskDefinition = task,
            ContainerName = "app",
            ContainerPort = 9090,
        });

        var t = Synthesized.Of(stack);
        t.Template.HasResourceProperties("AWS::ECS::Service", Obj(("LoadBalancers", new object[] { Obj(("ContainerName", "app"), ("ContainerPort", 9090)) })));
        t.Template.HasResourceProperties("AWS::ECS::TaskDefinition", Obj(("ContainerDefinitions", Match.ArrayWith(new object[] { Match.ObjectLike(Obj(("Name", "proxy"), ("Links", new object[] { "app:app" }))) }))));
        t.Template.ResourceCountIs("AWS::ECS::TaskDefinition", 1);
        Assert.Same(task, web.TaskDefinition);
        Assert.Equal("app", web.Container.ContainerName);
        Assert.Equal(9090, web.ContainerPort);
    }

    [Fact]
    public void A_full_task_definition_defaults_to_its_first_essential_container_and_first_port()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack, new EcsClusterProps { EnableFargateCapacityProviders = true });
        var task = new EcsTaskDefinition(stack, "Task", new EcsTaskDefinitionProps
        {
            Compatibility = Compatibility.FARGATE,
            Cpu = 256,
            MemoryMiB = 512,
            Containers =
            [
                new ContainerOptions { Name = "init", Image = ImageSource.FromRegistry("public.ecr.aws/docker/library/busybox:1.36"), Essential = false },
                new ContainerOptions { Name = "web", Image = ImageSource.FromRegistry("public.ecr.aws/nginx/nginx:1.27"), PortMappings = [new PortMappingOptions { ContainerPort = 8080 }] },
            ],
        });
        var web = new LoadBalancedFargateService(stack, "Web", new LoadBalancedFargateServiceProps { Cluster = cluster, TaskDefinition = task });

        Assert.Equal(("web", 8080), (web.Container.ContainerName, web.ContainerPort));
    }

    [Fact]
    public void Ec2_worker_without_network_has_no_load_balancer_and_no_grace_period()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);
        var worker = new Ec2WorkerService(stack, "Batch", new Ec2WorkerServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            NetworkMode = NetworkMode.NONE,
            DesiredCount = 1,
        });

        var t = Synthesized.Of(stack);
        t.Template.HasResourceProperties("AWS::ECS::TaskDefinition", Obj(("NetworkMode", "none")));
        var service = t.PropertiesOf("AWS::ECS::Service");
        Assert.Null(service["LaunchType"]);
        Assert.Null(service["HealthCheckGracePeriodSeconds"]);
        Assert.Null(service["LoadBalancers"]);
        t.Template.ResourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 0);
        Assert.NotNull(worker.LogGroup);
    }

    [Fact]
    public void A_service_joins_an_alb_listener_of_another_stack_without_a_cycle()
    {
        var app = TestApps.NewApp();
        var env = new Amazon.CDK.Environment { Region = "eu-west-1" };
        var shared = new Stack(app, "Shared", new StackProps { Env = env });
        var cluster = Fixtures.Cluster(shared);
        var alb = new ApplicationLoadBalancer(shared, "Alb", new ApplicationLoadBalancerProps { Vpc = cluster.Vpc, InternetFacing = true });
        var listener = alb.AddListener("Http", new BaseApplicationListenerProps
        {
            Port = 80,
            Open = true,
            DefaultAction = ListenerAction.FixedResponse(404),
        });
        var apiStack = new Stack(app, "Api", new StackProps { Env = env });
        _ = new LoadBalancedEc2Service(apiStack, "Api", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            LoadBalancer = new ListenerRuleOptions { Listener = listener, Priority = 20, HostHeaders = ["api.example.com"], PathPatterns = ["/v1/*"] },
        });

        var t = Synthesized.Of(apiStack);
        t.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Obj(("Priority", 20), ("Conditions", new object[]
        {
            Obj(("Field", "path-pattern"), ("PathPatternConfig", Obj(("Values", new object[] { "/v1/*" })))),
            Obj(("Field", "host-header"), ("HostHeaderConfig", Obj(("Values", new object[] { "api.example.com" })))),
        })));
        t.Template.ResourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 0);
        Assert.Contains("Fn::ImportValue", t.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ecr_quick_start_image_gets_the_pull_token_suppression_on_the_execution_role()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);
        var repository = Amazon.CDK.AWS.ECR.Repository.FromRepositoryName(stack, "Repo", "web");
        _ = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = ContainerImage.FromEcrRepository(repository, "1.0.0"),
        });

        var t = Synthesized.Of(stack);
        var policy = t.Resources("AWS::IAM::Policy").Single(p => p.Key.Contains("ExecutionRole", StringComparison.Ordinal)).Value;
        Assert.Contains("AwsSolutions-IAM5", policy.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_grace_period_shorter_than_the_container_start_period_is_a_warning()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);
        var task = Ec2Task(stack, new ContainerOptions
        {
            Name = "app",
            Image = ImageSource.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
            MemoryLimitMiB = 256,
            PortMappings = [new PortMappingOptions { ContainerPort = 80 }],
            HealthCheck = new ContainerHealthCheck { Command = ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], StartPeriod = Duration.Seconds(120) },
        });
        _ = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps { Cluster = cluster, TaskDefinition = task });
        _ = new LoadBalancedEc2Service(stack, "Zero", new LoadBalancedEc2ServiceProps { Cluster = cluster, Image = Fixtures.Image, HealthCheckGracePeriod = Duration.Seconds(0) });

        var findings = Rules.RuleFindings.Of(stack);
        findings.Fired("ECS027", "Test/Web/Service/Service: HealthCheckGracePeriodSeconds is 60 but a container's health check start period is 120 s");
        findings.Fired("ECS027", "Test/Zero/Service/Service: sets HealthCheckGracePeriodSeconds 0 behind a load balancer");
    }
}
