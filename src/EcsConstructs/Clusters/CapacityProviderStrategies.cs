using Amazon.CDK.AWS.ECS;
using Constructs;
using EcsConstructs.Rules;
using EcsConstructs.Validation;

namespace EcsConstructs.Clusters;

/// <summary>
/// Validates capacity provider strategies and turns them into CDK's <see cref="CapacityProviderStrategy"/>.
/// </summary>
internal static class CapacityProviderStrategies
{
    public static bool IsFargate(string provider) =>
        provider is CapacityProviderShare.Fargate or CapacityProviderShare.FargateSpot;

    /// <summary>
    /// Checks the rules ECS enforces on a strategy and resolves provider names: the id of an EC2
    /// capacity of <paramref name="cluster"/> becomes its capacity provider name.
    /// </summary>
    public static CapacityProviderStrategy[] Resolve(IConstruct scope, string property, IReadOnlyList<CapacityProviderShare> shares, EcsCluster? cluster)
    {
        if (shares.Count == 0)
        {
            throw new EcsValidationException(RuleIds.StrategyShape, scope.Node.Path, property, "is empty; give at least one provider, or leave it unset to use the default.");
        }

        if (shares.Count > 20)
        {
            throw new EcsValidationException(RuleIds.StrategyShape, scope.Node.Path, property, $"has {shares.Count} providers; ECS allows at most 20.");
        }

        foreach (var share in shares)
        {
            Check.NotEmpty(RuleIds.StrategyShape, scope, $"{property}.Provider", share.Provider);
            if (string.IsNullOrEmpty(share.Provider))
            {
                throw new EcsValidationException(RuleIds.StrategyShape, scope.Node.Path, $"{property}.Provider", "is required: FARGATE, FARGATE_SPOT or the id of an EC2 capacity.");
            }

            Check.InRange(RuleIds.OutOfRange, scope, $"{property}[{share.Provider}].Weight", share.Weight, 0, 1000);
            Check.InRange(RuleIds.OutOfRange, scope, $"{property}[{share.Provider}].Base", share.Base, 0, 100_000);
        }

        var duplicates = shares.GroupBy(s => s.Provider, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new EcsValidationException(RuleIds.StrategyShape, scope.Node.Path, property, $"names {string.Join(", ", duplicates)} more than once; each provider may appear once.");
        }

        var withBase = shares.Where(s => s.Base > 0).Select(s => s.Provider).ToList();
        if (withBase.Count > 1)
        {
            throw new EcsValidationException(RuleIds.StrategyShape, scope.Node.Path, property, $"sets a base on {string.Join(" and ", withBase)}; at most one provider of a strategy may have a base.");
        }

        if (shares.All(s => s.Weight == 0))
        {
            throw new EcsValidationException(RuleIds.StrategyShape, scope.Node.Path, property, "has only zero weights; at least one provider needs a weight greater than 0.");
        }

        var fargate = shares.Where(s => IsFargate(s.Provider)).Select(s => s.Provider).ToList();
        var ec2 = shares.Where(s => !IsFargate(s.Provider)).Select(s => s.Provider).ToList();
        if (fargate.Count > 0 && ec2.Count > 0)
        {
            throw new EcsValidationException(RuleIds.MixedStrategy, scope.Node.Path, property,
                $"mixes Fargate ({string.Join(", ", fargate)}) and Auto Scaling group providers ({string.Join(", ", ec2)}); ECS accepts one kind per strategy.");
        }

        return shares.Select(s => new CapacityProviderStrategy
        {
            CapacityProvider = ResolveName(scope, property, s.Provider, cluster),
            Base = s.Base == 0 ? null : s.Base,
            Weight = s.Weight,
        }).ToArray();
    }

    private static string ResolveName(IConstruct scope, string property, string provider, EcsCluster? cluster)
    {
        if (cluster is null)
        {
            return provider;
        }

        if (IsFargate(provider))
        {
            if (!cluster.FargateEnabled)
            {
                throw new EcsValidationException(RuleIds.StrategyProvidersAssociated, scope.Node.Path, property,
                    $"uses {provider}, but the cluster {cluster.Node.Path} does not enable Fargate capacity providers; set EnableFargateCapacityProviders = true.");
            }

            return provider;
        }

        var capacity = cluster.Ec2Capacity.FirstOrDefault(c => c.Options.Id == provider);
        if (capacity is null)
        {
            var known = cluster.Ec2Capacity.Select(c => c.Options.Id).ToList();
            var allowed = known.Count == 0 ? "the cluster has no EC2 capacity" : "EC2 capacity ids: " + string.Join(", ", known);
            throw new EcsValidationException(RuleIds.StrategyProvidersAssociated, scope.Node.Path, property,
                $"names provider '{provider}', which is not associated with the cluster {cluster.Node.Path}; allowed: FARGATE, FARGATE_SPOT (when enabled), {allowed}.");
        }

        return capacity.CapacityProvider.CapacityProviderName;
    }
}
