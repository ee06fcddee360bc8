using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Conditions;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Services;

/// <summary>How a service places tasks: DAEMON services and placement settings (ECS012, ECS040, ECS072).</summary>
internal static class SchedulingRules
{
    public static IEnumerable<Finding> Daemon(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service).Where(IsDaemon))
        {
            if (service.P("DesiredCount") is not null)
            {
                yield return new Finding(service, "is a DAEMON service with a DesiredCount (\"The daemon scheduling strategy does not support a desired count for services\").");
            }

            if (Items(service.P("PlacementStrategies")).Any())
            {
                yield return new Finding(service, "is a DAEMON service with placement strategies (\"The daemon scheduling strategy does not support placement strategies\").");
            }

            if (LaunchType(service) == "FARGATE" || (index.TaskDef(service) is { } td && RequiresFargate(td) && !Items(td.P("RequiresCompatibilities")).Select(Str).Contains("EC2")))
            {
                yield return new Finding(service, "is a DAEMON service on Fargate; the DAEMON strategy runs on EC2 instances only.");
            }

            if (DeploymentControllerType(service) is "CODE_DEPLOY" or "EXTERNAL")
            {
                yield return new Finding(service, $"is a DAEMON service with DeploymentController.Type {DeploymentControllerType(service)}; DAEMON services deploy with the ECS controller only (the CODE_DEPLOY and EXTERNAL controllers require the REPLICA scheduling strategy).");
            }
        }
    }

    /// <summary>
    /// ECS072: Application Auto Scaling scales the desired count of a DAEMON service, which has none: a
    /// daemon runs one task on each instance, so its task count follows the instances, and every
    /// scaling activity asks ECS for a desired count the DAEMON strategy does not take.
    /// </summary>
    public static IEnumerable<Finding> DaemonScaling(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service).Where(IsDaemon))
        {
            if (index.ScalableTargetOf(service) is { } target)
            {
                yield return new Finding(service, $"is a DAEMON service, but scalable target {target.Path} scales its desired count (ScalableDimension ecs:service:DesiredCount): a daemon runs one task on each container instance, so scaling activities cannot change its task count (\"The daemon scheduling strategy does not support a desired count for services\"); scale the instances (the Auto Scaling group or capacity provider) instead.");
            }
        }
    }

    public static IEnumerable<Finding> Placement(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service))
        {
            var td = index.TaskDef(service);
            var constraints = Items(service.P("PlacementConstraints")).Count() + (td is null ? 0 : Items(td.P("PlacementConstraints")).Count());
            var strategies = Items(service.P("PlacementStrategies")).Count();
            var providers = index.Strategy(service)?.Providers;
            var fargate = LaunchType(service) == "FARGATE" || (providers is { Count: > 0 } && providers.All(p => p.IsFargate));
            if (fargate && (constraints > 0 || strategies > 0))
            {
                yield return new Finding(service, $"runs on Fargate with {constraints} placement constraint(s) and {strategies} placement strategy rule(s) (\"Placement constraints are not supported with FARGATE launch type\").");
            }

            if (constraints > TaskLimits.MaxPlacementConstraints)
            {
                yield return new Finding(service, $"has {constraints} placement constraints (service and task definition); ECS allows at most {TaskLimits.MaxPlacementConstraints}.");
            }

            if (strategies > TaskLimits.MaxPlacementStrategies)
            {
                yield return new Finding(service, $"has {strategies} placement strategy rules; ECS allows at most {TaskLimits.MaxPlacementStrategies}.");
            }
        }
    }
}
