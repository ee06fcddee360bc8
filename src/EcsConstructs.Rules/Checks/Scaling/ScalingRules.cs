using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Conditions;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Scaling;

/// <summary>Scaling policies and scheduled actions (ECS043, ECS056).</summary>
internal static class ScalingRules
{
    public static IEnumerable<Finding> RequestCountScaling(TemplateIndex index)
    {
        foreach (var policy in index.OfType("AWS::ApplicationAutoScaling::ScalingPolicy"))
        {
            var spec = policy.P("TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification");
            if (Str(Get(spec, "PredefinedMetricType")) != "ALBRequestCountPerTarget")
            {
                continue;
            }

            var label = Get(spec, "ResourceLabel");
            if (label is null)
            {
                yield return new Finding(policy, "tracks ALBRequestCountPerTarget without a ResourceLabel (\"Resource label should be specified for predefined metric type ALBRequestCountPerTarget\").");
                continue;
            }

            var nlb = index.OfType(TargetGroup).FirstOrDefault(tg => Mentions(label, tg.Key)
                && Str(tg.P("Protocol")) is "TCP" or "UDP" or "TLS" or "TCP_UDP");
            if (nlb is not null)
            {
                yield return new Finding(policy, $"tracks ALBRequestCountPerTarget on {nlb.Path}, a Network Load Balancer target group; the metric exists for Application Load Balancers only.");
            }
        }
    }

    /// <summary>ECS056 over the templates: scheduled actions of a scalable target that Application Auto Scaling rejects.</summary>
    public static IEnumerable<Finding> ScheduledActions(TemplateIndex index)
    {
        foreach (var target in index.OfType("AWS::ApplicationAutoScaling::ScalableTarget"))
        {
            foreach (var action in Objects(target.P("ScheduledActions")))
            {
                var name = Str(Get(action, "ScheduledActionName")) ?? "(unnamed)";
                if (Str(Get(action, "Schedule")) is { } schedule && ScheduleExpressions.Problem(schedule) is { } problem)
                {
                    yield return new Finding(target, $"scheduled action {name}: {problem}");
                }

                var (min, max) = (Path(action, "ScalableTargetAction.MinCapacity"), Path(action, "ScalableTargetAction.MaxCapacity"));
                if (min is null && max is null)
                {
                    yield return new Finding(target, $"scheduled action {name} sets neither MinCapacity nor MaxCapacity.");
                }
                else if (!TaskLimits.BoundsOrdered(Int(min), Int(max)))
                {
                    yield return new Finding(target, $"scheduled action {name} sets MinCapacity {Int(min)} above MaxCapacity {Int(max)}.");
                }
            }
        }
    }
}
