using static EcsConstructs.Rules.EcsModel;
using static EcsConstructs.Rules.JsonValues;

namespace EcsConstructs.Rules;

/// <summary>Scaling and deployment rules (failure classes 33, 35, 38, 39).</summary>
internal static class DeploymentRules
{
    /// <summary>The marker child <c>ServiceScaling</c> puts under a service it scales (it also deletes DesiredCount by an override the rules cannot see).</summary>
    public const string ServiceScalingMarker = "EcsConstructsServiceScaling";

    public static IEnumerable<Finding> DesiredCountWithAutoScaling(TemplateIndex index)
    {
        var targets = index.OfType("AWS::ApplicationAutoScaling::ScalableTarget")
            .Where(t => Str(t.P("ScalableDimension")) == "ecs:service:DesiredCount").ToList();
        foreach (var service in index.OfType(Service).Where(s => s.P("DesiredCount") is not null))
        {
            var target = targets.FirstOrDefault(t => t.P("ResourceId")?.ToJsonString().Contains($"\"{service.LogicalId}\"", StringComparison.Ordinal) == true);
            if (target is null || service.Cfn.Node.Scope?.Node.TryFindChild(ServiceScalingMarker) is not null)
            {
                continue;
            }

            yield return new Finding(service, $"pins DesiredCount {Int(service.P("DesiredCount"))} while {target.Path} auto scales it: every deployment resets the task count (silently).");
        }
    }

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

            var text = label.ToJsonString();
            var nlb = index.OfType(NetworkRules.TargetGroup).FirstOrDefault(tg => text.Contains($"\"{tg.LogicalId}\"", StringComparison.Ordinal)
                && Str(tg.P("Protocol")) is "TCP" or "UDP" or "TLS" or "TCP_UDP");
            if (nlb is not null)
            {
                yield return new Finding(policy, $"tracks ALBRequestCountPerTarget on {nlb.Path}, a Network Load Balancer target group; the metric exists for Application Load Balancers only.");
            }
        }
    }

    public static IEnumerable<Finding> CircuitBreaker(TemplateIndex index) =>
        index.OfType(Service)
            .Where(s => (Str(s.P("DeploymentController.Type")) ?? "ECS") == "ECS"
                && !(Bool(s.P("DeploymentConfiguration.DeploymentCircuitBreaker.Enable")) == true && Bool(s.P("DeploymentConfiguration.DeploymentCircuitBreaker.Rollback")) == true))
            .Select(s => new Finding(s, "has no deployment circuit breaker with rollback: a deployment whose tasks never turn healthy keeps CloudFormation waiting about 3 hours (\"Service ... did not stabilize\")."));

    public static IEnumerable<Finding> DeploymentDeadlock(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service).Where(s => !IsDaemon(s)))
        {
            var desired = Int(service.P("DesiredCount"));
            if (desired is not > 0 || Str(service.P("DeploymentController.Type")) is "CODE_DEPLOY" or "EXTERNAL")
            {
                continue;
            }

            var min = Int(service.P("DeploymentConfiguration.MinimumHealthyPercent")) ?? 100;
            var max = Int(service.P("DeploymentConfiguration.MaximumPercent")) ?? 200;
            var mustKeep = (int)Math.Ceiling(desired.Value * min / 100.0);
            var mayRun = (int)Math.Floor(desired.Value * max / 100.0);
            if (mustKeep >= desired && mayRun <= desired)
            {
                yield return new Finding(service, $"with DesiredCount {desired}, MinimumHealthyPercent {min} keeps {mustKeep} task(s) (rounded up) and MaximumPercent {max} allows {mayRun} (rounded down), so a deployment can neither stop an old task nor start a new one (\"unable to stop or start tasks during a deployment because of the service deployment configuration\").");
            }
        }
    }
}
