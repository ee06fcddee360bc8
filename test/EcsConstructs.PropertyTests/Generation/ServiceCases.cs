using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Clusters;
using EcsConstructs.Images;
using EcsConstructs.Placement;
using EcsConstructs.Services;
using EcsConstructs.Tasks;
using FsCheck;
using FsCheck.Fluent;

namespace EcsConstructs.Tests.Quality.Generation;

/// <summary>Which service construct a case builds.</summary>
internal enum ServiceKind
{
    LoadBalancedEc2,
    LoadBalancedFargate,
    Ec2Worker,
    FargateWorker,
}

internal sealed record ShareData(string Provider, int Base, int Weight);

internal sealed record TargetHealthData(string Path, int IntervalMs, int TimeoutMs, string Codes);

/// <summary>
/// A service as plain data. <see cref="OwnTask"/>: a full <see cref="EcsTaskDefinition"/> (id <c>SvcTask</c>,
/// so its errors carry the owner's prefix) instead of the quick-start settings.
/// </summary>
internal sealed record ServiceData(
    ServiceKind Kind,
    int Desired,
    int MinHealthy,
    int MaxHealthy,
    string? ContainerName,
    int ContainerPort,
    bool AwsVpc,
    bool OwnTask,
    int? TaskHostPort,
    string[] Placement,
    string[] Constraints,
    ShareData[]? Strategy,
    bool Network,
    bool Public,
    int? ListenerPort,
    string? Certificate,
    bool Redirect,
    string[]? Cidrs,
    TargetHealthData Health,
    int DeregistrationMs,
    int? SlowStartS,
    int? StickinessS)
{
    public bool Fargate => Kind is ServiceKind.LoadBalancedFargate or ServiceKind.FargateWorker;

    public bool LoadBalanced => Kind is ServiceKind.LoadBalancedEc2 or ServiceKind.LoadBalancedFargate;
}

/// <summary>
/// The four services (<see cref="LoadBalancedEc2Service"/>, <see cref="LoadBalancedFargateService"/>,
/// <see cref="Ec2WorkerService"/>, <see cref="FargateWorkerService"/>) on one small cluster in an
/// imported VPC: counts, deployment bounds, placement, capacity provider strategies, the target
/// container and port, ALB/NLB, listener, certificate, ingress, health check and target group settings.
/// </summary>
internal sealed class ServiceCases : PerturbingCaseGenerator<ServiceData>
{
    private const string Certificate = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8899-aabbccddeeff";

    public override string Name => "Services";

    public override int Weight => 30;

    protected override string Owner => "Svc";

    protected override Gen<ServiceData> Valid =>
        from kind in G.Pick(ServiceKind.LoadBalancedEc2, ServiceKind.LoadBalancedFargate, ServiceKind.LoadBalancedFargate, ServiceKind.Ec2Worker, ServiceKind.FargateWorker)
        from desired in Gen.Choose(0, 4)
        from min in G.Pick(0, 50, 100)
        from max in min == 0 ? G.Pick(100, 150, 200) : Gen.Constant(200)
        from name in G.MaybeRef(30, G.Pick("web", "api"))
        from port in G.Pick(80, 8080, 3000)
        from awsVpc in G.Chance(40)
        from ownTask in G.Chance(30)
        from placement in G.Pick(Array.Empty<string>(), ["zones"], ["binpack-memory"], ["zones", "instances", "binpack-cpu"])
        from constraints in G.Pick(Array.Empty<string>(), ["distinct"], ["t3"])
        from strategy in G.MaybeRef(25, Gen.Constant(Array.Empty<ShareData>()))
        from network in G.Chance(25)
        from isPublic in G.Chance(70)
        from cert in G.Chance(30)
        from redirect in G.Chance(70)
        from listenerPort in cert ? G.Pick<int?>(null, 8443) : G.Pick<int?>(null, 8080)
        from cidrs in G.MaybeRef(25, G.Pick<string[]>(["203.0.113.0/24"], ["10.0.0.0/16", "2001:db8::/32"]))
        from interval in G.Pick(10, 30)
        from timeout in G.Pick(2, 5)
        from codes in G.Pick("200-399", "200", "200,302")
        from healthPath in G.Pick("/", "/health")
        from dereg in G.Pick(0, 30_000, 300_000, 3_600_000)
        from slow in network ? Gen.Constant<int?>(null) : G.Maybe(20, G.Pick(30, 900))
        from sticky in network ? Gen.Constant<int?>(null) : G.Maybe(20, G.Pick(1, 86_400))
        let fargate = kind is ServiceKind.LoadBalancedFargate or ServiceKind.FargateWorker
        select new ServiceData(
            kind, desired, min, max, name, port, fargate || awsVpc, ownTask, null,
            fargate ? [] : placement, fargate ? [] : constraints,
            strategy is null ? null : fargate ? [new ShareData("FARGATE", 1, 1), new ShareData("FARGATE_SPOT", 0, 3)] : [new ShareData("OnDemand", 1, 1)],
            network, isPublic, listenerPort, cert ? Certificate : null, redirect, cidrs,
            new TargetHealthData(healthPath, interval * 1000, timeout * 1000, codes), dereg, slow, sticky);

    private static Gen<ServiceData> Ec2(ServiceData s) => G.Pick(ServiceKind.LoadBalancedEc2, ServiceKind.Ec2Worker).Select(k => s with { Kind = k, Strategy = null });

    private static Gen<ServiceData> Fargate(ServiceData s) =>
        G.Pick(ServiceKind.LoadBalancedFargate, ServiceKind.FargateWorker).Select(k => s with { Kind = k, AwsVpc = true, Placement = [], Constraints = [], Strategy = null });

    private static Gen<ServiceData> LoadBalanced(ServiceData s) =>
        G.Pick(ServiceKind.LoadBalancedEc2, ServiceKind.LoadBalancedFargate).Select(k => s with
        {
            Kind = k,
            AwsVpc = s.AwsVpc || k == ServiceKind.LoadBalancedFargate,
            Placement = k == ServiceKind.LoadBalancedFargate ? [] : s.Placement,
            Constraints = k == ServiceKind.LoadBalancedFargate ? [] : s.Constraints,
            Strategy = null,
        });

    protected override IReadOnlyList<Perturbation<ServiceData>> Perturbations { get; } =
    [
        new("negative DesiredCount", true, ["DesiredCount"], s => Gen.Choose(-10, -1).Select(v => s with { Desired = v })),
        new("MinHealthyPercent above 100", true, ["MinHealthyPercent"], s => G.Pick(101, 150, 200).Select(v => s with { MinHealthy = v })),
        new("MaxHealthyPercent below 100", true, ["MaxHealthyPercent"], s => G.Pick(0, 50, 99).Select(v => s with { MaxHealthy = v })),
        new("deployment bounds without room", true, ["MaxHealthyPercent"], s => G.Pick((1, 100, 150), (2, 100, 149), (3, 100, 100))
            .Select(b => s with { Desired = b.Item1, MinHealthy = b.Item2, MaxHealthy = b.Item3 })),
        new("more than 5 placement strategies", true, ["PlacementStrategies"],
            s => Ec2(s).SelectMany(e => Gen.Choose(6, 8).Select(n => e with { Placement = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? "zones" : "binpack-memory").ToArray() }))),
        new("unknown spread field", true, ["PlacementStrategies"], s => Ec2(s).Select(e => e with { Placement = ["spread-bogus"] })),
        new("host port differs from container port in awsvpc", true, ["Containers.PortMappings"],
            s => LoadBalanced(s).SelectMany(l => G.Pick(1, 1000).Select(d => l with { AwsVpc = true, OwnTask = true, TaskHostPort = l.ContainerPort + d }))),
        new("host port equals container port in awsvpc", false, ["Containers.PortMappings"],
            s => LoadBalanced(s).Select(l => l with { AwsVpc = true, OwnTask = true, TaskHostPort = l.ContainerPort })),
        new("Fargate provider in an EC2 service's strategy", true, ["CapacityProviderStrategy"],
            s => Ec2(s).SelectMany(e => G.Pick<ShareData[]>([new("FARGATE", 0, 1)], [new("OnDemand", 0, 1), new("FARGATE_SPOT", 0, 1)]).Select(st => e with { Strategy = st }))),
        new("EC2 capacity id in a Fargate service's strategy", true, ["CapacityProviderStrategy"],
            s => Fargate(s).SelectMany(f => G.Pick<ShareData[]>([new("OnDemand", 0, 1)], [new("FARGATE", 0, 1), new("OnDemand", 0, 1)]).Select(st => f with { Strategy = st }))),
        new("strategy with two bases", true, ["CapacityProviderStrategy"],
            s => Fargate(s).Select(f => f with { Strategy = [new("FARGATE", 1, 1), new("FARGATE_SPOT", 2, 1)] })),
        new("strategy with only zero weights", true, ["CapacityProviderStrategy"],
            s => Fargate(s).SelectMany(f => G.Pick<ShareData[]>([new("FARGATE", 1, 0), new("FARGATE_SPOT", 0, 0)], [new("FARGATE", 0, 0), new("FARGATE_SPOT", 0, 0)]).Select(st => f with { Strategy = st }))),
        new("strategy naming a provider twice", true, ["CapacityProviderStrategy"],
            s => Fargate(s).Select(f => f with { Strategy = [new("FARGATE_SPOT", 0, 1), new("FARGATE_SPOT", 0, 2)] })),
        new("Spot-only or based strategies", false, ["CapacityProviderStrategy"],
            s => G.Pick(true, false).SelectMany(fargate => fargate
                ? Fargate(s).SelectMany(f => G.Pick<ShareData[]>([new("FARGATE_SPOT", 0, 1)], [new("FARGATE", 2, 1), new("FARGATE_SPOT", 0, 4)]).Select(st => f with { Strategy = st }))
                : Ec2(s).Select(e => e with { Strategy = [new("OnDemand", 2, 5)] }))),
        new("empty container name", true, ["ContainerName"], s => G.Pick("", " ").Select(n => s with { ContainerName = n, OwnTask = false })),
        new("health check timeout not below the interval", true, ["HealthCheck.Timeout"],
            s => LoadBalanced(s).SelectMany(l => G.Pick((10, 10), (10, 15), (30, 60)).Select(h => l with { Health = l.Health with { IntervalMs = h.Item1 * 1000, TimeoutMs = h.Item2 * 1000 } }))),
        // ALB: 200-499; an NLB's HTTP health check accepts 200-599 (two perturbations below).
        new("success codes outside 200-499", true, ["HealthCheck.SuccessCodes"],
            s => LoadBalanced(s).SelectMany(l => G.Pick("199", "500", "200-500", "100-299", "200,503", "299-200", "ok")
                .Select(c => l with { Network = false, Health = l.Health with { Codes = c } }))),
        new("success codes at the edges", false, ["HealthCheck.SuccessCodes"],
            s => LoadBalanced(s).SelectMany(l => G.Pick("200-499", "499", "200,204,301-308").Select(c => l with { Health = l.Health with { Codes = c } }))),
        new("NLB success codes up to 599", false, ["HealthCheck.SuccessCodes"],
            s => LoadBalanced(s).SelectMany(l => G.Pick("200-599", "503", "200,500-599").Select(c => l with { Network = true, SlowStartS = null, StickinessS = null, Health = l.Health with { Codes = c } }))),
        new("NLB success codes outside 200-599", true, ["HealthCheck.SuccessCodes"],
            s => LoadBalanced(s).SelectMany(l => G.Pick("600", "200-600", "199").Select(c => l with { Network = true, SlowStartS = null, StickinessS = null, Health = l.Health with { Codes = c } }))),
        new("deregistration delay above 3600 s", true, ["DeregistrationDelay"],
            s => LoadBalanced(s).SelectMany(l => G.Pick(3_601_000, 7_200_000).Select(d => l with { DeregistrationMs = d }))),
        new("deregistration delay of a fractional second", true, ["DeregistrationDelay"],
            s => LoadBalanced(s).SelectMany(l => G.Pick(1_500, 30_250).Select(d => l with { DeregistrationMs = d }))),
        new("listener port out of range", true, ["LoadBalancer.ListenerPort"],
            s => LoadBalanced(s).SelectMany(l => G.Pick(0, -1, 65_536).Select(p => l with { ListenerPort = p }))),
        new("listener on 443 without a certificate (plain HTTP/TCP)", false, ["LoadBalancer.ListenerPort", "LoadBalancer.CertificateArn"],
            s => LoadBalanced(s).Select(l => l with { ListenerPort = 443, Certificate = null })),
        new("HTTPS listener on port 80 next to the HTTP redirect", true, ["LoadBalancer.ListenerPort", "LoadBalancer.RedirectHttpToHttps"],
            s => LoadBalanced(s).Select(l => l with { Network = false, SlowStartS = null, StickinessS = null, Certificate = Certificate, Redirect = true, ListenerPort = 80 })),
        new("malformed certificate ARN", true, ["LoadBalancer.CertificateArn"],
            s => LoadBalanced(s).SelectMany(l => G.Pick("certificate/123", "arn:aws:acm:eu-west-1:123:certificate/x", "arn:aws:s3:::bucket").Select(c => l with { Certificate = c }))),
        new("invalid ingress CIDR", true, ["LoadBalancer.IngressCidrs"],
            s => LoadBalanced(s).SelectMany(l => G.Pick<string[]>(["10.0.0.0"], ["not-a-cidr"], [], ["0.0.0.0/0", "10.0.0.0/8/8"], ["300.0.0.0/8"], ["10.0.0.0/33"], ["2001:db8::/129"]).Select(c => l with { Cidrs = c }))),
        new("internal or public load balancer, default or own ingress", false, ["LoadBalancer.InternetFacing", "LoadBalancer.IngressCidrs"],
            s => LoadBalanced(s).SelectMany(l => G.Pick<(bool, string[]?)>((false, null), (false, ["10.0.0.0/8"]), (true, ["198.51.100.7/32"]), (true, ["0.0.0.0/0", "::/0"]))
                .Select(v => l with { Public = v.Item1, Cidrs = v.Item2 }))),
        new("NLB with TLS", false, ["LoadBalancer", "LoadBalancer.CertificateArn"],
            s => LoadBalanced(s).Select(l => l with { Network = true, SlowStartS = null, StickinessS = null, Certificate = Certificate })),
    ];

    protected override void Build(Stack stack, ServiceData spec)
    {
        var vpc = Fixtures.ImportedVpc(stack);
        var fargate = spec.Fargate;
        var cluster = new EcsCluster(stack, "Cluster", new EcsClusterProps
        {
            Vpc = vpc,
            EnableFargateCapacityProviders = fargate,
            Ec2Capacity = fargate ? [] : [new Ec2CapacityOptions { Id = "OnDemand", InstanceType = new InstanceType("t3.small"), MaxCapacity = 2 }],
        });

        var image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27");
        EcsTaskDefinition? task = null;
        if (spec.OwnTask)
        {
            task = new EcsTaskDefinition(stack, Owner + "Task", new EcsTaskDefinitionProps
            {
                Compatibility = fargate ? Compatibility.FARGATE : Compatibility.EC2,
                NetworkMode = spec.AwsVpc ? NetworkMode.AWS_VPC : NetworkMode.BRIDGE,
                Cpu = fargate ? 256 : null,
                MemoryMiB = fargate ? 512 : null,
                Containers =
                [
                    new ContainerOptions
                    {
                        Name = spec.ContainerName ?? "app",
                        Image = ImageSource.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
                        Cpu = fargate ? null : 256,
                        MemoryLimitMiB = fargate ? null : 256,
                        PortMappings = spec.LoadBalanced ? [new PortMappingOptions { ContainerPort = spec.ContainerPort, HostPort = spec.TaskHostPort }] : null,
                    },
                ],
            });
        }

        var strategy = spec.Strategy?.Select(x => new CapacityProviderShare { Provider = x.Provider, Base = x.Base, Weight = x.Weight }).ToArray();
        var placement = spec.Placement.Length == 0 ? null : spec.Placement.Select(Strategy).ToArray();
        var constraints = spec.Constraints.Length == 0 ? null : spec.Constraints.Select(c => c == "distinct"
            ? ServicePlacementConstraint.DistinctInstance()
            : ServicePlacementConstraint.MemberOf("attribute:ecs.instance-type =~ t3.*")).ToArray();
        var network = spec.AwsVpc ? NetworkMode.AWS_VPC : NetworkMode.BRIDGE;

        switch (spec.Kind)
        {
            case ServiceKind.Ec2Worker:
                _ = new Ec2WorkerService(stack, Owner, new Ec2WorkerServiceProps
                {
                    Cluster = cluster,
                    TaskDefinition = task,
                    Image = task is null ? image : null,
                    ContainerName = spec.ContainerName,
                    NetworkMode = task is null ? network : null,
                    MemoryLimitMiB = 256,
                    DesiredCount = spec.Desired,
                    MinHealthyPercent = spec.MinHealthy,
                    MaxHealthyPercent = spec.MaxHealthy,
                    CapacityProviderStrategy = strategy,
                    PlacementStrategies = placement,
                    PlacementConstraints = constraints,
                });
                break;
            case ServiceKind.FargateWorker:
                _ = new FargateWorkerService(stack, Owner, new FargateWorkerServiceProps
                {
                    Cluster = cluster,
                    TaskDefinition = task,
                    Image = task is null ? image : null,
                    ContainerName = spec.ContainerName,
                    DesiredCount = spec.Desired,
                    MinHealthyPercent = spec.MinHealthy,
                    MaxHealthyPercent = spec.MaxHealthy,
                    CapacityProviderStrategy = strategy,
                });
                break;
            case ServiceKind.LoadBalancedEc2:
                _ = new LoadBalancedEc2Service(stack, Owner, new LoadBalancedEc2ServiceProps
                {
                    Cluster = cluster,
                    TaskDefinition = task,
                    Image = task is null ? image : null,
                    NetworkMode = task is null ? network : null,
                    MemoryLimitMiB = 256,
                    ContainerName = spec.ContainerName,
                    ContainerPort = spec.ContainerPort,
                    DesiredCount = spec.Desired,
                    MinHealthyPercent = spec.MinHealthy,
                    MaxHealthyPercent = spec.MaxHealthy,
                    CapacityProviderStrategy = strategy,
                    PlacementStrategies = placement,
                    PlacementConstraints = constraints,
                    LoadBalancer = LoadBalancer(spec),
                    HealthCheck = Health(spec.Health),
                    DeregistrationDelay = Duration.Millis(spec.DeregistrationMs),
                });
                break;
            default:
                _ = new LoadBalancedFargateService(stack, Owner, new LoadBalancedFargateServiceProps
                {
                    Cluster = cluster,
                    TaskDefinition = task,
                    Image = task is null ? image : null,
                    ContainerName = spec.ContainerName,
                    ContainerPort = spec.ContainerPort,
                    DesiredCount = spec.Desired,
                    MinHealthyPercent = spec.MinHealthy,
                    MaxHealthyPercent = spec.MaxHealthy,
                    CapacityProviderStrategy = strategy,
                    LoadBalancer = LoadBalancer(spec),
                    HealthCheck = Health(spec.Health),
                    DeregistrationDelay = Duration.Millis(spec.DeregistrationMs),
                });
                break;
        }
    }

    /// <summary>The load balancer choice of a spec; slow start and stickiness exist on the ALB only (the generator never sets them for an NLB).</summary>
    private static LoadBalancerOptions LoadBalancer(ServiceData spec) => spec.Network
        ? (spec.SlowStartS ?? spec.StickinessS) is null
            ? new NetworkLoadBalancerOptions { InternetFacing = spec.Public, ListenerPort = spec.ListenerPort, CertificateArn = spec.Certificate, IngressCidrs = spec.Cidrs }
            : throw new InvalidOperationException("Generator bug: an NLB spec with slow start or stickiness.")
        : new ApplicationLoadBalancerOptions
        {
            InternetFacing = spec.Public,
            ListenerPort = spec.ListenerPort,
            CertificateArn = spec.Certificate,
            RedirectHttpToHttps = spec.Redirect,
            IngressCidrs = spec.Cidrs,
            SlowStart = spec.SlowStartS is { } slow ? Duration.Seconds(slow) : null,
            StickinessDuration = spec.StickinessS is { } sticky ? Duration.Seconds(sticky) : null,
        };

    private static HealthCheckOptions Health(TargetHealthData h) => new()
    {
        Path = h.Path,
        Interval = Duration.Millis(h.IntervalMs),
        Timeout = Duration.Millis(h.TimeoutMs),
        SuccessCodes = h.Codes,
    };

    private static ServicePlacementStrategy Strategy(string name) => name switch
    {
        "zones" => ServicePlacementStrategy.SpreadAcrossZones(),
        "instances" => ServicePlacementStrategy.SpreadAcrossInstances(),
        "binpack-cpu" => ServicePlacementStrategy.BinpackCpu(),
        "binpack-memory" => ServicePlacementStrategy.BinpackMemory(),
        "spread-bogus" => ServicePlacementStrategy.Spread("bogus"),
        _ => ServicePlacementStrategy.Random(),
    };
}
