using System.Text.Json.Nodes;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Deployment;

/// <summary>
/// ECS's own blue/green deployments (<c>DeploymentConfiguration.Strategy</c> <c>BLUE_GREEN</c>, and the
/// <c>LINEAR</c> and <c>CANARY</c> strategies that shift traffic the same way): the controller, the
/// load balancers' <c>AdvancedConfiguration</c> and the target group pair (ECS073, ECS074); and the target group
/// pairs of the CodeDeploy deployment groups that deploy <c>CODE_DEPLOY</c> services (ECS074).
/// </summary>
internal static class BlueGreenRules
{
    /// <summary>
    /// ECS073: what a traffic-shifting deployment needs from the service: the ECS deployment controller,
    /// and for each load balancer entry an <c>AdvancedConfiguration</c> with the alternate target group,
    /// a role ECS can assume (trusted by <c>ecs.amazonaws.com</c>) and, on an Application Load Balancer,
    /// the production listener rule (a listener rule, not a listener).
    /// </summary>
    public static IEnumerable<Finding> NativeBlueGreenPrerequisites(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service).Where(ShiftsTraffic))
        {
            var strategy = DeploymentStrategy(service);
            if (DeploymentControllerType(service) is "CODE_DEPLOY" or "EXTERNAL")
            {
                yield return new Finding(service, $"sets DeploymentConfiguration.Strategy {strategy} with DeploymentController.Type {DeploymentControllerType(service)}; ECS runs {strategy} deployments itself, with DeploymentController.Type ECS only.");
            }

            foreach (var (binding, position) in Objects(service.P("LoadBalancers")).Select((b, i) => (b, i)))
            {
                var where = $"LoadBalancers[{position}]";
                if (Get(binding, "TargetGroupArn") is null)
                {
                    continue; // a Classic Load Balancer entry: no target groups to shift between
                }

                if (Get(binding, "AdvancedConfiguration") is not JsonObject advanced)
                {
                    yield return new Finding(service, $"deploys with Strategy {strategy} but {where} has no AdvancedConfiguration: ECS needs its AlternateTargetGroupArn, ProductionListenerRule and RoleArn to shift traffic between the two target groups.");
                    continue;
                }

                if (Get(advanced, "AlternateTargetGroupArn") is null)
                {
                    yield return new Finding(service, $"deploys with Strategy {strategy} but {where}.AdvancedConfiguration has no AlternateTargetGroupArn (the target group the new revision registers with).");
                }

                if (Get(advanced, "RoleArn") is null)
                {
                    yield return new Finding(service, $"deploys with Strategy {strategy} but {where}.AdvancedConfiguration has no RoleArn: ECS needs a role (trusted by ecs.amazonaws.com, with AmazonECSInfrastructureRolePolicyForLoadBalancers) to change the listener rules.");
                }
                else if (index.Target(Get(advanced, "RoleArn")) is { Type: "AWS::IAM::Role" } role
                    && Policies.TrustedServices(role) is { } trusted && !trusted.Contains("ecs.amazonaws.com"))
                {
                    yield return new Finding(service, $"{where}.AdvancedConfiguration.RoleArn names role {role.Path}, which trusts [{string.Join(", ", trusted)}] but not ecs.amazonaws.com, so ECS cannot assume it to shift traffic.");
                }

                var production = Get(advanced, "ProductionListenerRule");
                var application = IsApplicationTargetGroup(index, index.Target(Get(binding, "TargetGroupArn")));
                if (production is null && application == true)
                {
                    yield return new Finding(service, $"deploys with Strategy {strategy} behind an Application Load Balancer but {where}.AdvancedConfiguration has no ProductionListenerRule (the listener rule whose forward action ECS re-weights).");
                }
                else if (application == true && index.Target(production) is { Type: Listener } listener)
                {
                    yield return new Finding(service, $"{where}.AdvancedConfiguration.ProductionListenerRule names listener {listener.Path}; behind an Application Load Balancer it must name a listener rule (AWS::ElasticLoadBalancingV2::ListenerRule) of that listener.");
                }
            }
        }
    }

    /// <summary>
    /// ECS074: the primary and alternate target groups of a traffic-shifting deployment must form a pair
    /// that ECS can switch between: two different groups of the same target type, on the load balancer
    /// of the production listener rule, which forwards to the primary group.
    /// </summary>
    public static IEnumerable<Finding> TargetGroupPair(TemplateIndex index) => NativeTargetGroupPair(index).Concat(CodeDeployTargetGroupPair(index));

    private static IEnumerable<Finding> NativeTargetGroupPair(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service).Where(ShiftsTraffic))
        {
            foreach (var (binding, position) in Objects(service.P("LoadBalancers")).Select((b, i) => (b, i)))
            {
                var where = $"LoadBalancers[{position}]";
                var advanced = Get(binding, "AdvancedConfiguration");
                var primary = index.Target(Get(binding, "TargetGroupArn"));
                var alternate = index.Target(Get(advanced, "AlternateTargetGroupArn"));
                if (primary is null || alternate is null)
                {
                    continue;
                }

                if (primary == alternate)
                {
                    yield return new Finding(service, $"{where}.AdvancedConfiguration.AlternateTargetGroupArn names {primary.Path}, the primary target group itself; the new revision needs a second target group.");
                    continue;
                }

                if (DifferentTargetTypes(primary, alternate) is var (primaryType, alternateType))
                {
                    yield return new Finding(service, $"{where}: alternate target group {alternate.Path} has TargetType {alternateType} but primary target group {primary.Path} has {primaryType}; the tasks of both revisions register the same way, so both groups need the same target type.");
                }

                var production = index.Target(Get(advanced, "ProductionListenerRule"));
                if (production is { Type: ListenerRule or Listener } && !ForwardsTo(production, primary))
                {
                    yield return new Finding(service, $"{where}.AdvancedConfiguration.ProductionListenerRule {production.Path} does not forward to the primary target group {primary.Path}: ECS shifts production traffic by re-weighting that rule's forward action between the two groups.");
                }

                var productionBalancer = production is null ? null : index.LoadBalancerOf(production);
                List<CfnEntry?> balancers = productionBalancer is not null ? [productionBalancer] : index.Forwarders(primary).Select(index.LoadBalancerOf).ToList();
                var alternateBalancers = index.Forwarders(alternate).Select(index.LoadBalancerOf).ToList();
                if (balancers.Count == 0 || balancers.Any(b => b is null) || alternateBalancers.Any(b => b is null))
                {
                    continue; // a listener or load balancer outside the templates checked
                }

                var balancer = balancers[0]!;
                if (alternateBalancers.Count == 0 && !index.IsExported(alternate))
                {
                    yield return new Finding(service, $"{where}: no listener or listener rule forwards to alternate target group {alternate.Path}; the production listener rule of load balancer {balancer.Path} must forward to both groups (the alternate with weight 0) for ECS to shift traffic to it.");
                }
                else if (alternateBalancers.Count > 0 && alternateBalancers.All(b => b != balancer))
                {
                    yield return new Finding(service, $"{where}: alternate target group {alternate.Path} is forwarded to by load balancer {alternateBalancers[0]!.Path}, not by {balancer.Path} of the primary group {primary.Path}; a target group serves one load balancer, so ECS cannot add it to the production listener rule (\"TargetGroupAssociationLimit\").");
                }

                if (index.Target(Get(advanced, "TestListenerRule")) is { Type: ListenerRule or Listener } test && index.LoadBalancerOf(test) is { } testBalancer && testBalancer != balancer)
                {
                    yield return new Finding(service, $"{where}.AdvancedConfiguration.TestListenerRule {test.Path} belongs to load balancer {testBalancer.Path}, not to {balancer.Path} of the production listener rule; both rules must route to the same pair of target groups.");
                }
            }
        }
    }

    /// <summary>
    /// ECS074 for CodeDeploy: each target group pair of a deployment group of ECS services must name two different
    /// target groups of the same target type that serve one load balancer, the production listener's: CodeDeploy
    /// registers the new task set in the second group and points the listeners at it.
    /// </summary>
    private static IEnumerable<Finding> CodeDeployTargetGroupPair(TemplateIndex index)
    {
        foreach (var group in index.OfType(DeploymentGroup).Where(g => Objects(g.P("ECSServices")).Any()))
        {
            foreach (var (pair, position) in Objects(group.P("LoadBalancerInfo.TargetGroupPairInfoList")).Select((p, i) => (p, i)))
            {
                var where = $"LoadBalancerInfo.TargetGroupPairInfoList[{position}]";
                var names = Get(pair, "TargetGroups") is JsonArray list ? list.ToList() : [];
                if (names.Count < 2)
                {
                    yield return new Finding(group, $"{where}.TargetGroups names {names.Count} target group(s); a CodeDeploy blue/green deployment of an ECS service needs two: the service's target group (blue) and a second one the new task set registers with (green).");
                    continue;
                }

                var blue = index.Target(Get(names[0], "Name"));
                var green = index.Target(Get(names[1], "Name"));
                if (blue is null || green is null)
                {
                    continue; // a target group outside the templates checked, or a name given as text
                }

                if (blue == green)
                {
                    yield return new Finding(group, $"{where}.TargetGroups names {blue.Path} twice; the new task set needs a second target group.");
                    continue;
                }

                if (DifferentTargetTypes(blue, green) is var (blueType, greenType))
                {
                    yield return new Finding(group, $"{where}: target group {green.Path} has TargetType {greenType} but {blue.Path} has {blueType}; the tasks of both task sets register the same way, so both groups need the same target type.");
                }

                var listeners = Get(Get(pair, "ProdTrafficRoute"), "ListenerArns") as JsonArray;
                var production = index.Target(listeners is { Count: > 0 } ? listeners[0] : null);
                var balancer = production is { Type: Listener } ? index.LoadBalancerOf(production) : null;
                foreach (var targetGroup in (CfnEntry[])[blue, green])
                {
                    var others = index.Forwarders(targetGroup).Select(index.LoadBalancerOf).ToList();
                    if (balancer is not null && others.Count > 0 && others.All(b => b is not null && b != balancer))
                    {
                        yield return new Finding(group, $"{where}: target group {targetGroup.Path} is forwarded to by load balancer {others[0]!.Path}, not by {balancer.Path} of the production listener {production!.Path}; a target group serves one load balancer, so CodeDeploy cannot point the listener at it (\"TargetGroupAssociationLimit\").");
                    }
                }
            }
        }
    }

    /// <summary>The target types of two target groups (<c>instance</c> when unset) when they differ; null when they are the same.</summary>
    private static (string First, string Second)? DifferentTargetTypes(CfnEntry first, CfnEntry second)
    {
        var (a, b) = (Str(first.P("TargetType")) ?? "instance", Str(second.P("TargetType")) ?? "instance");
        return a == b ? null : (a, b);
    }

    /// <summary>Whether a target group serves an Application Load Balancer (HTTP or HTTPS protocol); null when not known.</summary>
    private static bool? IsApplicationTargetGroup(TemplateIndex index, CfnEntry? targetGroup)
    {
        if (targetGroup is null)
        {
            return null;
        }

        if (Str(targetGroup.P("Protocol")) is { } protocol)
        {
            return protocol is "HTTP" or "HTTPS";
        }

        var balancer = index.Forwarders(targetGroup).Select(index.LoadBalancerOf).FirstOrDefault();
        return balancer is null ? null : (Str(balancer.P("Type")) ?? "application") == "application";
    }
}
