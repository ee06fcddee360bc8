using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Conditions;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Deployment;

/// <summary>Deployments of services: the desired count under auto scaling, circuit breaker, room to replace tasks (ECS041, ECS046, ECS047, ECS075).</summary>
internal static class DeploymentRules
{
    public static IEnumerable<Finding> DesiredCountWithAutoScaling(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service).Where(s => s.P("DesiredCount") is not null))
        {
            var target = index.ScalableTargetOf(service);
            if (target is null)
            {
                continue;
            }

            yield return new Finding(service, $"pins DesiredCount {Int(service.P("DesiredCount"))} while {target.Path} auto scales it: every deployment resets the task count (silently).");
        }
    }

    /// <summary>
    /// A rolling deployment (the ECS controller) without a circuit breaker that rolls back. Silent when
    /// the template says what the user chose (a <c>DeploymentCircuitBreaker</c> written, even off), and
    /// for deployments ECS does not roll itself: the <c>CODE_DEPLOY</c> and <c>EXTERNAL</c> controllers
    /// and the <c>BLUE_GREEN</c> strategy (which roll back through their own alarms and hooks).
    /// </summary>
    public static IEnumerable<Finding> CircuitBreaker(TemplateIndex index) =>
        index.OfType(Service)
            .Where(s => (Str(s.P("DeploymentController.Type")) ?? "ECS") == "ECS"
                && Str(s.P("DeploymentConfiguration.Strategy")) is null or "ROLLING"
                && s.P("DeploymentConfiguration.DeploymentCircuitBreaker") is null)
            .Select(s => new Finding(s, "has no deployment circuit breaker: a deployment whose tasks never turn healthy keeps CloudFormation waiting about 3 hours (\"Service ... did not stabilize\"); turn it on with rollback, or write it off on purpose."));

    /// <summary>
    /// ECS075: a deployment circuit breaker turned on for a service whose deployments ECS does not run
    /// (the <c>CODE_DEPLOY</c> or <c>EXTERNAL</c> controller). ECS uses the breaker with its own
    /// controller only: the setting is accepted and has no effect, so a failing deployment is not
    /// stopped or rolled back by it, and the service's state differs from the template.
    /// </summary>
    public static IEnumerable<Finding> CircuitBreakerWithoutEcsController(TemplateIndex index) =>
        index.OfType(Service)
            .Where(s => DeploymentControllerType(s) is "CODE_DEPLOY" or "EXTERNAL" && Bool(s.P("DeploymentConfiguration.DeploymentCircuitBreaker.Enable")) == true)
            .Select(s => new Finding(s, $"enables DeploymentConfiguration.DeploymentCircuitBreaker with DeploymentController.Type {DeploymentControllerType(s)}: ECS uses the circuit breaker with the ECS controller only, so it neither stops nor rolls back these deployments; configure rollback in the controller ({(DeploymentControllerType(s) == "CODE_DEPLOY" ? "the CodeDeploy deployment group's AutoRollbackConfiguration and alarms" : "the external deployment tool")}) and remove the breaker."));

    public static IEnumerable<Finding> DeploymentDeadlock(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service).Where(s => !IsDaemon(s)))
        {
            var desired = index.DesiredCount(service);
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
                yield return new Finding(service, $"with {DesiredCountLabel(service, desired.Value)}, MinimumHealthyPercent {min} keeps {mustKeep} task(s) (rounded up) and MaximumPercent {max} allows {mayRun} (rounded down), so a deployment can neither stop an old task nor start a new one (\"unable to stop or start tasks during a deployment because of the service deployment configuration\").");
            }
        }
    }
}
