using System.Text.Json.Nodes;
using static EcsConstructs.Rules.EcsModel;
using static EcsConstructs.Rules.JsonValues;

namespace EcsConstructs.Rules;

/// <summary>Networking and load balancing rules (failure classes 11-18, 27).</summary>
internal static class NetworkRules
{
    public const string TargetGroup = "AWS::ElasticLoadBalancingV2::TargetGroup";
    public const string Listener = "AWS::ElasticLoadBalancingV2::Listener";
    public const string ListenerRule = "AWS::ElasticLoadBalancingV2::ListenerRule";
    public const string LoadBalancer = "AWS::ElasticLoadBalancingV2::LoadBalancer";

    public enum SubnetEgress
    {
        Unknown,
        None,
        Nat,
        InternetGateway,
    }

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

            var zones = subnets.Select(s => Str(index.Target(s)?.P("AvailabilityZone"))).ToList();
            if (zones.Any(z => z is null))
            {
                continue; // an imported subnet or a computed zone: cannot check
            }

            var duplicate = zones.GroupBy(z => z).FirstOrDefault(g => g.Count() > 1);
            if (subnets.Count < 2)
            {
                yield return new Finding(lb, $"has {subnets.Count} subnet ({zones[0]}) (\"At least two subnets in two different Availability Zones must be specified\").");
            }
            else if (duplicate is not null)
            {
                yield return new Finding(lb, $"has {duplicate.Count()} subnets in {duplicate.Key} (\"A load balancer cannot be attached to multiple subnets in the same Availability Zone\").");
            }
        }
    }

    /// <summary>The listeners and listener rules forwarding to a target group.</summary>
    public static List<CfnEntry> Forwarders(TemplateIndex index, string targetGroupId) =>
        index.OfType(Listener).Concat(index.OfType(ListenerRule))
            .Where(l => Objects(l.P("DefaultActions") ?? l.P("Actions")).Any(a => Forwards(a, targetGroupId)))
            .ToList();

    public static IEnumerable<Finding> TargetGroupAttached(TemplateIndex index)
    {
        foreach (var (service, binding) in Bindings(index))
        {
            var tg = index.Target(Get(binding, "TargetGroupArn"));
            if (tg is not null && Forwarders(index, tg.LogicalId).Count == 0)
            {
                yield return new Finding(service, $"registers with target group {tg.Path}, which no listener or listener rule of the stack forwards to (\"does not have an associated load balancer\").");
            }
        }
    }

    public static IEnumerable<Finding> ServiceDependsOnListener(TemplateIndex index)
    {
        foreach (var (service, binding) in Bindings(index))
        {
            var tg = index.Target(Get(binding, "TargetGroupArn"));
            var forwarders = tg is null ? [] : Forwarders(index, tg.LogicalId);
            if (forwarders.Count > 0 && !forwarders.Any(f => index.DependsOn(service, f.LogicalId)))
            {
                yield return new Finding(service, $"does not depend on {forwarders[0].Path}, which forwards to its target group {tg!.Path}: CloudFormation may create the service first (\"does not have an associated load balancer\").");
            }
        }
    }

    public static IEnumerable<Finding> TargetTypeMatchesNetworkMode(TemplateIndex index)
    {
        foreach (var (service, binding) in Bindings(index))
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
        foreach (var (service, binding) in Bindings(index))
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

    public static IEnumerable<Finding> AwsvpcRules(TemplateIndex index)
    {
        foreach (var td in index.OfType(TaskDefinition))
        {
            var mode = NetworkMode(td);
            if (mode == "awsvpc")
            {
                foreach (var c in Containers(td))
                {
                    foreach (var m in Objects(Get(c, "PortMappings")))
                    {
                        var (host, container) = (Int(Get(m, "HostPort")), Int(Get(m, "ContainerPort")));
                        if (host is not null && host != container)
                        {
                            yield return new Finding(td, $"container '{Str(Get(c, "Name"))}' maps host port {host} to container port {container} (\"When networkMode=awsvpc, the host ports and container ports in port mappings must match\").");
                        }
                    }

                    if (Items(Get(c, "Links")).Any())
                    {
                        yield return new Finding(td, $"container '{Str(Get(c, "Name"))}' has links (\"Links are not supported when networkMode=awsvpc\").");
                    }
                }
            }

            if (RequiresFargate(td) && td.P("NetworkMode") is not null && mode != "awsvpc")
            {
                yield return new Finding(td, $"requires FARGATE with network mode {mode} (\"Fargate only supports network mode 'awsvpc'\").");
            }

            if (RequiresFargate(td) && (td.P("IpcMode") is not null || td.P("PidMode") is { } pid && Str(pid) != "task"))
            {
                yield return new Finding(td, "requires FARGATE and sets IpcMode or PidMode host (\"Tasks using the Fargate launch type do not support ipcMode\").");
            }
        }

        foreach (var service in index.OfType(Service))
        {
            var td = index.TaskDef(service);
            if (td is null || td.P("NetworkMode") is { } m && Str(m) is null)
            {
                continue;
            }

            var awsvpc = NetworkMode(td) == "awsvpc";
            var configured = service.P("NetworkConfiguration") is not null;
            if (awsvpc && !configured)
            {
                yield return new Finding(service, "runs an awsvpc task definition without NetworkConfiguration (\"Network Configuration must be provided when networkMode 'awsvpc' is specified\").");
            }
            else if (!awsvpc && configured)
            {
                yield return new Finding(service, $"has a NetworkConfiguration but its task definition uses network mode {NetworkMode(td)} (\"Network Configuration is not valid for the given networkMode of this task definition\").");
            }
        }
    }

    public static IEnumerable<Finding> TaskEgress(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service))
        {
            var vpc = service.P("NetworkConfiguration.AwsvpcConfiguration");
            if (vpc is null)
            {
                continue;
            }

            var publicIp = Str(Get(vpc, "AssignPublicIp")) == "ENABLED";
            foreach (var subnet in Items(Get(vpc, "Subnets")).Select(index.Target).OfType<CfnEntry>())
            {
                var egress = Egress(index, subnet);
                if (egress == SubnetEgress.None || (egress == SubnetEgress.InternetGateway && !publicIp))
                {
                    var why = egress == SubnetEgress.None ? "has no default route (NAT or internet gateway) and the VPC has no ECR interface endpoint" : "routes to an internet gateway but AssignPublicIp is not ENABLED";
                    yield return new Finding(service, $"subnet {subnet.Path} {why}, so tasks cannot pull images, read secrets or ship logs (\"CannotPullContainerError ... Client.Timeout exceeded\").");
                }
            }
        }
    }

    public static IEnumerable<Finding> LoadBalancerCanReachTasks(TemplateIndex index)
    {
        foreach (var (service, binding) in Bindings(index))
        {
            var tg = index.Target(Get(binding, "TargetGroupArn"));
            var td = index.TaskDef(service);
            var port = Int(Get(binding, "ContainerPort"));
            if (tg is null || td is null || port is null)
            {
                continue;
            }

            var lbs = Forwarders(index, tg.LogicalId).Select(f => f.Type == Listener ? index.Target(f.P("LoadBalancerArn")) : index.Target(index.Target(f.P("ListenerArn"))?.P("LoadBalancerArn"))).ToList();
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

            var targetIds = targets.Select(t => index.Target(t)!.LogicalId).ToHashSet();
            var rules = Ingress(index, targetIds).ToList();
            var open = rules.Any(r => (r.Source is null || sources.Contains(r.Source)) && r.From <= needed.From && r.To >= needed.To);
            if (!open)
            {
                yield return new Finding(service, $"the security group(s) of its {(mode == "awsvpc" ? "tasks" : "instances")} admit no traffic from the load balancer's group on port(s) {needed.From}-{needed.To}, so targets time out (\"unhealthy in (target-group ...) due to (reason Request timed out)\").");
            }
        }
    }

    public static IEnumerable<Finding> HealthChecks(TemplateIndex index)
    {
        foreach (var (service, binding) in Bindings(index))
        {
            var tg = index.Target(Get(binding, "TargetGroupArn"));
            var td = index.TaskDef(service);
            var grace = Int(service.P("HealthCheckGracePeriodSeconds"));
            var startPeriod = td is null ? null : Containers(td).Select(c => Int(Path(c, "HealthCheck.StartPeriod"))).Max();
            if (startPeriod is not null && (grace ?? 0) < startPeriod)
            {
                yield return new Finding(service, $"HealthCheckGracePeriodSeconds is {grace ?? 0} but a container's health check start period is {startPeriod} s: the load balancer's checks can fail tasks before they start (\"Task failed ELB health checks\").");
            }

            // Network Load Balancer target groups (TCP, TLS, UDP) accept HTTP check codes up to 599.
            var matcher = Str(tg?.P("Matcher.HttpCode"));
            var max = Str(tg?.P("Protocol")) is "TCP" or "TLS" or "UDP" or "TCP_UDP" ? 599 : 499;
            if (matcher is not null && matcher.Split(',', '-').Select(p => int.TryParse(p.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : -1).Any(c => c < 200 || c > max))
            {
                yield return new Finding(tg!, $"health check matcher '{matcher}' includes codes outside 200-{max} (\"Health checks failed\").");
            }
        }
    }

    public static IEnumerable<Finding> EfsMountNetwork(TemplateIndex index)
    {
        foreach (var td in index.OfType(TaskDefinition))
        {
            foreach (var volume in Objects(td.P("Volumes")))
            {
                var fs = index.Target(Get(Get(volume, "EFSVolumeConfiguration"), "FilesystemId"));
                if (fs is null)
                {
                    continue;
                }

                var mounts = index.OfType("AWS::EFS::MountTarget").Where(m => TemplateIndex.RefId(m.P("FileSystemId")) == fs.LogicalId).ToList();
                if (mounts.Count == 0)
                {
                    yield return new Finding(td, $"mounts EFS file system {fs.Path}, which has no mount target in the stack (\"mount.nfs4: Connection timed out\").");
                    continue;
                }

                var groups = mounts.SelectMany(m => Items(m.P("SecurityGroups"))).ToList();
                if (groups.Any(g => index.Target(g) is null))
                {
                    continue;
                }

                var ids = groups.Select(g => index.Target(g)!.LogicalId).ToHashSet();
                if (!Ingress(index, ids).Any(r => r.From <= 2049 && r.To >= 2049))
                {
                    yield return new Finding(td, $"mounts EFS file system {fs.Path}, whose mount targets' security groups admit nothing on TCP 2049 (\"mount.nfs4: Connection timed out\").");
                }
            }
        }
    }

    public static SubnetEgress Egress(TemplateIndex index, CfnEntry subnet)
    {
        var tables = index.OfType("AWS::EC2::SubnetRouteTableAssociation")
            .Where(a => TemplateIndex.RefId(a.P("SubnetId")) == subnet.LogicalId)
            .Select(a => TemplateIndex.RefId(a.P("RouteTableId"))).ToList();
        if (tables.Count == 0)
        {
            return SubnetEgress.Unknown;
        }

        var routes = index.OfType("AWS::EC2::Route").Where(r => tables.Contains(TemplateIndex.RefId(r.P("RouteTableId"))) && Str(r.P("DestinationCidrBlock")) == "0.0.0.0/0").ToList();
        if (routes.Any(r => r.P("GatewayId") is { } gw && index.Target(gw)?.Type == "AWS::EC2::InternetGateway"))
        {
            return SubnetEgress.InternetGateway;
        }

        if (routes.Count > 0)
        {
            return SubnetEgress.Nat;
        }

        var vpc = TemplateIndex.RefId(subnet.P("VpcId"));
        var endpoint = index.OfType("AWS::EC2::VPCEndpoint").Any(e => TemplateIndex.RefId(e.P("VpcId")) == vpc && (e.P("ServiceName")?.ToJsonString().Contains("ecr.dkr", StringComparison.Ordinal) ?? false));
        return endpoint ? SubnetEgress.Nat : SubnetEgress.None;
    }

    private static bool Forwards(JsonObject action, string targetGroupId) =>
        TemplateIndex.RefId(Get(action, "TargetGroupArn")) == targetGroupId
        || Objects(Path(action, "ForwardConfig.TargetGroups")).Any(t => TemplateIndex.RefId(Get(t, "TargetGroupArn")) == targetGroupId);

    private static IEnumerable<(CfnEntry Service, JsonObject Binding)> Bindings(TemplateIndex index) =>
        index.OfType(Service).SelectMany(s => Objects(s.P("LoadBalancers")).Select(b => (s, b)));

    /// <summary>Ingress rules into the given security groups: inline and separate resources. Source null = a CIDR.</summary>
    private static IEnumerable<(string? Source, int From, int To)> Ingress(TemplateIndex index, HashSet<string> groupIds)
    {
        var rules = new List<JsonNode>();
        foreach (var id in groupIds)
        {
            rules.AddRange(Items(index[id]?.P("SecurityGroupIngress")));
        }

        rules.AddRange(index.OfType("AWS::EC2::SecurityGroupIngress").Where(r => groupIds.Contains(TemplateIndex.RefId(r.P("GroupId")) ?? string.Empty)).Select(r => (JsonNode)r.Props!));
        foreach (var rule in rules)
        {
            var protocol = Str(Get(rule, "IpProtocol"));
            var all = protocol is "-1" or "all";
            if (!all && protocol is not ("tcp" or "6"))
            {
                continue;
            }

            var source = TemplateIndex.RefId(Get(rule, "SourceSecurityGroupId"));
            yield return (source, all ? 0 : Int(Get(rule, "FromPort")) ?? 0, all ? 65535 : Int(Get(rule, "ToPort")) ?? 0);
        }
    }
}
