using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.Logs;
using Constructs;
using EcsConstructs.Clusters;
using EcsConstructs.Validation;
using HealthCheck = Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck;
using Protocol = Amazon.CDK.AWS.ECS.Protocol;

namespace EcsConstructs.Services;

/// <summary>
/// A service on EC2 capacity behind an Application Load Balancer, using dynamic host ports:
/// the task runs in <c>bridge</c> mode with the container port mapped to host port 0, the
/// target group has target type <c>instance</c>, and the instances' security group admits the
/// load balancer's security group only, on the capacity's ephemeral port range. Deployments
/// are safe by default (100 % / 200 %, circuit breaker with rollback).
/// </summary>
public sealed class LoadBalancedEc2Service : Construct
{
    /// <summary>Creates the service, its task definition, log group, load balancer, listener and target group.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="props">The settings.</param>
    public LoadBalancedEc2Service(Construct scope, string id, LoadBalancedEc2ServiceProps props)
        : base(scope, id)
    {
        Validate(props);
        var ecsCluster = EcsCluster.Of(props.Cluster);
        var strategy = props.CapacityProviderStrategy is null
            ? null
            : CapacityProviderStrategies.Resolve(this, nameof(props.CapacityProviderStrategy), props.CapacityProviderStrategy, ecsCluster);
        if (props.CapacityProviderStrategy?.Any(s => CapacityProviderStrategies.IsFargate(s.Provider)) == true)
        {
            throw new EcsValidationException(Node.Path, nameof(props.CapacityProviderStrategy),
                "names a Fargate provider, but an EC2 service runs on EC2 capacity only; name an EC2 capacity or use a Fargate service.");
        }

        LogGroup = new LogGroup(this, "LogGroup", new LogGroupProps
        {
            Retention = props.LogRetention,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        TaskDefinition = new Ec2TaskDefinition(this, "TaskDefinition", new Ec2TaskDefinitionProps
        {
            NetworkMode = NetworkMode.BRIDGE,
        });

        Container = TaskDefinition.AddContainer(props.ContainerName, new ContainerDefinitionOptions
        {
            Image = props.Image,
            Cpu = props.Cpu,
            MemoryLimitMiB = props.MemoryLimitMiB,
            MemoryReservationMiB = props.MemoryReservationMiB,
            Environment = props.Environment?.ToDictionary(e => e.Key, e => e.Value),
            Essential = true,
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps
            {
                LogGroup = LogGroup,
                StreamPrefix = props.ContainerName,
            }),
            PortMappings =
            [
                new PortMapping
                {
                    ContainerPort = props.ContainerPort,
                    // 0 = dynamic: Docker picks a free port of the ephemeral range, so several
                    // copies of the task fit on one instance.
                    HostPort = 0,
                    Protocol = Protocol.TCP,
                },
            ],
        });

        if (props.Image is EcrImage && TaskDefinition.ExecutionRole?.Node.TryFindChild("DefaultPolicy") is IConstruct executionPolicy)
        {
            NagSuppressions.Suppress(executionPolicy, "AwsSolutions-IAM5",
                "ecr:GetAuthorizationToken has no resource-level permissions and must be granted on '*' for ECS to pull from ECR; the pull actions themselves are scoped to the repository.",
                "Resource::*");
        }

        Service = new Ec2Service(this, "Service", new Ec2ServiceProps
        {
            Cluster = props.Cluster,
            TaskDefinition = TaskDefinition,
            DesiredCount = props.DesiredCount,
            MinHealthyPercent = props.MinHealthyPercent,
            MaxHealthyPercent = props.MaxHealthyPercent,
            CircuitBreaker = props.CircuitBreakerRollback ? new DeploymentCircuitBreaker { Enable = true, Rollback = true } : null,
            HealthCheckGracePeriod = props.HealthCheckGracePeriod,
            CapacityProviderStrategies = strategy,
            PlacementStrategies = (props.PlacementStrategies ??
            [
                PlacementStrategy.SpreadAcross(BuiltInAttributes.AVAILABILITY_ZONE),
                PlacementStrategy.SpreadAcrossInstances(),
            ]).ToArray(),
        });

        if (strategy is null)
        {
            // Ec2Service always writes LaunchType EC2 without a strategy; that would override the
            // cluster's default capacity provider strategy (aws-cdk#24961). Leave both out.
            ((CfnService)Service.Node.DefaultChild!).AddPropertyDeletionOverride("LaunchType");
        }

        // Create after and delete before the cluster's capacity provider associations (created
        // late, by a CDK aspect, as a child of the cluster): ECS refuses to remove a capacity
        // provider that a service still uses, and a service must not start before its strategy's
        // providers are associated. A construct dependency resolves to every resource under the
        // cluster at synthesis, the association included; imported clusters add nothing.
        Service.Node.AddDependency(props.Cluster);

        LoadBalancer = new ApplicationLoadBalancer(this, "LoadBalancer", new ApplicationLoadBalancerProps
        {
            Vpc = props.Cluster.Vpc,
            InternetFacing = props.PublicLoadBalancer,
            VpcSubnets = new SubnetSelection { SubnetType = props.PublicLoadBalancer ? SubnetType.PUBLIC : SubnetType.PRIVATE_WITH_EGRESS },
            DropInvalidHeaderFields = true,
        });

        if (props.AccessLogsBucket is { } bucket)
        {
            LoadBalancer.LogAccessLogs(bucket, props.AccessLogsPrefix ?? Names.UniqueResourceName(this, new UniqueResourceNameOptions { MaxLength = 100, Separator = "-" }));
        }
        else
        {
            NagSuppressions.Suppress(LoadBalancer, "AwsSolutions-ELB2",
                "Access logs are opt-in (LoadBalancedEc2ServiceProps.AccessLogsBucket): they need a region-specific " +
                "bucket policy and an S3 bucket whose lifetime the owner of the stack decides.");
        }

        TargetGroup = new ApplicationTargetGroup(this, "TargetGroup", new ApplicationTargetGroupProps
        {
            Vpc = props.Cluster.Vpc,
            Port = props.ContainerPort,
            Protocol = ApplicationProtocol.HTTP,
            TargetType = TargetType.INSTANCE,
            DeregistrationDelay = props.DeregistrationDelay,
            HealthCheck = new HealthCheck
            {
                Path = props.HealthCheck.Path,
                Interval = props.HealthCheck.Interval,
                Timeout = props.HealthCheck.Timeout,
                HealthyThresholdCount = props.HealthCheck.HealthyThresholdCount,
                UnhealthyThresholdCount = props.HealthCheck.UnhealthyThresholdCount,
                HealthyHttpCodes = props.HealthCheck.SuccessCodes,
            },
        });

        Listener = LoadBalancer.AddListener("Http", new BaseApplicationListenerProps
        {
            Port = props.ListenerPort,
            Protocol = ApplicationProtocol.HTTP,
            Open = props.PublicLoadBalancer,
            DefaultTargetGroups = [TargetGroup],
        });

        if (props.PublicLoadBalancer)
        {
            NagSuppressions.Suppress(LoadBalancer.Connections.SecurityGroups[0], "AwsSolutions-EC23",
                $"Internet-facing load balancer: its listener port {props.ListenerPort} must accept any client. " +
                "The container instances admit only this security group, on the dynamic port range.");
        }

        // Registers the task's container port with the target group. For bridge mode with host
        // port 0 CDK opens the dynamic port range from the load balancer's security group to the
        // cluster's connections, which EcsCluster fills with the instances' security group.
        TargetGroup.AddTarget(Service.LoadBalancerTarget(new LoadBalancerTargetOptions
        {
            ContainerName = props.ContainerName,
            ContainerPort = props.ContainerPort,
            Protocol = Protocol.TCP,
        }));
    }

    /// <summary>The log group of the service's containers (retained on stack deletion).</summary>
    public LogGroup LogGroup { get; }

    /// <summary>The bridge-mode task definition.</summary>
    public Ec2TaskDefinition TaskDefinition { get; }

    /// <summary>The service's container.</summary>
    public ContainerDefinition Container { get; }

    /// <summary>The ECS service.</summary>
    public Ec2Service Service { get; }

    /// <summary>The Application Load Balancer.</summary>
    public ApplicationLoadBalancer LoadBalancer { get; }

    /// <summary>The HTTP listener.</summary>
    public ApplicationListener Listener { get; }

    /// <summary>The target group (target type <c>instance</c>).</summary>
    public ApplicationTargetGroup TargetGroup { get; }

    private void Validate(LoadBalancedEc2ServiceProps props)
    {
        Check.NotEmpty(this, nameof(props.ContainerName), props.ContainerName);
        Check.InRange(this, nameof(props.ContainerPort), props.ContainerPort, 1, 65535);
        Check.InRange(this, nameof(props.ListenerPort), props.ListenerPort, 1, 65535);
        Check.InRange(this, nameof(props.Cpu), props.Cpu, 0, 10240, "CPU units");
        Check.InRange(this, nameof(props.MemoryLimitMiB), props.MemoryLimitMiB, 6, 1_000_000, "MiB");
        Check.InRange(this, nameof(props.MemoryReservationMiB), props.MemoryReservationMiB, 6, 1_000_000, "MiB");
        Check.NotGreater(this, nameof(props.MemoryReservationMiB), props.MemoryReservationMiB, nameof(props.MemoryLimitMiB), props.MemoryLimitMiB);
        if (props.MemoryLimitMiB is null && props.MemoryReservationMiB is null)
        {
            throw new EcsValidationException(Node.Path, nameof(props.MemoryLimitMiB),
                "and MemoryReservationMiB are both unset; an EC2 task's container needs at least one of them.");
        }

        Check.InRange(this, nameof(props.DesiredCount), props.DesiredCount, 0, 5000);
        Check.InRange(this, nameof(props.MinHealthyPercent), props.MinHealthyPercent, 0, 100, "%");
        Check.InRange(this, nameof(props.MaxHealthyPercent), props.MaxHealthyPercent, 100, 200, "%");
        Check.InRange(this, "DeregistrationDelay", props.DeregistrationDelay.ToSeconds(), 0, 3600, "seconds");
        Check.InRange(this, "HealthCheckGracePeriod", props.HealthCheckGracePeriod.ToSeconds(), 0, int.MaxValue, "seconds");
        ValidateHealthCheck(props.HealthCheck);
        if (props.PlacementStrategies is { Count: > 5 } strategies)
        {
            throw new EcsValidationException(Node.Path, nameof(props.PlacementStrategies),
                $"has {strategies.Count} strategies; ECS allows at most 5 per service.");
        }
    }

    private void ValidateHealthCheck(HealthCheckSettings hc)
    {
        const string p = nameof(LoadBalancedEc2ServiceProps.HealthCheck);
        if (string.IsNullOrEmpty(hc.Path) || !hc.Path.StartsWith('/'))
        {
            throw new EcsValidationException(Node.Path, $"{p}.Path", $"'{hc.Path}' must start with '/'.");
        }

        var interval = hc.Interval.ToSeconds();
        var timeout = hc.Timeout.ToSeconds();
        Check.InRange(this, $"{p}.Interval", interval, 5, 300, "seconds");
        Check.InRange(this, $"{p}.Timeout", timeout, 2, 120, "seconds");
        if (timeout >= interval)
        {
            throw new EcsValidationException(Node.Path, $"{p}.Timeout",
                $"{Check.Format(timeout)} seconds is not shorter than Interval ({Check.Format(interval)} seconds); the load balancer requires timeout < interval.");
        }

        Check.InRange(this, $"{p}.HealthyThresholdCount", hc.HealthyThresholdCount, 2, 10);
        Check.InRange(this, $"{p}.UnhealthyThresholdCount", hc.UnhealthyThresholdCount, 2, 10);
        HttpCodes.Validate(this, $"{p}.SuccessCodes", hc.SuccessCodes);
    }
}
