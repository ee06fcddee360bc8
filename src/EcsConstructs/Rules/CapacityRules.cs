using System.Text.Json.Nodes;
using EcsConstructs.Clusters;
using EcsConstructs.Validation;
using static EcsConstructs.Rules.EcsModel;
using static EcsConstructs.Rules.JsonValues;

namespace EcsConstructs.Rules;

/// <summary>Placement and capacity rules (failure classes 1-9, 34, 36, 37).</summary>
internal static class CapacityRules
{
    private static readonly string[] ReservedPrefixes = ["aws", "ecs", "fargate"];

    public static IEnumerable<Finding> TaskFitsInstances(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service))
        {
            var td = index.TaskDef(service);
            var groups = index.Ec2Groups(service);
            if (td is null || groups is null)
            {
                continue;
            }

            var (cpu, memory) = TaskSize(td);
            foreach (var group in groups)
            {
                var types = index.InstanceTypes(group);
                foreach (var type in types ?? [])
                {
                    if (!InstanceTypeCatalog.TryGet(type, out var spec))
                    {
                        yield return new Finding(service, $"task size not compared with instance type '{type}' of {group.Path}: the instance type table (InstanceTypeCatalog) does not list it.", Info: true);
                        continue;
                    }

                    if (cpu > spec.CpuUnits)
                    {
                        yield return new Finding(service, $"the task needs {cpu} CPU units but {type} instances of {group.Path} register {spec.CpuUnits}; no such instance can place it (\"insufficient CPU units available\").");
                    }

                    if (memory > spec.AvailableMemoryMiB)
                    {
                        yield return new Finding(service, $"the task needs {memory} MiB of memory but {type} instances of {group.Path} offer about {spec.AvailableMemoryMiB} MiB ({spec.MemoryMiB} MiB less {InstanceTypeCatalog.MemoryOverheadFraction:P0} for the OS, Docker and the agent); no such instance can place it (\"insufficient memory available\").");
                    }
                }
            }
        }
    }

    public static IEnumerable<Finding> GroupMaxZero(TemplateIndex index) =>
        ProviderGroups(index).Where(g => Int(g.Group.P("MaxSize")) == 0)
            .Select(g => new Finding(g.Group, $"MaxSize is 0, so capacity provider {g.Provider.Path} can never start a container instance (\"No Container Instances were found in your cluster\")."));

    public static IEnumerable<Finding> InstanceRoleTrust(TemplateIndex index)
    {
        foreach (var (group, _) in ProviderGroups(index))
        {
            var profile = index.Target(Get(Get(index.LaunchData(group), "IamInstanceProfile"), "Arn") ?? Get(Get(index.LaunchData(group), "IamInstanceProfile"), "Name") ?? Get(index.LaunchData(group), "IamInstanceProfile"));
            foreach (var role in Items(profile?.P("Roles")).Select(index.Target).OfType<CfnEntry>())
            {
                var services = IamRules.TrustedServices(role);
                if (services is not null && !services.Contains("ec2.amazonaws.com"))
                {
                    yield return new Finding(role, $"the instance role of {group.Path} trusts [{string.Join(", ", services)}] but not ec2.amazonaws.com, so the ECS agent on the instances gets no credentials and cannot register.");
                }
            }
        }
    }

    public static IEnumerable<Finding> UserDataRegistersCluster(TemplateIndex index)
    {
        foreach (var (group, provider) in ProviderGroups(index))
        {
            var data = index.LaunchData(group);
            if (data is null)
            {
                continue;
            }

            var userData = Get(data, "UserData");
            var text = userData?.ToJsonString() ?? string.Empty;
            if (!text.Contains("ECS_CLUSTER", StringComparison.Ordinal))
            {
                yield return new Finding(group, $"the launch template or configuration of capacity provider {provider.Path} has {(userData is null ? "no user data" : "user data without ECS_CLUSTER")}, so the instances register with the cluster named 'default', not this cluster.");
            }
        }
    }

    public static IEnumerable<Finding> InstancesHaveEgress(TemplateIndex index)
    {
        foreach (var (group, provider) in ProviderGroups(index))
        {
            foreach (var subnet in Items(group.P("VPCZoneIdentifier")).Select(index.Target).OfType<CfnEntry>())
            {
                if (NetworkRules.Egress(index, subnet) == NetworkRules.SubnetEgress.None)
                {
                    yield return new Finding(group, $"subnet {subnet.Path} has no default route (NAT or internet gateway) and the VPC has no ECR interface endpoint, so the instances of {provider.Path} cannot reach the ECS, ECR and CloudWatch endpoints to register and pull images.");
                }
            }
        }
    }

    public static IEnumerable<Finding> FixedHostPorts(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service).Where(s => !IsDaemon(s)))
        {
            var td = index.TaskDef(service);
            var groups = index.Ec2Groups(service);
            var desired = Int(service.P("DesiredCount"));
            if (td is null || groups is null || desired is null || NetworkMode(td) == "awsvpc")
            {
                continue;
            }

            var host = NetworkMode(td) == "host";
            var ports = Containers(td).SelectMany(c => Objects(Get(c, "PortMappings")))
                .Select(m => host ? Int(Get(m, "ContainerPort")) : Int(Get(m, "HostPort"))).Where(p => p > 0).ToList();
            var maxInstances = groups.Select(g => Int(g.P("MaxSize"))).ToList();
            if (ports.Count == 0 || maxInstances.Any(m => m is null))
            {
                continue;
            }

            var maxPercent = Int(service.P("DeploymentConfiguration.MaximumPercent")) ?? 200;
            var peak = (int)Math.Floor(desired.Value * maxPercent / 100.0);
            var room = maxInstances.Sum(m => m!.Value);
            if (peak > room)
            {
                yield return new Finding(service, $"the task binds fixed host port(s) {string.Join(", ", ports.Distinct())}, so one task fits per instance, but a deployment runs up to {peak} tasks ({desired} × {maxPercent} %) on at most {room} instances (\"already using a port required by your task\").");
            }
        }
    }

    public static IEnumerable<Finding> EniSlots(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service))
        {
            var td = index.TaskDef(service);
            var groups = index.Ec2Groups(service);
            var desired = Int(service.P("DesiredCount"));
            if (td is null || groups is null || desired is null || NetworkMode(td) != "awsvpc")
            {
                continue;
            }

            var slots = 0;
            foreach (var group in groups)
            {
                var types = index.InstanceTypes(group);
                var max = Int(group.P("MaxSize"));
                if (types is null || max is null || !types.All(t => InstanceTypeCatalog.TryGet(t, out _)))
                {
                    slots = -1;
                    break;
                }

                slots += max.Value * types.Min(t => InstanceTypeCatalog.TryGet(t, out var spec) ? spec.AwsvpcTaskSlots : 0);
            }

            if (slots >= 0 && desired > slots)
            {
                yield return new Finding(service, $"{desired} awsvpc tasks need {desired} network interfaces, but the instances of its capacity offer at most {slots} (one ENI per task, the primary ENI excluded, without ENI trunking) (\"RESOURCE:ENI\").");
            }
        }
    }

    public static IEnumerable<Finding> Architecture(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service))
        {
            var td = index.TaskDef(service);
            var wanted = td is null ? null : Str(td.P("RuntimePlatform.CpuArchitecture"));
            var groups = wanted is null ? null : index.Ec2Groups(service);
            foreach (var group in groups ?? [])
            {
                foreach (var type in index.InstanceTypes(group) ?? [])
                {
                    if (InstanceTypeCatalog.TryGet(type, out var spec))
                    {
                        var actual = spec.Architecture == InstanceTypeCatalog.CpuArchitecture.Arm64 ? "ARM64" : "X86_64";
                        if (!string.Equals(actual, wanted, StringComparison.OrdinalIgnoreCase))
                        {
                            yield return new Finding(service, $"the task definition asks for CPU architecture {wanted} but {group.Path} launches {type} ({actual}) (\"missing an attribute required by your task\").");
                        }
                    }
                }
            }
        }
    }

    public static IEnumerable<Finding> MixedStrategy(TemplateIndex index)
    {
        foreach (var (owner, label, providers) in Strategies(index))
        {
            if (providers.Any(p => p.IsFargate) && providers.Any(p => p.Provider is not null))
            {
                yield return new Finding(owner, $"{label} mixes Fargate and Auto Scaling group providers ([{string.Join(", ", providers.Select(p => p.Name))}]) (\"cannot contain a mix of capacity providers using Auto Scaling groups and Fargate providers\").");
            }
        }
    }

    public static IEnumerable<Finding> LaunchTypeAndStrategy(TemplateIndex index) =>
        index.OfType(Service).Where(s => LaunchType(s) is not null && Objects(s.P("CapacityProviderStrategy")).Any())
            .Select(s => new Finding(s, $"sets LaunchType {LaunchType(s)} and a CapacityProviderStrategy (\"Specifying both a launch type and capacity provider strategy is not supported\")."));

    public static IEnumerable<Finding> DaemonStrategy(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service).Where(IsDaemon))
        {
            if (Objects(service.P("CapacityProviderStrategy")).Any())
            {
                yield return new Finding(service, "is a DAEMON service with a capacity provider strategy (\"not supported when you create a service using the DAEMON scheduling strategy\").");
            }
            else if (LaunchType(service) is null && index.Strategy(service) is not null)
            {
                yield return new Finding(service, "is a DAEMON service without a launch type, so the cluster's default capacity provider strategy applies to it (\"Specifying a capacity provider strategy is not supported ... DAEMON\").");
            }
        }
    }

    public static IEnumerable<Finding> ManagedProtectionNeedsScaleInProtection(TemplateIndex index) =>
        ProviderGroups(index)
            .Where(g => Str(g.Provider.P("AutoScalingGroupProvider.ManagedTerminationProtection")) == "ENABLED"
                && Bool(g.Group.P("NewInstancesProtectedFromScaleIn")) != true)
            .Select(g => new Finding(g.Provider, $"enables managed termination protection but {g.Group.Path} does not set NewInstancesProtectedFromScaleIn (\"The managed termination protection setting for the capacity provider is invalid\")."));

    public static IEnumerable<Finding> SharedGroup(TemplateIndex index) =>
        ProviderGroups(index).GroupBy(g => g.Group.LogicalId).Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(x => new Finding(x.Provider, $"uses Auto Scaling group {x.Group.Path}, which capacity provider {g.First().Provider.Path} already uses (\"The specified Auto Scaling group ARN is already being used by another capacity provider\").")));

    public static IEnumerable<Finding> ProviderName(TemplateIndex index)
    {
        foreach (var provider in index.OfType(CapacityProvider))
        {
            var name = provider.P("Name");
            var text = Str(name);
            if (name is null && !Amazon.CDK.Token.IsUnresolved(index.StackName) && Reserved(index.StackName))
            {
                yield return new Finding(provider, $"has no Name, so CloudFormation derives one from the stack name '{index.StackName}', which starts with 'aws', 'ecs' or 'fargate' (rejected by ECS).");
            }
            else if (text is not null && Reserved(text))
            {
                yield return new Finding(provider, $"is named '{text}'; ECS rejects capacity provider names that start with 'aws', 'ecs' or 'fargate'.");
            }
        }

        static bool Reserved(string name) =>
            ReservedPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
    }

    public static IEnumerable<Finding> TwoAssociationMechanisms(TemplateIndex index)
    {
        foreach (var cluster in index.OfType(Cluster))
        {
            var associations = index.AssociationsOf(cluster.LogicalId).ToList();
            var inline = Items(cluster.P("CapacityProviders")).Any() || Objects(cluster.P("DefaultCapacityProviderStrategy")).Any();
            if (associations.Count > 1 || (associations.Count == 1 && inline))
            {
                yield return new Finding(cluster, $"has capacity providers associated {(inline ? "both on the cluster (CapacityProviders/DefaultCapacityProviderStrategy) and" : "by")} {associations.Count} ClusterCapacityProviderAssociations resource(s) ({string.Join(", ", associations.Select(a => a.Path))}); ECS keeps one set (\"The cluster already contains capacity provider associations\").");
            }
        }
    }

    public static IEnumerable<Finding> StrategyProvidersAssociated(TemplateIndex index)
    {
        foreach (var (owner, label, providers) in Strategies(index))
        {
            foreach (var asg in providers.Where(p => p.AsgReference))
            {
                yield return new Finding(owner, $"{label} names the Auto Scaling group {asg.Name} instead of a capacity provider (\"The specified capacity provider was not found\").");
            }

            var cluster = owner.Type == Association ? index.Target(owner.P("Cluster")) : index.ClusterOf(owner);
            var association = cluster is null ? null : index.AssociationsOf(cluster.LogicalId).FirstOrDefault();
            if (association is null || owner.Type == Association && !Objects(owner.P("DefaultCapacityProviderStrategy")).Any())
            {
                continue;
            }

            var associated = Items(association.P("CapacityProviders")).Select(index.Provider).ToList();
            if (associated.Any(a => a.Name == "(unresolved)"))
            {
                continue;
            }

            foreach (var provider in providers.Where(p => !p.AsgReference && p.Name != "(unresolved)" && associated.All(a => a.Key != p.Key)))
            {
                yield return new Finding(owner, $"{label} names capacity provider {provider.Name}, which is not associated with cluster {cluster!.Path} (associated: {string.Join(", ", associated.Select(a => a.Name))}).");
            }
        }
    }

    public static IEnumerable<Finding> PlatformVersionOnEc2(TemplateIndex index) =>
        index.OfType(Service).Where(s => s.P("PlatformVersion") is not null
                && (LaunchType(s) == "EC2" || (index.Strategy(s)?.Providers.Any(p => p.Provider is not null) ?? false)))
            .Select(s => new Finding(s, $"sets PlatformVersion {Str(s.P("PlatformVersion"))} but runs on EC2 capacity; platform versions apply to Fargate only."));

    public static IEnumerable<Finding> CapacityBounds(TemplateIndex index)
    {
        foreach (var group in index.OfType(Asg))
        {
            var (min, max, desired) = (Int(group.P("MinSize")), Int(group.P("MaxSize")), Int(group.P("DesiredCapacity")));
            if (min > max)
            {
                yield return new Finding(group, $"MinSize {min} is greater than MaxSize {max}.");
            }

            if (desired is not null && (desired < min || desired > max))
            {
                yield return new Finding(group, $"DesiredCapacity {desired} is not between MinSize {min} and MaxSize {max} (\"Desired capacity:{desired} must be between the specified min size:{min} and max size:{max}\").");
            }
        }

        foreach (var target in index.OfType("AWS::ApplicationAutoScaling::ScalableTarget"))
        {
            var (min, max) = (Int(target.P("MinCapacity")), Int(target.P("MaxCapacity")));
            if (min > max)
            {
                yield return new Finding(target, $"MinCapacity {min} is greater than MaxCapacity {max}.");
            }
        }
    }

    public static IEnumerable<Finding> ForceDelete(TemplateIndex index)
    {
        foreach (var (group, provider) in ProviderGroups(index))
        {
            if (Str(provider.P("AutoScalingGroupProvider.ManagedTerminationProtection")) != "ENABLED")
            {
                continue;
            }

            var capacity = group.Cfn.Node.Scope?.Node.Scope as Ec2Capacity;
            if (capacity?.ForceDelete is null)
            {
                yield return new Finding(provider, $"enables managed termination protection on {group.Path} with no force delete of the group: deleting the stack waits on scale-in-protected instances (DELETE_IN_PROGRESS for hours).");
            }
        }
    }

    public static IEnumerable<Finding> ServiceDependsOnAssociation(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service))
        {
            var strategy = index.Strategy(service);
            var cluster = index.ClusterOf(service);
            if (strategy is null || cluster is null)
            {
                continue;
            }

            foreach (var association in index.AssociationsOf(cluster.LogicalId))
            {
                if (!index.DependsOn(service, association.LogicalId))
                {
                    yield return new Finding(service, $"uses {strategy.Value.Source} but does not depend on {association.Path}: on stack deletion the association may go first (\"The specified capacity provider is in use and cannot be removed\").");
                }
            }
        }
    }

    /// <summary>Every capacity provider of the stack with its local Auto Scaling group.</summary>
    internal static IEnumerable<(CfnEntry Group, CfnEntry Provider)> ProviderGroups(TemplateIndex index) =>
        index.OfType(CapacityProvider)
            .Select(p => (Group: index.Target(p.P("AutoScalingGroupProvider.AutoScalingGroupArn")), Provider: p))
            .Where(g => g.Group is { Type: Asg })
            .Select(g => (g.Group!, g.Provider));

    /// <summary>Every strategy of the stack: services' own and clusters' defaults.</summary>
    private static IEnumerable<(CfnEntry Owner, string Label, List<ProviderRef> Providers)> Strategies(TemplateIndex index)
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

}
