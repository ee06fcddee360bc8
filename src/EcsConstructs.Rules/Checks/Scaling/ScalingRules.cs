using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Scaling;

/// <summary>Scaling policies (ECS043).</summary>
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
}
