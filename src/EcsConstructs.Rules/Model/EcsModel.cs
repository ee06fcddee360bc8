using System.Text.Json.Nodes;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Model;

/// <summary>A capacity provider as a strategy or association names it.</summary>
/// <param name="Name">The name as written (a literal, or the provider's logical id for a reference).</param>
/// <param name="Provider">The <c>AWS::ECS::CapacityProvider</c>, when it is one of the templates checked.</param>
/// <param name="IsFargate">Whether it is <c>FARGATE</c> or <c>FARGATE_SPOT</c>.</param>
/// <param name="AsgReference">Whether the entry points at an Auto Scaling group instead of a provider.</param>
internal sealed record ProviderRef(string Name, CfnEntry? Provider, bool IsFargate, bool AsgReference)
{
    public string Key => Provider?.Key ?? Name;
}

/// <summary>Cross-resource facts of ECS stacks (a service's task definition, capacity, strategy…), computed from the indexed resources.</summary>
internal static class EcsModel
{
    public const string Service = "AWS::ECS::Service";
    public const string TaskDefinition = "AWS::ECS::TaskDefinition";
    public const string CapacityProvider = "AWS::ECS::CapacityProvider";
    public const string Association = "AWS::ECS::ClusterCapacityProviderAssociations";
    public const string Cluster = "AWS::ECS::Cluster";
    public const string Asg = "AWS::AutoScaling::AutoScalingGroup";
    public const string TargetGroup = "AWS::ElasticLoadBalancingV2::TargetGroup";
    public const string Listener = "AWS::ElasticLoadBalancingV2::Listener";
    public const string ListenerRule = "AWS::ElasticLoadBalancingV2::ListenerRule";
    public const string LoadBalancer = "AWS::ElasticLoadBalancingV2::LoadBalancer";
    public const string DeploymentGroup = "AWS::CodeDeploy::DeploymentGroup";

    public static CfnEntry? TaskDef(this TemplateIndex index, CfnEntry service) => index.Target(service.P("TaskDefinition"));

    public static IEnumerable<JsonObject> Containers(CfnEntry taskDef) => Objects(taskDef.P("ContainerDefinitions"));

    /// <summary>The task's network mode; ECS's default on Linux EC2 is bridge.</summary>
    public static string NetworkMode(CfnEntry taskDef) => Str(taskDef.P("NetworkMode")) ?? "bridge";

    public static bool RequiresFargate(CfnEntry taskDef) =>
        Items(taskDef.P("RequiresCompatibilities")).Select(Str).Contains("FARGATE");

    public static string? LaunchType(CfnEntry service) => Str(service.P("LaunchType"));

    public static bool IsDaemon(CfnEntry service) => Str(service.P("SchedulingStrategy")) == "DAEMON";

    /// <summary>The service's deployment controller type: <c>ECS</c> (the default), <c>CODE_DEPLOY</c> or <c>EXTERNAL</c>; null when not a literal.</summary>
    public static string? DeploymentControllerType(CfnEntry service) =>
        service.P("DeploymentController.Type") is { } type ? Str(type) : "ECS";

    /// <summary>
    /// The deployment strategy of the ECS deployment controller: <c>ROLLING</c> (the default),
    /// <c>BLUE_GREEN</c>, <c>LINEAR</c> or <c>CANARY</c>; null when not a literal.
    /// </summary>
    public static string? DeploymentStrategy(CfnEntry service) =>
        service.P("DeploymentConfiguration.Strategy") is { } strategy ? Str(strategy) : "ROLLING";

    /// <summary>
    /// Whether the service deploys with one of ECS's own traffic-shifting strategies (<c>BLUE_GREEN</c>,
    /// <c>LINEAR</c>, <c>CANARY</c>): they run the new revision beside the old one and shift a load
    /// balancer's traffic between a primary and an alternate target group.
    /// </summary>
    public static bool ShiftsTraffic(CfnEntry service) => DeploymentStrategy(service) is "BLUE_GREEN" or "LINEAR" or "CANARY";

    public static ProviderRef Provider(this TemplateIndex index, JsonNode? value)
    {
        var target = index.Target(value);
        if (target is not null)
        {
            return target.Type switch
            {
                CapacityProvider => new ProviderRef(target.LogicalId, target, false, false),
                Asg => new ProviderRef(target.LogicalId, null, false, true),
                _ => new ProviderRef(target.LogicalId, null, false, false),
            };
        }

        var name = Str(value);
        if (name is null)
        {
            return new ProviderRef("(unresolved)", null, false, false);
        }

        var local = index.OfType(CapacityProvider).FirstOrDefault(p => Str(p.P("Name")) == name);
        return new ProviderRef(name, local, name is "FARGATE" or "FARGATE_SPOT", name.StartsWith("arn:aws", StringComparison.Ordinal) && name.Contains(":autoScalingGroup:", StringComparison.Ordinal));
    }

    /// <summary>The association resources of a cluster.</summary>
    public static IEnumerable<CfnEntry> AssociationsOf(this TemplateIndex index, CfnEntry cluster) =>
        index.OfType(Association).Where(a => TemplateIndex.RefId(a.P("Cluster")) == cluster.Key);

    public static CfnEntry? ClusterOf(this TemplateIndex index, CfnEntry service) => index.Target(service.P("Cluster"));

    /// <summary>
    /// The capacity providers the service may run on: its own strategy, or with neither strategy
    /// nor launch type the cluster's default strategy. Null when not known (imported cluster,
    /// launch type given, no default).
    /// </summary>
    public static (string Source, List<ProviderRef> Providers)? Strategy(this TemplateIndex index, CfnEntry service)
    {
        var own = Objects(service.P("CapacityProviderStrategy")).ToList();
        if (own.Count > 0)
        {
            return ("its capacity provider strategy", own.Select(s => index.Provider(Get(s, "CapacityProvider"))).ToList());
        }

        if (LaunchType(service) is not null)
        {
            return null;
        }

        var cluster = index.ClusterOf(service);
        var association = cluster is null ? null : index.AssociationsOf(cluster).FirstOrDefault();
        var defaults = Objects(association?.P("DefaultCapacityProviderStrategy")).ToList();
        if (defaults.Count == 0 && cluster is not null)
        {
            defaults = Objects(cluster.P("DefaultCapacityProviderStrategy")).ToList();
        }

        return defaults.Count == 0 ? null : ("the cluster's default capacity provider strategy", defaults.Select(s => index.Provider(Get(s, "CapacityProvider"))).ToList());
    }

    /// <summary>
    /// Whether the service runs on Fargate: launch type FARGATE, a strategy (its own or the cluster's
    /// default) of Fargate providers only, or neither with a task definition that requires FARGATE only.
    /// </summary>
    public static bool IsFargate(this TemplateIndex index, CfnEntry service)
    {
        if (LaunchType(service) is { } launchType)
        {
            return launchType == "FARGATE";
        }

        if (index.Strategy(service) is { } strategy)
        {
            return strategy.Providers.Count > 0 && strategy.Providers.All(p => p.IsFargate);
        }

        return index.TaskDef(service) is { } td && RequiresFargate(td) && !Items(td.P("RequiresCompatibilities")).Select(Str).Contains("EC2");
    }

    /// <summary>The Auto Scaling groups the service's tasks may land on, when known.</summary>
    /// <remarks>
    /// With a capacity provider strategy (the service's or the cluster's default), the strategy's
    /// groups. With the EC2 launch type (written, or ECS's default without a strategy), every
    /// instance registered with the cluster: the groups of its capacity providers and the groups
    /// whose user data writes <c>ECS_CLUSTER</c> for it (the classic setup, CDK's <c>AddCapacity</c>).
    /// </remarks>
    public static List<CfnEntry>? Ec2Groups(this TemplateIndex index, CfnEntry service)
    {
        var strategy = index.Strategy(service);
        IEnumerable<ProviderRef> providers;
        var registered = new List<CfnEntry>();
        if (strategy is { } s)
        {
            providers = s.Providers;
        }
        else if (LaunchType(service) is "EC2" or null && index.ClusterOf(service) is { } cluster)
        {
            providers = index.AssociationsOf(cluster).SelectMany(a => Items(a.P("CapacityProviders"))).Select(index.Provider);
            registered.AddRange(index.OfType(Asg).Where(g => index.JoinsCluster(g, cluster)));
        }
        else
        {
            return null;
        }

        var groups = new List<CfnEntry>(registered);
        foreach (var provider in providers.Where(p => !p.IsFargate))
        {
            var group = provider.Provider is null ? null : index.Target(provider.Provider.P("AutoScalingGroupProvider.AutoScalingGroupArn"));
            if (group is null)
            {
                return null;
            }

            groups.Add(group);
        }

        return groups.Count == 0 ? null : groups.Distinct().ToList();
    }

    /// <summary>Whether user data writes <c>ECS_CLUSTER</c> (the ECS agent's setting of the cluster to join).</summary>
    public static bool WritesEcsCluster(JsonNode? userData) =>
        AnyString(userData, s => s.Contains("ECS_CLUSTER", StringComparison.Ordinal));

    /// <summary>Whether the instances of a group register with the cluster: their user data writes <c>ECS_CLUSTER</c> with the cluster's reference or literal name.</summary>
    public static bool JoinsCluster(this TemplateIndex index, CfnEntry group, CfnEntry cluster)
    {
        var userData = Get(index.LaunchData(group), "UserData");
        return WritesEcsCluster(userData)
            && (Mentions(userData, cluster.Key)
                || (Str(cluster.P("ClusterName")) is { } name && AnyString(userData, s => s.Contains($"ECS_CLUSTER={name}", StringComparison.Ordinal))));
    }

    /// <summary>What messages add to a count <see cref="DesiredCount"/> found without a <c>DesiredCount</c>: where it comes from.</summary>
    public static string DesiredCountSource(CfnEntry service) =>
        service.P("DesiredCount") is null ? " (DesiredCount not set: the scalable target's minimum, or 1)" : string.Empty;

    /// <summary>How a message names the count <see cref="DesiredCount"/> found: <c>DesiredCount 3</c>, or where it comes from.</summary>
    public static string DesiredCountLabel(CfnEntry service, int desired) =>
        service.P("DesiredCount") is not null ? $"DesiredCount {desired}" : $"{desired} task(s){DesiredCountSource(service)}";

    /// <summary>The scalable target that scales the service's desired count, if the templates have one.</summary>
    public static CfnEntry? ScalableTargetOf(this TemplateIndex index, CfnEntry service) =>
        index.OfType("AWS::ApplicationAutoScaling::ScalableTarget")
            .FirstOrDefault(t => Str(t.P("ScalableDimension")) == "ecs:service:DesiredCount" && Mentions(t.P("ResourceId"), service.Key));

    /// <summary>
    /// The task count a REPLICA service runs at: its <c>DesiredCount</c>; without one, the minimum of the
    /// scalable target that scales it, else 1 (what ECS starts a new service with). Null for a DAEMON
    /// service, or when the count is not a literal.
    /// </summary>
    public static int? DesiredCount(this TemplateIndex index, CfnEntry service)
    {
        if (IsDaemon(service))
        {
            return null;
        }

        if (service.P("DesiredCount") is { } given)
        {
            return Int(given);
        }

        return index.ScalableTargetOf(service) is { } target ? Int(target.P("MinCapacity")) : 1;
    }

    /// <summary>The launch template data or launch configuration of a group.</summary>
    public static JsonNode? LaunchData(this TemplateIndex index, CfnEntry asg)
    {
        var spec = asg.P("LaunchTemplate") ?? asg.P("MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification");
        if (spec is not null)
        {
            return index.Target(Get(spec, "LaunchTemplateId") ?? Get(spec, "LaunchTemplateName"))?.P("LaunchTemplateData");
        }

        return index.Target(asg.P("LaunchConfigurationName"))?.Props;
    }

    /// <summary>Every instance type the group may launch; null when one is not a literal.</summary>
    public static List<string>? InstanceTypes(this TemplateIndex index, CfnEntry asg)
    {
        var overrides = Objects(asg.P("MixedInstancesPolicy.LaunchTemplate.Overrides")).Select(o => Get(o, "InstanceType")).ToList();
        if (overrides.Count > 0)
        {
            var names = overrides.Select(Str).ToList();
            return names.Any(n => n is null) ? null : names.OfType<string>().ToList();
        }

        var type = Str(Get(index.LaunchData(asg), "InstanceType"));
        return type is null ? null : [type];
    }

    /// <summary>A number that is a literal in the template.</summary>
    public static int? Int(JsonNode? node) => Num(node) is { } d ? (int)d : null;

    /// <summary>Task-level CPU or memory, or the sum over containers.</summary>
    public static (int? Cpu, int? Memory) TaskSize(CfnEntry taskDef)
    {
        var cpu = Int(taskDef.P("Cpu"));
        var memory = Int(taskDef.P("Memory"));
        var containers = Containers(taskDef).ToList();
        cpu ??= containers.Count == 0 ? null : containers.Sum(c => Int(Get(c, "Cpu")) ?? 0);
        memory ??= containers.Count == 0 ? null : containers.Sum(c => Int(Get(c, "MemoryReservation")) ?? Int(Get(c, "Memory")) ?? 0);
        return (cpu, memory);
    }

    /// <summary>Every capacity provider with its Auto Scaling group (when the group is in the templates).</summary>
    public static IEnumerable<(CfnEntry Group, CfnEntry Provider)> ProviderGroups(this TemplateIndex index) =>
        index.OfType(CapacityProvider)
            .Select(p => (Group: index.Target(p.P("AutoScalingGroupProvider.AutoScalingGroupArn")), Provider: p))
            .Where(g => g.Group is { Type: Asg })
            .Select(g => (g.Group!, g.Provider));

    /// <summary>Every capacity provider strategy: services' own and clusters' defaults.</summary>
    public static IEnumerable<(CfnEntry Owner, string Label, List<ProviderRef> Providers)> Strategies(this TemplateIndex index)
    {
        foreach (var service in index.OfType(Service))
        {
            var own = Objects(service.P("CapacityProviderStrategy")).ToList();
            if (own.Count > 0)
            {
                yield return (service, "the capacity provider strategy", own.Select(s => index.Provider(Get(s, "CapacityProvider"))).ToList());
            }
        }

        foreach (var owner in index.OfType(Association).Concat(index.OfType(Cluster)))
        {
            var defaults = Objects(owner.P("DefaultCapacityProviderStrategy")).ToList();
            if (defaults.Count > 0)
            {
                yield return (owner, "the default capacity provider strategy", defaults.Select(s => index.Provider(Get(s, "CapacityProvider"))).ToList());
            }
        }
    }

    /// <summary>The listeners and listener rules (of any template) forwarding to a target group.</summary>
    public static List<CfnEntry> Forwarders(this TemplateIndex index, CfnEntry targetGroup) =>
        index.OfType(Listener).Concat(index.OfType(ListenerRule))
            .Where(l => Objects(l.P("DefaultActions") ?? l.P("Actions")).Any(a => Forwards(a, targetGroup.Key)))
            .ToList();

    /// <summary>The load balancer of a listener or listener rule, when it is in the templates.</summary>
    public static CfnEntry? LoadBalancerOf(this TemplateIndex index, CfnEntry forwarder) =>
        forwarder.Type == Listener ? index.Target(forwarder.P("LoadBalancerArn"))
            : forwarder.Type == ListenerRule ? index.Target(index.Target(forwarder.P("ListenerArn"))?.P("LoadBalancerArn"))
            : null;

    /// <summary>Whether a listener or listener rule forwards to a target group (a plain forward or a weighted one).</summary>
    public static bool ForwardsTo(CfnEntry forwarder, CfnEntry targetGroup) =>
        Objects(forwarder.P("DefaultActions") ?? forwarder.P("Actions")).Any(a => Forwards(a, targetGroup.Key));

    /// <summary>
    /// The DAEMON services other than <paramref name="service"/> that run a task on every instance of
    /// <paramref name="group"/>: services of the same cluster whose EC2 capacity includes the group and
    /// that have no placement constraints (a constraint may keep a daemon off some instances).
    /// </summary>
    public static List<(CfnEntry Daemon, int Cpu, int Memory)> DaemonsOn(this TemplateIndex index, CfnEntry service, CfnEntry group)
    {
        var cluster = index.ClusterOf(service);
        if (cluster is null)
        {
            return [];
        }

        var daemons = new List<(CfnEntry, int, int)>();
        foreach (var daemon in index.OfType(Service).Where(d => d != service && IsDaemon(d) && index.ClusterOf(d) == cluster))
        {
            var td = index.TaskDef(daemon);
            if (td is null || Items(daemon.P("PlacementConstraints")).Any() || Items(td.P("PlacementConstraints")).Any()
                || index.Ec2Groups(daemon) is not { } groups || !groups.Contains(group))
            {
                continue;
            }

            var (cpu, memory) = TaskSize(td);
            if (cpu is > 0 || memory is > 0)
            {
                daemons.Add((daemon, cpu ?? 0, memory ?? 0));
            }
        }

        return daemons;
    }

    private static bool Forwards(JsonObject action, string targetGroupKey) =>
        TemplateIndex.RefId(Get(action, "TargetGroupArn")) == targetGroupKey
        || Objects(Path(action, "ForwardConfig.TargetGroups")).Any(t => TemplateIndex.RefId(Get(t, "TargetGroupArn")) == targetGroupKey);

    /// <summary>
    /// Whether a container image is pulled from ECR: a registry host <c>….dkr.ecr.….amazonaws.com</c>, or
    /// a reference to an <c>AWS::ECR::Repository</c> of the templates (its <c>RepositoryUri</c> in a <c>Fn::Sub</c> or <c>Fn::Join</c>).
    /// </summary>
    public static bool IsEcrImage(this TemplateIndex index, JsonNode? image) =>
        AnyString(image, s => s.Contains(".dkr.ecr.", StringComparison.Ordinal) || index[s]?.Type == "AWS::ECR::Repository");

    /// <summary>Every load balancer binding of every service (its <c>LoadBalancers</c> entries).</summary>
    public static IEnumerable<(CfnEntry Service, JsonObject Binding)> Bindings(this TemplateIndex index) =>
        index.OfType(Service).SelectMany(s => Objects(s.P("LoadBalancers")).Select(b => (s, b)));

    /// <summary>Every container logging with the awslogs driver, with its options.</summary>
    public static IEnumerable<(CfnEntry Td, JsonObject Container, JsonNode? Options)> AwsLogs(this TemplateIndex index) =>
        index.OfType(TaskDefinition).SelectMany(td => Containers(td)
            .Where(c => Str(Path(c, "LogConfiguration.LogDriver")) == "awslogs")
            .Select(c => (td, c, Path(c, "LogConfiguration.Options"))));

    /// <summary>Every EFS volume configuration of every task definition.</summary>
    public static IEnumerable<(CfnEntry Td, JsonNode Efs)> EfsVolumes(this TemplateIndex index) =>
        index.OfType(TaskDefinition).SelectMany(td => Objects(td.P("Volumes"))
            .Select(v => Get(v, "EFSVolumeConfiguration")).OfType<JsonNode>().Select(e => (td, e)));
}
