using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Conditions;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Capacity;

/// <summary>Whether tasks fit the instances of their EC2 capacity: CPU, memory, fixed host ports, network interfaces and architecture (ECS001, ECS006, ECS007, ECS008, ECS066).</summary>
internal static class InstanceFitRules
{
    /// <summary>
    /// ECS001 (an error): the task fits no instance type of its capacity, so no instance can ever place
    /// it, on its own or beside the DAEMON tasks that run on every instance of the capacity.
    /// </summary>
    public static IEnumerable<Finding> TaskFitsInstances(TemplateIndex index)
    {
        foreach (var (service, types, unknown) in InstanceFits(index))
        {
            foreach (var (group, type) in unknown)
            {
                yield return new Finding(service, $"task size not compared with instance type '{type}' of {group.Path}: the instance type table does not list it.", Info: true);
            }

            if (unknown.Count == 0 && types.Count > 0 && types.All(t => t.Problem is not null))
            {
                yield return new Finding(service, $"{string.Join("; ", types.Select(t => t.Problem))}: no instance of its capacity can place the task (\"insufficient CPU units available\" / \"insufficient memory available\").");
            }
        }
    }

    /// <summary>ECS066 (a warning): some instance types of the capacity cannot place the task; instances of those types launched for it stay empty.</summary>
    public static IEnumerable<Finding> TaskFitsSomeInstances(TemplateIndex index)
    {
        foreach (var (service, types, _) in InstanceFits(index))
        {
            var misfits = types.Where(t => t.Problem is not null).ToList();
            if (misfits.Count > 0 && misfits.Count < types.Count)
            {
                yield return new Finding(service, $"{string.Join("; ", misfits.Select(t => t.Problem))}; the task fits only {string.Join(", ", types.Where(t => t.Problem is null).Select(t => t.Type).Distinct())}, so instances of the other types cannot run it.");
            }
        }
    }

    /// <summary>For each service on EC2 capacity, every known instance type of its groups with why the task does not fit (null when it fits), and the types the table does not list.</summary>
    private static IEnumerable<(CfnEntry Service, List<(CfnEntry Group, string Type, string? Problem)> Types, List<(CfnEntry Group, string Type)> Unknown)> InstanceFits(TemplateIndex index)
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
            var known = new List<(CfnEntry, string, string?)>();
            var unknown = new List<(CfnEntry, string)>();
            foreach (var group in groups)
            {
                var daemons = index.DaemonsOn(service, group);
                foreach (var type in index.InstanceTypes(group) ?? [])
                {
                    if (!InstanceTypeCatalog.TryGet(type, out var spec))
                    {
                        unknown.Add((group, type));
                        continue;
                    }

                    known.Add((group, type, Misfit(cpu, memory, group, type, spec) ?? MisfitBesideDaemons(cpu, memory, group, type, spec, daemons)));
                }
            }

            yield return (service, known, unknown);
        }
    }

    /// <summary>Why a task of <paramref name="cpu"/> units and <paramref name="memory"/> MiB does not fit an instance of the type on its own; null when it fits.</summary>
    private static string? Misfit(int? cpu, int? memory, CfnEntry group, string type, InstanceTypeCatalog.InstanceSpec spec) =>
        cpu > spec.CpuUnits
            ? $"the task needs {cpu} CPU units but {type} instances of {group.Path} register {spec.CpuUnits}"
            : memory > spec.AvailableMemoryMiB
                ? $"the task needs {memory} MiB of memory but {type} instances of {group.Path} offer about {spec.AvailableMemoryMiB} MiB ({spec.MemoryMiB} MiB less {InstanceTypeCatalog.MemoryOverheadFraction:P0} for the OS, Docker and the agent)"
                : null;

    /// <summary>
    /// Why a task that fits an instance on its own does not fit beside the DAEMON tasks that take their
    /// CPU and memory on every instance of the group first; null when it fits beside them too.
    /// </summary>
    private static string? MisfitBesideDaemons(int? cpu, int? memory, CfnEntry group, string type, InstanceTypeCatalog.InstanceSpec spec, List<(CfnEntry Daemon, int Cpu, int Memory)> daemons)
    {
        if (daemons.Count == 0)
        {
            return null;
        }

        var daemonCpu = daemons.Sum(d => d.Cpu);
        var daemonMemory = daemons.Sum(d => d.Memory);
        var names = string.Join(" and ", daemons.Select(d => $"DAEMON service {d.Daemon.Path} ({d.Cpu} CPU units, {d.Memory} MiB)"));
        return cpu > spec.CpuUnits - daemonCpu
            ? $"the task needs {cpu} CPU units but beside {names} on every instance, {type} instances of {group.Path} have {spec.CpuUnits - daemonCpu} of their {spec.CpuUnits} left"
            : memory > spec.AvailableMemoryMiB - daemonMemory
                ? $"the task needs {memory} MiB of memory but beside {names} on every instance, {type} instances of {group.Path} have about {spec.AvailableMemoryMiB - daemonMemory} of their {spec.AvailableMemoryMiB} MiB left"
                : null;
    }

    public static IEnumerable<Finding> FixedHostPorts(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service).Where(s => !IsDaemon(s)))
        {
            var td = index.TaskDef(service);
            var groups = index.Ec2Groups(service);
            var desired = index.DesiredCount(service);
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
                yield return new Finding(service, $"{bound}, but {DesiredCountLabel(service, desired.Value)} is more than the {room} instances the capacity can have (\"already using a port required by your task\").");
            }
            else if (!Deployments.FixedHostPortsCanDeploy(desired.Value, minPercent, room))
            {
                yield return new Finding(service, $"{bound}; {desired} tasks{DesiredCountSource(service)} fill the {room} instances the capacity can have and MinimumHealthyPercent {minPercent} keeps {Deployments.MustKeep(desired.Value, minPercent)} running, so a deployment can neither place a new task nor stop an old one first (\"already using a port required by your task\").");
            }
        }
    }

    public static IEnumerable<Finding> EniSlots(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service))
        {
            var td = index.TaskDef(service);
            var groups = index.Ec2Groups(service);
            var desired = index.DesiredCount(service);
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
