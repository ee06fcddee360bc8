using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Capacity;

/// <summary>Capacity provider strategies and launch types of services (ECS009-ECS011, ECS017, ECS018, ECS045).</summary>
internal static class StrategyRules
{
    public static IEnumerable<Finding> MixedStrategy(TemplateIndex index)
    {
        foreach (var (owner, label, providers) in index.Strategies())
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

    public static IEnumerable<Finding> StrategyProvidersAssociated(TemplateIndex index)
    {
        foreach (var (owner, label, providers) in index.Strategies())
        {
            foreach (var asg in providers.Where(p => p.AsgReference))
            {
                yield return new Finding(owner, $"{label} names the Auto Scaling group {asg.Name} instead of a capacity provider (\"The specified capacity provider was not found\").");
            }

            var cluster = owner.Type == Association ? index.Target(owner.P("Cluster")) : index.ClusterOf(owner);
            var association = owner.Type == Association ? owner : cluster is null ? null : index.AssociationsOf(cluster).FirstOrDefault();
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

            // An association in another stack outlives the service: CloudFormation deletes the importing
            // stack first. Only an association of the service's own template needs a DependsOn.
            foreach (var association in index.AssociationsOf(cluster).Where(a => a.Template == service.Template))
            {
                if (!index.DependsOn(service, association.Key))
                {
                    yield return new Finding(service, $"uses {strategy.Value.Source} but does not depend on {association.Path}: on stack deletion the association may go first (\"The specified capacity provider is in use and cannot be removed\").");
                }
            }
        }
    }
}
