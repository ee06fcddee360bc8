using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Constructs;
using EcsConstructs.Rules.Data;
using EcsConstructs.Clusters;
using EcsConstructs.Images;
using EcsConstructs.Placement;
using EcsConstructs.Rules;
using EcsConstructs.Tasks;
using EcsConstructs.Rules.Conditions;
using EcsConstructs.Validation;

namespace EcsConstructs.Services;

/// <summary>
/// The logic every service kind shares, in one place: the task definition (quick start or given),
/// validation of counts, deployments, placement and launch-type-specific settings, the capacity
/// provider strategy, creation of the <c>Ec2Service</c> / <c>FargateService</c> with the deployment
/// configuration, and what follows it (no <c>LaunchType</c>, dependency on the cluster's capacity
/// provider associations, ECS Exec suppressions).
/// </summary>
internal static class ServiceBuilder
{
    private static readonly ServicePlacementStrategy[] DefaultEc2Placement =
        [ServicePlacementStrategy.SpreadAcrossZones(), ServicePlacementStrategy.SpreadAcrossInstances()];

    /// <summary>
    /// Builds a service of either launch type: the task definition, the checks (the shared ones and
    /// <paramref name="check"/>, run before the service exists), the strategy, the service and what follows it.
    /// </summary>
    public static (EcsTaskDefinition Task, BaseService Service) Build(Construct scope, ServiceProps props, bool fargate, int? quickStartPort,
        Duration? gracePeriod, Action<EcsTaskDefinition>? check = null)
    {
        var cluster = props.Cluster as EcsCluster;
        var task = TaskDefinition(scope, props, fargate, quickStartPort);
        check?.Invoke(task);
        Validate(scope, props, task, fargate, cluster);
        var strategy = Strategy(scope, props, fargate, cluster);
        BaseService service = fargate
            ? Fargate(scope, (ReplicaServiceProps)props, task, strategy, gracePeriod)
            : Ec2(scope, props, task, strategy, gracePeriod);
        Complete(service, props, task);
        return (task, service);
    }

    /// <summary>The given task definition, checked against the service kind, or one built from the quick-start settings.</summary>
    private static EcsTaskDefinition TaskDefinition(Construct scope, ServiceProps props, bool fargate, int? quickStartPort)
    {
        if (props.TaskDefinition is { } given)
        {
            if (props.Image is not null)
            {
                throw new EcsValidationException(RuleIds.ConflictingProps, scope.Node.Path, nameof(props.Image),
                    "is set together with TaskDefinition; give the image in the task definition's ContainerOptions, or leave TaskDefinition unset.");
            }

            if (fargate && !given.IsFargate)
            {
                throw new EcsValidationException(RuleIds.ConflictingProps, scope.Node.Path, nameof(props.TaskDefinition),
                    $"{given.Node.Path} has compatibility EC2; a Fargate service needs FARGATE or EC2_AND_FARGATE.");
            }

            if (!fargate && given.Compatibility == Compatibility.FARGATE)
            {
                throw new EcsValidationException(RuleIds.ConflictingProps, scope.Node.Path, nameof(props.TaskDefinition),
                    $"{given.Node.Path} has compatibility FARGATE; an EC2 service needs EC2 or EC2_AND_FARGATE.");
            }

            if (props.NetworkMode is { } mode && mode != given.NetworkMode)
            {
                throw new EcsValidationException(RuleIds.ConflictingProps, scope.Node.Path, nameof(props.NetworkMode),
                    $"{mode} differs from the network mode of the task definition ({given.NetworkMode}); leave NetworkMode unset with a TaskDefinition.");
            }

            return given;
        }

        if (props.Image is null)
        {
            throw new EcsValidationException(RuleIds.ConflictingProps, scope.Node.Path, nameof(props.Image), "is not set; give Image (a single container) or TaskDefinition.");
        }

        var networkMode = props.NetworkMode ?? (fargate ? NetworkMode.AWS_VPC : NetworkMode.BRIDGE);
        if (quickStartPort is not null)
        {
            ServiceLoadBalancing.RequireNetwork(scope, networkMode);
        }

        ValidateQuickStart(scope, props, networkMode);
        return new EcsTaskDefinition(scope, "Task", new EcsTaskDefinitionProps
        {
            Compatibility = fargate ? Compatibility.FARGATE : Compatibility.EC2,
            NetworkMode = networkMode,
            Cpu = (props as IFargateServiceSettings)?.Cpu,
            MemoryMiB = (props as IFargateServiceSettings)?.MemoryMiB,
            Logging = new TaskLogging { Retention = props.LogRetention },
            Containers =
            [
                new ContainerOptions
                {
                    Name = props.ContainerName ?? "app",
                    Image = props.Image,
                    Cpu = (props as IEc2Settings)?.Cpu,
                    MemoryLimitMiB = (props as IEc2Settings)?.MemoryLimitMiB,
                    MemoryReservationMiB = props.MemoryReservationMiB,
                    Environment = props.Environment,
                    // Bridge: host port unset = dynamic (HostPort 0); host and awsvpc: the container port.
                    PortMappings = quickStartPort is { } port ? [new PortMappingOptions { ContainerPort = port }] : null,
                },
            ],
        });
    }

    /// <summary>Checks the settings that do not depend on the kind of load balancing.</summary>
    private static void Validate(Construct scope, ServiceProps props, EcsTaskDefinition task, bool fargate, EcsCluster? cluster)
    {
        Check.NotEmpty(RuleIds.InvalidName, scope, nameof(props.ServiceName), props.ServiceName);
        Check.EcsName(scope, nameof(props.ServiceName), props.ServiceName, "service name");
        if (props is ReplicaServiceProps replica)
        {
            Check.InRange(RuleIds.OutOfRange, scope, nameof(replica.DesiredCount), replica.DesiredCount, 0, 5000);
            Check.InRange(RuleIds.OutOfRange, scope, nameof(props.MinHealthyPercent), props.MinHealthyPercent, 0, 100, "%");
            Check.InRange(RuleIds.OutOfRange, scope, nameof(replica.MaxHealthyPercent), replica.MaxHealthyPercent, 100, 200, "%");
            ValidateDeploymentRoom(scope, replica);
            if (!fargate)
            {
                ValidateFixedHostPorts(scope, replica, task, cluster);
            }
        }
        else
        {
            ValidateDaemon(scope, props, cluster);
        }

        ValidateAlarms(scope, props);
        ValidateLaunchTypeSettings(scope, props, task);
        ValidatePlacement(scope, props);
    }

    /// <summary>
    /// A daemon replaces its task on each instance in place (at most 100 %), so the minimum must stay
    /// below 100 % (aws-cdk-lib and ECS refuse a minimum that is not below the maximum); it runs on the
    /// cluster's EC2 instances, so an <see cref="EcsCluster"/> needs EC2 capacity.
    /// </summary>
    private static void ValidateDaemon(Construct scope, ServiceProps props, EcsCluster? cluster)
    {
        Check.InRange(RuleIds.OutOfRange, scope, nameof(props.MinHealthyPercent), props.MinHealthyPercent, 0, 99, "%");
        if (cluster is { Ec2Capacity.Count: 0 })
        {
            throw new EcsValidationException(RuleIds.StrategyShape, scope.Node.Path, nameof(props.Cluster),
                $"{cluster.Node.Path} has no EC2 capacity, and a daemon runs one task on every EC2 instance of its cluster; add Ec2Capacity to the cluster (Fargate has no daemons).");
        }
    }

    /// <summary>
    /// The strategy written on the service, or null to write none (the cluster's default applies).
    /// EC2: the given strategy, else none. Fargate: the given strategy; else none when the cluster is an
    /// <see cref="EcsCluster"/> whose default strategy is Fargate; else an explicit FARGATE strategy, so that
    /// adding or changing a strategy later never turns a <c>LaunchType</c> service into a replacement.
    /// </summary>
    private static CapacityProviderStrategy[]? Strategy(Construct scope, ServiceProps props, bool fargate, EcsCluster? cluster)
    {
        if (props is not ReplicaServiceProps replica)
        {
            // A daemon has no strategy: it writes LaunchType EC2, which also keeps the cluster's default strategy away.
            return null;
        }

        const string p = nameof(ReplicaServiceProps.CapacityProviderStrategy);
        var clusterDefaultIsFargate = cluster?.DefaultCapacityProviderStrategy is { Count: > 0 } d && d.All(s => CapacityProviderStrategies.IsFargate(s.Provider));
        if (replica.CapacityProviderStrategy is { } shares)
        {
            if (!fargate && shares.FirstOrDefault(s => CapacityProviderStrategies.IsFargate(s.Provider)) is { } fargateShare)
            {
                var allowed = cluster is { Ec2Capacity.Count: > 0 }
                    ? $"the cluster's EC2 capacities ({string.Join(", ", cluster.Ec2Capacity.Select(c => c.Options.Id))})"
                    : "an EC2 capacity of the cluster";
                throw new EcsValidationException(RuleIds.StrategyShape, scope.Node.Path, p,
                    $"names '{fargateShare.Provider}', a Fargate provider, but an EC2 service runs on EC2 capacity only; allowed: {allowed}, or use a Fargate service.");
            }

            if (fargate && shares.FirstOrDefault(s => !CapacityProviderStrategies.IsFargate(s.Provider)) is { } ec2)
            {
                throw new EcsValidationException(RuleIds.StrategyShape, scope.Node.Path, p,
                    $"names '{ec2.Provider}', but a Fargate service runs on Fargate capacity only; allowed: FARGATE, FARGATE_SPOT.");
            }

            return CapacityProviderStrategies.Resolve(scope, p, shares, cluster);
        }

        if (!fargate)
        {
            if (clusterDefaultIsFargate)
            {
                throw new EcsValidationException(RuleIds.StrategyShape, scope.Node.Path, p,
                    $"is not set, and the default strategy of the cluster {cluster!.Node.Path} is Fargate; an EC2 service needs EC2 capacity: name an EC2 capacity id.");
            }

            return null;
        }

        return clusterDefaultIsFargate
            ? null
            : CapacityProviderStrategies.Resolve(scope, p, [new CapacityProviderShare { Provider = CapacityProviderShare.Fargate }], cluster);
    }

    /// <summary>Creates the EC2 service with the shared deployment settings.</summary>
    private static Ec2Service Ec2(Construct scope, ServiceProps props, EcsTaskDefinition task, CapacityProviderStrategy[]? strategy, Duration? gracePeriod)
    {
        var awsVpc = task.NetworkMode == NetworkMode.AWS_VPC;
        var replica = props as ReplicaServiceProps;
        return new Ec2Service(scope, "Service", new Ec2ServiceProps
        {
            Cluster = props.Cluster.Cluster,
            TaskDefinition = task.TaskDefinition,
            ServiceName = props.ServiceName,
            Daemon = replica is null ? true : null,
            DesiredCount = replica?.DesiredCount,
            MinHealthyPercent = props.MinHealthyPercent,
            MaxHealthyPercent = replica?.MaxHealthyPercent ?? 100,
            CircuitBreaker = CircuitBreaker(props),
            DeploymentAlarms = Alarms(props),
            DeploymentController = Controller(props),
            HealthCheckGracePeriod = gracePeriod,
            CapacityProviderStrategies = strategy,
            EnableExecuteCommand = props.EnableExecuteCommand ? true : null,
            CloudMapOptions = props.CloudMap,
            PlacementStrategies = replica is null ? null : ((props as IEc2ReplicaSettings)?.PlacementStrategies ?? DefaultEc2Placement).Select(s => s.ToCdk()).ToArray(),
            PlacementConstraints = (props as IEc2Settings)?.PlacementConstraints is { Count: > 0 } c ? c.Select(x => x.ToCdk()).ToArray() : null,
            VpcSubnets = awsVpc ? TaskSubnets(props) : null,
            SecurityGroups = awsVpc ? props.SecurityGroups?.ToArray() : null,
        });
    }

    /// <summary>Creates the Fargate service with the shared deployment settings.</summary>
    private static FargateService Fargate(Construct scope, ReplicaServiceProps props, EcsTaskDefinition task, CapacityProviderStrategy[]? strategy, Duration? gracePeriod) =>
        new(scope, "Service", new FargateServiceProps
        {
            Cluster = props.Cluster.Cluster,
            TaskDefinition = task.TaskDefinition,
            ServiceName = props.ServiceName,
            DesiredCount = props.DesiredCount,
            MinHealthyPercent = props.MinHealthyPercent,
            MaxHealthyPercent = props.MaxHealthyPercent,
            CircuitBreaker = CircuitBreaker(props),
            DeploymentAlarms = Alarms(props),
            DeploymentController = Controller(props),
            HealthCheckGracePeriod = gracePeriod,
            CapacityProviderStrategies = strategy,
            EnableExecuteCommand = props.EnableExecuteCommand ? true : null,
            CloudMapOptions = props.CloudMap,
            VpcSubnets = TaskSubnets(props),
            SecurityGroups = props.SecurityGroups?.ToArray(),
            AssignPublicIp = (props as IFargateServiceSettings)?.AssignPublicIp ?? (props.TaskSubnets is null && !ClusterNetwork.HasPrivateEgress(props.Cluster.Vpc)),
            PlatformVersion = (props as IFargateServiceSettings)?.PlatformVersion,
        });

    /// <summary>What every service needs once created: no LaunchType, the association dependency, ECS Exec's suppression.</summary>
    private static void Complete(BaseService service, ServiceProps props, EcsTaskDefinition task)
    {
        // Ec2Service writes LaunchType EC2 and FargateService LaunchType FARGATE whenever no strategy is
        // given; a LaunchType overrides the cluster's default strategy (aws-cdk#24961) and, next to a
        // strategy, is refused by ECS. Strategy() writes an explicit one wherever the default would not
        // do, so LaunchType is never needed.
        if (props is ReplicaServiceProps)
        {
            ((CfnService)service.Node.DefaultChild!).AddPropertyDeletionOverride("LaunchType");
        }

        // aws-cdk-lib writes MaximumPercent 200 and MinimumHealthyPercent 50 when none is given; ECS refuses custom
        // values for the EC2 tasks of a CODE_DEPLOY service, and uses neither for its Fargate tasks, so with CodeDeploy
        // the service keeps ECS's defaults (the deployment group holds the rest of the deployment settings).
        if (ServiceLoadBalancing.UsesCodeDeploy(props))
        {
            ((CfnService)service.Node.DefaultChild!).AddPropertyDeletionOverride("DeploymentConfiguration");
        }

        // Create after and delete before the cluster's capacity provider associations (created late, by a
        // CDK aspect, as a child of the cluster): ECS refuses to remove a capacity provider that a service
        // still uses, and a service must not start before its strategy's providers are associated. A
        // construct dependency resolves to every resource under the cluster at synthesis, the association
        // included; imported clusters add nothing.
        service.Node.AddDependency(props.Cluster.Cluster);

        if (props.EnableExecuteCommand && task.TaskRole.Node.TryFindChild("DefaultPolicy") is IConstruct policy)
        {
            NagSuppressions.Suppress(policy, "AwsSolutions-IAM5",
                "ECS Exec: the SSM Session Manager channel actions (ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel, " +
                "OpenDataChannel) and logs:DescribeLogGroups have no resource-level permissions; session log writes are limited to the cluster's exec log group.",
                "Resource::*");
        }

        if (props.EnableExecuteCommand && (props.Cluster as EcsCluster)?.ExecuteCommandLogGroup is not null
            && task.TaskRole.Node.TryFindChild("DefaultPolicy") is IConstruct logsPolicy)
        {
            NagSuppressions.SuppressMatching(logsPolicy, "AwsSolutions-IAM5",
                "ECS Exec session logging: log streams are created per session inside the cluster's exec log group, so the grant covers that one group's streams (log-group:<group>:*).",
                @"/^Resource::arn:.+:logs:.+:log-group:.+:\*$/");
        }
    }

    // With CodeDeploy blue/green deployments the circuit breaker and the deployment alarms belong to the deployment
    // group (its auto-rollback and alarms): ECS ignores them with the CODE_DEPLOY controller (rule ECS075).
    private static DeploymentCircuitBreaker? CircuitBreaker(ServiceProps props) =>
        props.CircuitBreakerRollback && !ServiceLoadBalancing.UsesCodeDeploy(props) ? new DeploymentCircuitBreaker { Enable = true, Rollback = true } : null;

    private static DeploymentAlarmConfig? Alarms(ServiceProps props) =>
        props.DeploymentAlarmNames is { Count: > 0 } names && !ServiceLoadBalancing.UsesCodeDeploy(props)
            ? new DeploymentAlarmConfig { AlarmNames = names.ToArray(), Behavior = props.DeploymentAlarmBehavior }
            : null;

    private static DeploymentController? Controller(ServiceProps props) =>
        ServiceLoadBalancing.UsesCodeDeploy(props) ? new DeploymentController { Type = DeploymentControllerType.CODE_DEPLOY } : null;

    /// <summary>The tasks' subnets: those given, else the private subnets with egress, else (a VPC without them) the public subnets.</summary>
    private static SubnetSelection TaskSubnets(ServiceProps props) =>
        props.TaskSubnets ?? new SubnetSelection { SubnetType = ClusterNetwork.HasPrivateEgress(props.Cluster.Vpc) ? SubnetType.PRIVATE_WITH_EGRESS : SubnetType.PUBLIC };

    private static void ValidateQuickStart(Construct scope, ServiceProps props, NetworkMode networkMode)
    {
        Check.NotEmpty(RuleIds.InvalidName, scope, nameof(props.ContainerName), props.ContainerName);
        Check.InRange(RuleIds.OutOfRange, scope, nameof(props.MemoryReservationMiB), props.MemoryReservationMiB, 6, 1_000_000, "MiB");
        if (props is IFargateServiceSettings task)
        {
            if (networkMode != NetworkMode.AWS_VPC)
            {
                throw new EcsValidationException(RuleIds.AwsvpcRules, scope.Node.Path, nameof(props.NetworkMode), $"{networkMode} is not supported on Fargate; allowed: AWS_VPC.");
            }

            if (!FargateSizes.IsValidCpu(task.Cpu))
            {
                throw new EcsValidationException(RuleIds.FargateSize, scope.Node.Path, nameof(task.Cpu),
                    $"{task.Cpu} CPU units is not a Fargate size; allowed: {string.Join(", ", FargateSizes.CpuValues)}.");
            }

            if (!FargateSizes.IsValid(task.Cpu, task.MemoryMiB))
            {
                throw new EcsValidationException(RuleIds.FargateSize, scope.Node.Path, nameof(task.MemoryMiB),
                    $"{task.MemoryMiB} MiB is not allowed with {task.Cpu} CPU units on Fargate; allowed: {FargateSizes.DescribeMemoryFor(task.Cpu)}.");
            }

            Check.NotGreater(RuleIds.ContainerMemory, scope, nameof(props.MemoryReservationMiB), props.MemoryReservationMiB, nameof(task.MemoryMiB), task.MemoryMiB);
            return;
        }

        var container = (IEc2Settings)props;
        Check.InRange(RuleIds.OutOfRange, scope, nameof(container.MemoryLimitMiB), container.MemoryLimitMiB, 6, 1_000_000, "MiB");
        Check.NotGreater(RuleIds.ContainerMemory, scope, nameof(props.MemoryReservationMiB), props.MemoryReservationMiB, nameof(container.MemoryLimitMiB), container.MemoryLimitMiB);
        Check.InRange(RuleIds.OutOfRange, scope, nameof(container.Cpu), container.Cpu, 0, 10240, "CPU units");
        if (container.MemoryLimitMiB is null && props.MemoryReservationMiB is null)
        {
            throw new EcsValidationException(RuleIds.ContainerMemory, scope.Node.Path, nameof(container.MemoryLimitMiB),
                "and MemoryReservationMiB are both unset; an EC2 task's container needs at least one of them.");
        }
    }

    // failure class 39 (docs/failure-classes.md): ECS rounds the minimum up and the maximum down; when they meet, a
    // deployment can neither start a new task nor stop an old one.
    private static void ValidateDeploymentRoom(Construct scope, ReplicaServiceProps props)
    {
        var desired = props.DesiredCount;
        if (desired <= 0)
        {
            return;
        }

        var most = Deployments.MayRun(desired, props.MaxHealthyPercent);
        var least = Deployments.MustKeep(desired, props.MinHealthyPercent);
        if (Deployments.LeavesNoRoom(desired, props.MinHealthyPercent, props.MaxHealthyPercent))
        {
            throw new EcsValidationException(RuleIds.DeploymentDeadlock, scope.Node.Path, nameof(props.MaxHealthyPercent),
                $"{props.MaxHealthyPercent} % with MinHealthyPercent {props.MinHealthyPercent} % and DesiredCount {desired} lets a deployment run at most {most} " +
                $"tasks while it must keep {least} running (ECS rounds the minimum up and the maximum down), so it can neither start nor stop a task; raise MaxHealthyPercent or lower MinHealthyPercent.");
        }
    }

    private static void ValidateAlarms(Construct scope, ServiceProps props)
    {
        if (props.DeploymentAlarmNames is not { } names)
        {
            return;
        }

        if (names.Count is 0 or > 10)
        {
            throw new EcsValidationException(RuleIds.OutOfRange, scope.Node.Path, nameof(props.DeploymentAlarmNames),
                $"has {names.Count} alarm names; allowed: 1 to 10 (leave it unset for no deployment alarms).");
        }

        if (names.Any(string.IsNullOrWhiteSpace))
        {
            throw new EcsValidationException(RuleIds.InvalidName, scope.Node.Path, nameof(props.DeploymentAlarmNames), "contains an empty name; give CloudWatch alarm names.");
        }
    }

    private static void ValidateLaunchTypeSettings(Construct scope, ServiceProps props, EcsTaskDefinition task)
    {
        if (task.NetworkMode != NetworkMode.AWS_VPC && (props.TaskSubnets is not null || props.SecurityGroups is not null))
        {
            throw new EcsValidationException(RuleIds.AwsvpcRules, scope.Node.Path, props.TaskSubnets is not null ? nameof(props.TaskSubnets) : nameof(props.SecurityGroups),
                $"applies to AWS_VPC tasks only, but the task uses {task.NetworkMode}; its tasks use the instances' network and security group.");
        }
    }

    // failure class 7 (docs/failure-classes.md): placement is EC2-only (the Fargate props have none);
    // at most 5 strategies and 10 constraints.
    private static void ValidatePlacement(Construct scope, ServiceProps props)
    {
        var strategies = (props as IEc2ReplicaSettings)?.PlacementStrategies ?? [];
        var constraints = (props as IEc2Settings)?.PlacementConstraints ?? [];

        if (strategies.Count > TaskLimits.MaxPlacementStrategies)
        {
            throw new EcsValidationException(RuleIds.Placement, scope.Node.Path, nameof(IEc2ReplicaSettings.PlacementStrategies), $"has {strategies.Count} strategies; ECS allows at most {TaskLimits.MaxPlacementStrategies} per service.");
        }

        if (constraints.Count > TaskLimits.MaxPlacementConstraints)
        {
            throw new EcsValidationException(RuleIds.Placement, scope.Node.Path, nameof(IEc2Settings.PlacementConstraints), $"has {constraints.Count} constraints; ECS allows at most {TaskLimits.MaxPlacementConstraints} per service.");
        }

        if (strategies.FirstOrDefault(s => !s.IsValid) is { } bad)
        {
            throw new EcsValidationException(RuleIds.PlacementExpressions, scope.Node.Path, nameof(IEc2ReplicaSettings.PlacementStrategies),
                $"{bad} spreads over an unknown field; allowed: instanceId, host or attribute:<name> (e.g. attribute:ecs.availability-zone).");
        }

        foreach (var c in constraints.Where(c => !c.IsDistinctInstance))
        {
            if (string.IsNullOrWhiteSpace(c.Expression) || c.Expression.Length > 2000)
            {
                throw new EcsValidationException(RuleIds.PlacementExpressions, scope.Node.Path, nameof(IEc2Settings.PlacementConstraints),
                    $"memberOf expression '{c.Expression}' is invalid; allowed: a cluster query language expression of 1 to 2000 characters, e.g. attribute:ecs.instance-type =~ t3.*.");
            }
        }
    }

    // Failure class 3: a fixed host port (host mode, or bridge with a host port) fits once per instance;
    // a deployment needs a free instance for a new task, or may stop an old task first (rule ECS006).
    private static void ValidateFixedHostPorts(Construct scope, ReplicaServiceProps props, EcsTaskDefinition task, EcsCluster? cluster)
    {
        var ports = task.ContainerOptions
            .SelectMany(c => c.PortMappings ?? [])
            .Where(p => task.NetworkMode == NetworkMode.HOST || (task.NetworkMode == NetworkMode.BRIDGE && p.HostPort is > 0))
            .Select(p => p.HostPort ?? p.ContainerPort)
            .Distinct()
            .ToList();
        var instances = cluster?.Ec2Capacity.Sum(c => c.Options.MaxCapacity);
        if (ports.Count == 0 || instances is not { } n || Deployments.FixedHostPortsCanDeploy(props.DesiredCount, props.MinHealthyPercent, n))
        {
            return;
        }

        var bound = $"the task uses fixed host ports ({string.Join(", ", ports)}) in {task.NetworkMode} mode, so an instance runs one task per port";
        if (props.DesiredCount > n)
        {
            throw new EcsValidationException(RuleIds.FixedHostPorts, scope.Node.Path, nameof(props.DesiredCount),
                $"{props.DesiredCount} is more than the {n} instances the cluster can have, and {bound}; allowed: at most {n}, or dynamic host ports (BRIDGE mode without a host port).");
        }

        throw new EcsValidationException(RuleIds.FixedHostPorts, scope.Node.Path, nameof(props.MinHealthyPercent),
            $"{props.MinHealthyPercent} % keeps all {props.DesiredCount} tasks running while they fill the {n} instances the cluster can have, and {bound}, so a deployment can neither place a new task nor stop an old one first; " +
            $"allowed: at most {Deployments.MinimumHealthyPercentToStopOne(props.DesiredCount)} %, or more instances than DesiredCount, or dynamic host ports.");
    }
}
