using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Conditions;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Deployment;

/// <summary>Deployments of services: the desired count under auto scaling, circuit breaker, room to replace tasks (ECS041, ECS046, ECS047).</summary>
internal static class DeploymentRules
{
    public static IEnumerable<Finding> DesiredCountWithAutoScaling(TemplateIndex index)
    {
        var targets = index.OfType("AWS::ApplicationAutoScaling::ScalableTarget")
            .Where(t => Str(t.P("ScalableDimension")) == "ecs:service:DesiredCount").ToList();
        foreach (var service in index.OfType(Service).Where(s => s.P("DesiredCount") is not null))
        {
            var target = targets.FirstOrDefault(t => Mentions(t.P("ResourceId"), service.Key));
            if (target is null)
            {
                continue;
            }

            yield return new Finding(service, $"pins DesiredCount {Int(service.P("DesiredCount"))} while {target.Path} auto scales it: every deployment resets the task count (silently).");
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
            var mustKeep = Deployments.MustKeep(desired.Value, min);
            var mayRun = Deployments.MayRun(desired.Value, max);
            if (Deployments.LeavesNoRoom(desired.Value, min, max))
            {
                yield return new Finding(service, $"with DesiredCount {desired}, MinimumHealthyPercent {min} keeps {mustKeep} task(s) (rounded up) and MaximumPercent {max} allows {mayRun} (rounded down), so a deployment can neither stop an old task nor start a new one (\"unable to stop or start tasks during a deployment because of the service deployment configuration\").");
            }
        }
    }
}
