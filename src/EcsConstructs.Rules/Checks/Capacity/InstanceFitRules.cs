using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Conditions;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Capacity;

/// <summary>Whether tasks fit the instances of their EC2 capacity: CPU, memory, fixed host ports, network interfaces and architecture (ECS001, ECS006, ECS007, ECS008).</summary>
internal static class InstanceFitRules
{
    public static IEnumerable<Finding> TaskFitsInstances(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service))
        {
            var td = index.TaskDef(service);
            var groups = index.Ec2Groups(service);
            if (td is null || groups is null)
            {
                continue;
            }

            var (cpu, memory) = TaskSize(td);
            foreach (var group in groups)
            {
                var types = index.InstanceTypes(group);
                foreach (var type in types ?? [])
                {
                    if (!InstanceTypeCatalog.TryGet(type, out var spec))
                    {
                        yield return new Finding(service, $"task size not compared with instance type '{type}' of {group.Path}: the instance type table (InstanceTypeCatalog) does not list it.", Info: true);
                        continue;
                    }

                    if (cpu > spec.CpuUnits)
                    {
                        yield return new Finding(service, $"the task needs {cpu} CPU units but {type} instances of {group.Path} register {spec.CpuUnits}; no such instance can place it (\"insufficient CPU units available\").");
                    }

                    if (memory > spec.AvailableMemoryMiB)
                    {
                        yield return new Finding(service, $"the task needs {memory} MiB of memory but {type} instances of {group.Path} offer about {spec.AvailableMemoryMiB} MiB ({spec.MemoryMiB} MiB less {InstanceTypeCatalog.MemoryOverheadFraction:P0} for the OS, Docker and the agent); no such instance can place it (\"insufficient memory available\").");
                    }
                }
            }
        }
    }

    public static IEnumerable<Finding> FixedHostPorts(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service).Where(s => !IsDaemon(s)))
        {
            var td = index.TaskDef(service);
            var groups = index.Ec2Groups(service);
            var desired = Int(service.P("DesiredCount"));
            if (td is null || groups is null || desired is null || NetworkMode(td) == "awsvpc")
            {
                continue;
            }

            var host = NetworkMode(td) == "host";
            var ports = Containers(td).SelectMany(c => Objects(Get(c, "PortMappings")))
                .Select(m => host ? Int(Get(m, "ContainerPort")) : Int(Get(m, "HostPort"))).Where(p => p > 0).ToList();
            var maxInstances = groups.Select(g => Int(g.P("MaxSize"))).ToList();
            if (ports.Count == 0 || maxInstances.Any(m => m is null))
            {
                continue;
            }

            var minPercent = Int(service.P("DeploymentConfiguration.MinimumHealthyPercent")) ?? 100;
            var room = maxInstances.Sum(m => m!.Value);
            var bound = $"the task binds fixed host port(s) {string.Join(", ", ports.Distinct())}, so one task fits per instance";
            if (desired > room)
            {
                yield return new Finding(service, $"{bound}, but DesiredCount {desired} is more than the {room} instances the capacity can have (\"already using a port required by your task\").");
            }
            else if (!Deployments.FixedHostPortsCanDeploy(desired.Value, minPercent, room))
            {
                yield return new Finding(service, $"{bound}; {desired} tasks fill the {room} instances the capacity can have and MinimumHealthyPercent {minPercent} keeps {Deployments.MustKeep(desired.Value, minPercent)} running, so a deployment can neither place a new task nor stop an old one first (\"already using a port required by your task\").");
            }
        }
    }

    public static IEnumerable<Finding> EniSlots(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service))
        {
            var td = index.TaskDef(service);
            var groups = index.Ec2Groups(service);
            var desired = Int(service.P("DesiredCount"));
            if (td is null || groups is null || desired is null || NetworkMode(td) != "awsvpc")
            {
                continue;
            }

            var slots = 0;
            foreach (var group in groups)
            {
                var types = index.InstanceTypes(group);
                var max = Int(group.P("MaxSize"));
                if (types is null || max is null || !types.All(t => InstanceTypeCatalog.TryGet(t, out _)))
                {
                    slots = -1;
                    break;
                }

                slots += max.Value * types.Min(t => InstanceTypeCatalog.TryGet(t, out var spec) ? spec.AwsvpcTaskSlots : 0);
            }

            if (slots >= 0 && desired > slots)
            {
                yield return new Finding(service, $"{desired} awsvpc tasks need {desired} network interfaces, but the instances of its capacity offer at most {slots} (one ENI per task, the primary ENI excluded, without ENI trunking) (\"RESOURCE:ENI\").");
            }
        }
    }

    public static IEnumerable<Finding> Architecture(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service))
        {
            var td = index.TaskDef(service);
            var wanted = td is null ? null : Str(td.P("RuntimePlatform.CpuArchitecture"));
            var groups = wanted is null ? null : index.Ec2Groups(service);
            foreach (var group in groups ?? [])
            {
                foreach (var type in index.InstanceTypes(group) ?? [])
                {
                    if (InstanceTypeCatalog.TryGet(type, out var spec))
                    {
                        var actual = spec.Architecture == InstanceTypeCatalog.CpuArchitecture.Arm64 ? "ARM64" : "X86_64";
                        if (!string.Equals(actual, wanted, StringComparison.OrdinalIgnoreCase))
                        {
                            yield return new Finding(service, $"the task definition asks for CPU architecture {wanted} but {group.Path} launches {type} ({actual}) (\"missing an attribute required by your task\").");
                        }
                    }
                }
            }
        }
    }
}
