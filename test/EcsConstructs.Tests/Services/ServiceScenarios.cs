using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ServiceDiscovery;
using EcsConstructs.Clusters;
using EcsConstructs.Placement;
using EcsConstructs.Services;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Services;

/// <summary>The service stacks that have a snapshot, each built and synthesized once per test class.</summary>
internal static class ServiceScenarios
{
    public const string CertificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";

    /// <summary>EC2 bridge service behind a public ALB, placed spread(AZ) then binpack(memory).</summary>
    public static Stack Ec2BridgeAlb()
    {
        var stack = TestApps.NewStack("Ec2BridgeAlb");
        var cluster = Fixtures.Cluster(stack);
        _ = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            PlacementStrategies = [ServicePlacementStrategy.SpreadAcrossZones(), ServicePlacementStrategy.BinpackMemory()],
        });
        return stack;
    }

    /// <summary>Fargate service behind a public HTTPS ALB with an HTTP to HTTPS redirect, on a Fargate-only cluster.</summary>
    public static Stack FargateHttps()
    {
        var stack = TestApps.NewStack("FargateHttps");
        var cluster = Fixtures.Cluster(stack, new EcsClusterProps { EnableFargateCapacityProviders = true });
        _ = new LoadBalancedFargateService(stack, "Web", new LoadBalancedFargateServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            ContainerPort = 8080,
            Cpu = 512,
            MemoryMiB = 1024,
            LoadBalancer = new ApplicationLoadBalancerOptions { CertificateArn = CertificateArn },
            HealthCheck = new HealthCheckOptions { Path = "/health" },
        });
        return stack;
    }

    /// <summary>Two EC2 services on one ALB: the first creates it, the second joins its listener by path.</summary>
    public static (Stack Stack, LoadBalancedEc2Service Front, LoadBalancedEc2Service Api) TwoServicesOneAlb()
    {
        var stack = TestApps.NewStack("TwoServicesOneAlb");
        var cluster = Fixtures.Cluster(stack);
        var front = new LoadBalancedEc2Service(stack, "Front", new LoadBalancedEc2ServiceProps { Cluster = cluster, Image = Fixtures.Image });
        var api = new LoadBalancedEc2Service(stack, "Api", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = ContainerImage.FromRegistry("public.ecr.aws/docker/library/httpd:2.4"),
            ContainerName = "api",
            LoadBalancer = new ListenerRuleOptions { Listener = ((ApplicationLoadBalancing)front.LoadBalancing).Listener, Priority = 10, PathPatterns = ["/api/*"] },
            HealthCheck = new HealthCheckOptions { Path = "/api/health" },
        });
        return (stack, front, api);
    }

    /// <summary>A queue worker without load balancer, entirely on Fargate Spot.</summary>
    public static Stack FargateSpotWorker()
    {
        var stack = TestApps.NewStack("FargateSpotWorker");
        var cluster = Fixtures.Cluster(stack, new EcsClusterProps { EnableFargateCapacityProviders = true });
        _ = new FargateWorkerService(stack, "Worker", new FargateWorkerServiceProps
        {
            Cluster = cluster,
            Image = ContainerImage.FromRegistry("public.ecr.aws/docker/library/busybox:1.36"),
            ContainerName = "worker",
            CapacityProviderStrategy = [new CapacityProviderShare { Provider = CapacityProviderShare.FargateSpot }],
        });
        return stack;
    }

    /// <summary>
    /// A host-mode EC2 service behind an ALB, one task per instance (distinctInstance), as many tasks as
    /// instances: a deployment stops an old task first (MinHealthyPercent 50) to free an instance.
    /// </summary>
    public static Stack HostModeDistinctInstance()
    {
        var stack = TestApps.NewStack("HostMode");
        var cluster = Fixtures.Cluster(stack);
        _ = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            NetworkMode = NetworkMode.HOST,
            DesiredCount = 3,
            MinHealthyPercent = 50,
            PlacementConstraints = [ServicePlacementConstraint.DistinctInstance()],
        });
        return stack;
    }

    /// <summary>
    /// The opt-in options together: internal ALB, health check port, slow start, stickiness, deployment
    /// alarms, 50/200, ECS Exec with the cluster's exec logging, Cloud Map, memberOf.
    /// </summary>
    public static Stack Ec2Options()
    {
        var stack = TestApps.NewStack("Ec2Options");
        var cluster = Fixtures.Cluster(stack, new EcsClusterProps { Ec2Capacity = [Fixtures.Capacity()], ExecuteCommandLogging = true });
        var ns = new PrivateDnsNamespace(stack, "Namespace", new PrivateDnsNamespaceProps { Name = "internal", Vpc = cluster.Vpc });
        _ = new LoadBalancedEc2Service(stack, "Api", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            LoadBalancer = new ApplicationLoadBalancerOptions { InternetFacing = false, SlowStart = Duration.Seconds(60), StickinessDuration = Duration.Hours(1) },
            HealthCheck = new HealthCheckOptions { Path = "/ready", Interval = Duration.Seconds(10), Timeout = Duration.Seconds(4), HealthyThresholdCount = 3, UnhealthyThresholdCount = 4, SuccessCodes = "200" },
            DeregistrationDelay = Duration.Seconds(300),
            MinHealthyPercent = 50,
            MaxHealthyPercent = 200,
            HealthCheckGracePeriod = Duration.Seconds(120),
            DeploymentAlarmNames = ["api-5xx", "api-latency"],
            EnableExecuteCommand = true,
            CloudMap = new CloudMapOptions { CloudMapNamespace = ns, Name = "api" },
            PlacementConstraints = [ServicePlacementConstraint.MemberOf("attribute:ecs.instance-type =~ t3.*")],
        });
        return stack;
    }

    /// <summary>A Fargate service behind an internal Network Load Balancer with a TLS listener.</summary>
    public static Stack FargateNlb()
    {
        var stack = TestApps.NewStack("FargateNlb");
        var cluster = Fixtures.Cluster(stack, new EcsClusterProps { EnableFargateCapacityProviders = true });
        _ = new LoadBalancedFargateService(stack, "Grpc", new LoadBalancedFargateServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            ContainerPort = 8443,
            LoadBalancer = new NetworkLoadBalancerOptions { InternetFacing = false, CertificateArn = CertificateArn },
            HealthCheck = new HealthCheckOptions { Path = "/health", Port = 8443 },
        });
        return stack;
    }

    /// <summary>
    /// Fargate service behind a public ALB with native ECS blue/green deployments: an alternate target
    /// group, a production listener rule forwarding to both groups, a test listener on 8080 and a 15-minute bake time.
    /// </summary>
    public static (Stack Stack, LoadBalancedFargateService Web) FargateBlueGreen()
    {
        var stack = TestApps.NewStack("FargateBlueGreen");
        var cluster = Fixtures.Cluster(stack, new EcsClusterProps { EnableFargateCapacityProviders = true });
        var web = new LoadBalancedFargateService(stack, "Web", new LoadBalancedFargateServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            HealthCheck = new HealthCheckOptions { Path = "/health" },
            LoadBalancer = new ApplicationLoadBalancerOptions
            {
                BlueGreenDeployment = new EcsBlueGreenDeploymentOptions { BakeTime = Duration.Minutes(15), TestListenerPort = 8080 },
            },
        });
        return (stack, web);
    }

    /// <summary>
    /// EC2 service (bridge mode, dynamic host ports) behind a public ALB, deployed blue/green by CodeDeploy: an
    /// alternate target group, a test listener on 8080, a CodeDeploy application and deployment group with the
    /// default canary shift, the default termination wait and a deployment alarm.
    /// </summary>
    public static (Stack Stack, LoadBalancedEc2Service Web) Ec2CodeDeploy()
    {
        var stack = TestApps.NewStack("Ec2CodeDeploy");
        var cluster = Fixtures.Cluster(stack);
        var web = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            HealthCheck = new HealthCheckOptions { Path = "/health" },
            DeploymentAlarmNames = ["web-5xx"],
            LoadBalancer = new ApplicationLoadBalancerOptions
            {
                BlueGreenDeployment = new CodeDeployBlueGreenDeploymentOptions { TestListenerPort = 8080 },
            },
        });
        return (stack, web);
    }
}
