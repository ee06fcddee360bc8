using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Conditions;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.LoadBalancing;

/// <summary>Services behind load balancers: subnets, listeners, target types, container ports, security groups, health checks (ECS019-ECS023, ECS026, ECS027).</summary>
internal static class LoadBalancerRules
{
    public static IEnumerable<Finding> AlbSubnets(TemplateIndex index)
    {
        foreach (var lb in index.OfType(LoadBalancer).Where(l => (Str(l.P("Type")) ?? "application") == "application"))
        {
            var subnets = Items(lb.P("Subnets")).ToList();
            var mappings = Objects(lb.P("SubnetMappings")).Select(m => Get(m, "SubnetId")).ToList();
            subnets.AddRange(mappings.OfType<JsonNode>());
            if (subnets.Count == 0)
            {
                continue;
            }

            // A zone is a literal name or a position in the region's zones (Fn::Select over Fn::GetAZs,
            // what a CDK VPC writes); names and positions cannot be compared with each other.
            var zones = subnets.Select(s => TemplateIndex.ZoneKey(index.Target(s)?.P("AvailabilityZone"))).ToList();
            if (subnets.Count == 1)
            {
                // One subnet is one zone, whatever the zone is.
                yield return new Finding(lb, $"has 1 subnet ({(zones[0] is { } zone ? TemplateIndex.DescribeZone(zone) : "zone not known")}) (\"At least two subnets in two different Availability Zones must be specified\").");
                continue;
            }

            if (zones.Any(z => z is null) || !TemplateIndex.ZonesComparable(zones!))
            {
                continue; // an imported subnet or a computed zone: cannot check
            }

            var duplicate = zones.GroupBy(z => z).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                yield return new Finding(lb, $"has {duplicate.Count()} subnets in {TemplateIndex.DescribeZone(duplicate.Key!)} (\"A load balancer cannot be attached to multiple subnets in the same Availability Zone\").");
            }
        }
    }

    public static IEnumerable<Finding> TargetGroupAttached(TemplateIndex index)
    {
        foreach (var (service, binding) in index.Bindings())
        {
            // An exported target group may be forwarded to by a stack outside the templates checked.
            var tg = index.Target(Get(binding, "TargetGroupArn"));
            if (tg is not null && !index.IsExported(tg) && index.Forwarders(tg).Count == 0)
            {
                yield return new Finding(service, $"registers with target group {tg.Path}, which no listener or listener rule of the templates checked forwards to (\"does not have an associated load balancer\").");
            }
        }
    }

    public static IEnumerable<Finding> ServiceDependsOnListener(TemplateIndex index)
    {
        foreach (var (service, binding) in index.Bindings())
        {
            var tg = index.Target(Get(binding, "TargetGroupArn"));
            var forwarders = tg is null ? [] : index.Forwarders(tg);
            if (forwarders.Count == 0)
            {
                continue;
            }

            // A forwarder of the service's own template needs a DependsOn; one of another stack exists
            // first when the service's stack imports from it, and comes too late when its stack imports
            // from the service's (CloudFormation deploys the exporting stack first).
            var local = forwarders.Where(f => f.Template == service.Template).ToList();
            var before = forwarders.Where(f => f.Template != service.Template && index.TemplateReferences(service.Template, f.Template)).ToList();
            var after = forwarders.Where(f => f.Template != service.Template && index.TemplateReferences(f.Template, service.Template)).ToList();
            if (before.Count > 0 || local.Any(f => index.DependsOn(service, f.Key)))
            {
                continue;
            }

            if (local.Count > 0)
            {
                yield return new Finding(service, $"does not depend on {local[0].Path}, which forwards to its target group {tg!.Path}: CloudFormation may create the service first (\"does not have an associated load balancer\").");
            }
            else if (after.Count == forwarders.Count)
            {
                yield return new Finding(service, $"registers with target group {tg!.Path}, which only {after[0].Path} forwards to, in stack {after[0].Template.Name} that deploys after the service's stack (it imports from it): CloudFormation creates the service first (\"does not have an associated load balancer\").");
            }
        }
    }

    public static IEnumerable<Finding> TargetTypeMatchesNetworkMode(TemplateIndex index)
    {
        foreach (var (service, binding) in index.Bindings())
        {
            var tg = index.Target(Get(binding, "TargetGroupArn"));
            var td = index.TaskDef(service);
            if (tg is null || td is null)
            {
                continue;
            }

            var targetType = Str(tg.P("TargetType")) ?? "instance";
            var mode = NetworkMode(td);
            var wanted = mode == "awsvpc" ? "ip" : "instance";
            if (targetType != wanted && targetType != "alb")
            {
                yield return new Finding(service, $"target group {tg.Path} has target type {targetType}, incompatible with network mode {mode} of its task definition (needs {wanted}).");
            }
        }
    }

    public static IEnumerable<Finding> LoadBalancerContainerPort(TemplateIndex index)
    {
        foreach (var (service, binding) in index.Bindings())
        {
            var td = index.TaskDef(service);
            var name = Str(Get(binding, "ContainerName"));
            var port = Int(Get(binding, "ContainerPort"));
            if (td is null || name is null)
            {
                continue;
            }

            var container = Containers(td).FirstOrDefault(c => Str(Get(c, "Name")) == name);
            if (container is null)
            {
                yield return new Finding(service, $"load balancer container '{name}' is not in the task definition (containers: {string.Join(", ", Containers(td).Select(c => Str(Get(c, "Name"))))}) (\"The container {name} does not exist in the task definition\").");
            }
            else if (port is not null && !Objects(Get(container, "PortMappings")).Any(m => Int(Get(m, "ContainerPort")) == port))
            {
                yield return new Finding(service, $"load balancer port {port} is not a port mapping of container '{name}' (\"The container {name} did not have a container port {port} defined\").");
            }
        }
    }

    public static IEnumerable<Finding> LoadBalancerCanReachTasks(TemplateIndex index)
    {
        foreach (var (service, binding) in index.Bindings())
        {
            var tg = index.Target(Get(binding, "TargetGroupArn"));
            var td = index.TaskDef(service);
            var port = Int(Get(binding, "ContainerPort"));
            if (tg is null || td is null || port is null)
            {
                continue;
            }

            var lbs = index.Forwarders(tg).Select(f => f.Type == Listener ? index.Target(f.P("LoadBalancerArn")) : index.Target(index.Target(f.P("ListenerArn"))?.P("LoadBalancerArn"))).ToList();
            if (lbs.Count == 0 || lbs.Any(l => l is null))
            {
                continue;
            }

            var sources = lbs.SelectMany(l => Items(l!.P("SecurityGroups"))).Select(TemplateIndex.RefId).ToList();
            if (sources.Count == 0 || sources.Any(s => s is null))
            {
                continue;
            }

            List<JsonNode>? targets;
            (int From, int To) needed;
            var mode = NetworkMode(td);
            if (mode == "awsvpc")
            {
                targets = Items(service.P("NetworkConfiguration.AwsvpcConfiguration.SecurityGroups")).ToList();
                needed = (port.Value, port.Value);
            }
            else
            {
                var groups = index.Ec2Groups(service);
                targets = groups?.SelectMany(g => Items(Get(index.LaunchData(g), "SecurityGroupIds")).Concat(Items(Get(index.LaunchData(g), "SecurityGroups")))).ToList();
                var container = Containers(td).FirstOrDefault(c => Str(Get(c, "Name")) == Str(Get(binding, "ContainerName")));
                var mapping = Objects(Get(container, "PortMappings")).FirstOrDefault(m => Int(Get(m, "ContainerPort")) == port);
                var hostPort = mode == "host" ? port : Int(Get(mapping, "HostPort")) ?? 0;
                needed = hostPort is > 0 ? (hostPort.Value, hostPort.Value) : (32768, 60999);
            }

            if (targets is null || targets.Count == 0 || targets.Any(t => index.Target(t) is null))
            {
                continue;
            }

            var targetIds = targets.Select(t => index.Target(t)!.Key).ToHashSet();
            var rules = NetworkModel.Ingress(index, targetIds).ToList();
            var open = rules.Any(r => (r.Source is null || sources.Contains(r.Source)) && r.From <= needed.From && r.To >= needed.To);
            if (!open)
            {
                yield return new Finding(service, $"the security group(s) of its {(mode == "awsvpc" ? "tasks" : "instances")} admit no traffic from the load balancer's group on port(s) {needed.From}-{needed.To}, so targets time out (\"unhealthy in (target-group ...) due to (reason Request timed out)\").");
            }
        }
    }

    public static IEnumerable<Finding> HealthChecks(TemplateIndex index)
    {
        foreach (var (service, binding) in index.Bindings())
        {
            var tg = index.Target(Get(binding, "TargetGroupArn"));
            var td = index.TaskDef(service);
            var grace = Int(service.P("HealthCheckGracePeriodSeconds"));
            var startPeriod = td is null ? null : Containers(td).Select(c => Int(Path(c, "HealthCheck.StartPeriod"))).Max();
            if (startPeriod is not null && (grace ?? 0) < startPeriod)
            {
                yield return new Finding(service, $"HealthCheckGracePeriodSeconds is {grace ?? 0} but a container's health check start period is {startPeriod} s: the load balancer's checks can fail tasks before they start (\"Task failed ELB health checks\").");
            }
            else if (grace == 0)
            {
                yield return new Finding(service, "sets HealthCheckGracePeriodSeconds 0 behind a load balancer: a new task fails its first load balancer health checks while it starts and is replaced (\"Task failed ELB health checks\").");
            }

            // Network Load Balancer target groups (TCP, TLS, UDP) accept HTTP check codes up to 599.
            var matcher = Str(tg?.P("Matcher.HttpCode"));
            var nlb = Str(tg?.P("Protocol")) is "TCP" or "TLS" or "UDP" or "TCP_UDP";
            var max = HealthCheckCodes.Max(nlb);
            if (matcher is not null && (HealthCheckCodes.Parse(matcher) is not { } codes || HealthCheckCodes.FirstOutOfRange(codes, nlb) is not null))
            {
                yield return new Finding(tg!, $"health check matcher '{matcher}' includes codes outside 200-{max} (\"Health checks failed\").");
            }
        }
    }
}
