using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Capacity;

/// <summary>Spot capacity of Auto Scaling groups (ECS064).</summary>
internal static class SpotRules
{
    /// <summary>
    /// A group that launches Spot instances (a mixed instances policy with less than 100 % on-demand
    /// above its base) from one instance type: one Spot pool per zone, so an interruption in that pool
    /// leaves the capacity without replacements.
    /// </summary>
    public static IEnumerable<Finding> SingleInstanceType(TemplateIndex index)
    {
        foreach (var group in index.OfType(Asg))
        {
            // CloudFormation's default on-demand percentage above the base is 100: no Spot.
            var policy = group.P("MixedInstancesPolicy");
            var onDemand = Int(Path(policy, "InstancesDistribution.OnDemandPercentageAboveBaseCapacity"));
            if (policy is null || onDemand is not < 100)
            {
                continue;
            }

            var overrides = Objects(Path(policy, "LaunchTemplate.Overrides")).ToList();
            var types = index.InstanceTypes(group);
            if (overrides.Any(o => Get(o, "InstanceRequirements") is not null) || types is null || types.Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1)
            {
                continue;
            }

            yield return new Finding(group, $"runs {100 - onDemand} % of its instances above the on-demand base on Spot with the single instance type {types[0]}: one Spot pool per zone, so an interruption there leaves the capacity without replacement instances.");
        }
    }
}
