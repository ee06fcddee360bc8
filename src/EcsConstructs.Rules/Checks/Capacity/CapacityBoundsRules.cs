using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Conditions;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Capacity;

/// <summary>Minimum, desired and maximum capacities of Auto Scaling groups and scalable targets (ECS042).</summary>
internal static class CapacityBoundsRules
{
    public static IEnumerable<Finding> CapacityBounds(TemplateIndex index)
    {
        foreach (var group in index.OfType(Asg))
        {
            var (min, max, desired) = (Int(group.P("MinSize")), Int(group.P("MaxSize")), Int(group.P("DesiredCapacity")));
            if (!TaskLimits.BoundsOrdered(min, max))
            {
                yield return new Finding(group, $"MinSize {min} is greater than MaxSize {max}.");
            }

            if (!TaskLimits.BoundsOrdered(min, desired) || !TaskLimits.BoundsOrdered(desired, max))
            {
                yield return new Finding(group, $"DesiredCapacity {desired} is not between MinSize {min} and MaxSize {max} (\"Desired capacity:{desired} must be between the specified min size:{min} and max size:{max}\").");
            }
        }

        foreach (var target in index.OfType("AWS::ApplicationAutoScaling::ScalableTarget"))
        {
            var (min, max) = (Int(target.P("MinCapacity")), Int(target.P("MaxCapacity")));
            if (!TaskLimits.BoundsOrdered(min, max))
            {
                yield return new Finding(target, $"MinCapacity {min} is greater than MaxCapacity {max}.");
            }
        }
    }
}
