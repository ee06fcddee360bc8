using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Conditions;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Networking;

/// <summary>Task networking: awsvpc and Fargate network settings, and the way out to ECR (ECS024, ECS025).</summary>
internal static class TaskNetworkRules
{
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
                        if (!TaskLimits.HostPortAllowed(awsvpcOrHost: true, host, container))
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

            if (RequiresFargate(td) && mode != "awsvpc")
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
        // On EC2 the instance pulls images, reads secrets and ships logs for awsvpc tasks: only Fargate
        // tasks need a way out of their own subnets.
        foreach (var service in index.OfType(Service).Where(index.IsFargate))
        {
            var vpc = service.P("NetworkConfiguration.AwsvpcConfiguration");
            if (vpc is null)
            {
                continue;
            }

            var publicIp = Str(Get(vpc, "AssignPublicIp")) == "ENABLED";
            foreach (var subnet in Items(Get(vpc, "Subnets")).Select(index.Target).OfType<CfnEntry>())
            {
                var egress = NetworkModel.Egress(index, subnet);
                if (egress == NetworkModel.SubnetEgress.None
                    || (egress == NetworkModel.SubnetEgress.InternetGateway && !publicIp && !NetworkModel.HasEcrEndpoint(index, subnet)))
                {
                    var why = egress == NetworkModel.SubnetEgress.None ? "has no default route (NAT or internet gateway) and the VPC has no ECR interface endpoint" : "routes to an internet gateway but AssignPublicIp is not ENABLED";
                    yield return new Finding(service, $"subnet {subnet.Path} {why}, so tasks cannot pull images, read secrets or ship logs (\"CannotPullContainerError ... Client.Timeout exceeded\").");
                }
            }
        }
    }
}
