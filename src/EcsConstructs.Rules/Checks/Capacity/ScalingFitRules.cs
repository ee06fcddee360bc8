using System.Globalization;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Capacity;

/// <summary>Whether a service's scaling maximum fits its EC2 capacity at the capacity's maximum size (ECS065).</summary>
internal static class ScalingFitRules
{
    /// <summary>
    /// The maximum task count of a service's scalable target against its Auto Scaling groups at their
    /// maximum size, by CPU, memory, fixed host ports and awsvpc network interfaces. Per group the
    /// largest instance type counts (a mixed group may launch it), so a finding holds whatever the
    /// group launches. The DAEMON services of the cluster take their CPU and memory on every instance
    /// first. Placement also depends on other services on the same instances: a warning.
    /// </summary>
    public static IEnumerable<Finding> MaxTasksFitCapacity(TemplateIndex index)
    {
        foreach (var target in index.OfType("AWS::ApplicationAutoScaling::ScalableTarget").Where(t => Str(t.P("ScalableDimension")) == "ecs:service:DesiredCount"))
        {
            var service = index.OfType(Service).FirstOrDefault(s => Mentions(target.P("ResourceId"), s.Key));
            var maxTasks = Int(target.P("MaxCapacity"));
            var td = service is null ? null : index.TaskDef(service);
            var groups = service is null ? null : index.Ec2Groups(service);
            if (service is null || td is null || groups is null || maxTasks is not > 0)
            {
                continue;
            }

            var daemonNames = new SortedSet<string>(StringComparer.Ordinal);
            var capacity = new List<(CfnEntry Group, int MaxSize, string Type, InstanceTypeCatalog.InstanceSpec Spec, int DaemonCpu, int DaemonMemory)>();
            foreach (var group in groups)
            {
                var types = index.InstanceTypes(group);
                var max = Int(group.P("MaxSize"));
                if (types is null || max is null)
                {
                    capacity.Clear();
                    break;
                }

                var unknown = types.FirstOrDefault(t => !InstanceTypeCatalog.TryGet(t, out _));
                if (unknown is not null)
                {
                    yield return new Finding(target, $"maximum task count not compared with {group.Path}: the instance type table does not list '{unknown}'.", Info: true);
                    capacity.Clear();
                    break;
                }

                var largest = types.Select(t => (Type: t, Spec: InstanceTypeCatalog.TryGet(t, out var s) ? s : null)).Where(t => t.Spec is not null).MaxBy(t => (t.Spec!.CpuUnits, t.Spec.MemoryMiB));
                var daemons = index.DaemonsOn(service, group);
                daemonNames.UnionWith(daemons.Select(d => d.Daemon.Path));
                capacity.Add((group, max.Value, largest.Type, largest.Spec!, daemons.Sum(d => d.Cpu), daemons.Sum(d => d.Memory)));
            }

            if (capacity.Count == 0)
            {
                continue;
            }

            var (cpu, memory) = TaskSize(td);
            var mode = NetworkMode(td);
            var fixedPorts = mode == "awsvpc" ? [] : Containers(td).SelectMany(c => Objects(Get(c, "PortMappings")))
                .Select(m => mode == "host" ? Int(Get(m, "ContainerPort")) : Int(Get(m, "HostPort"))).OfType<int>().Where(p => p > 0).Distinct().Order().ToList();
            var at = $"MaxCapacity {maxTasks} of {service.Path} cannot fit its EC2 capacity at its maximum size";
            var of = string.Join(" and ", capacity.Select(c => $"{c.Group.Path} ({c.MaxSize} × {c.Type})"));
            var beside = daemonNames.Count == 0 ? string.Empty : $" beside the tasks of DAEMON service {string.Join(" and ", daemonNames)} on every instance";

            if (cpu is > 0)
            {
                var room = capacity.Sum(c => (long)c.MaxSize * (Math.Max(0, c.Spec.CpuUnits - c.DaemonCpu) / cpu.Value));
                if (room < maxTasks)
                {
                    var terms = string.Join(" + ", capacity.Select(c => $"{c.MaxSize} × {c.Spec.CpuUnits - c.DaemonCpu}"));
                    yield return new Finding(target, $"{at} by CPU: {maxTasks} tasks × {cpu} CPU units needs {(long)maxTasks.Value * cpu.Value} CPU units, but {of} offers {terms} = {capacity.Sum(c => (long)c.MaxSize * (c.Spec.CpuUnits - c.DaemonCpu))} CPU units{beside}: room for {room} tasks, {maxTasks - room} short.");
                }
            }

            if (memory is > 0)
            {
                var room = capacity.Sum(c => (long)c.MaxSize * (Math.Max(0, c.Spec.AvailableMemoryMiB - c.DaemonMemory) / memory.Value));
                if (room < maxTasks)
                {
                    var terms = string.Join(" + ", capacity.Select(c => $"{c.MaxSize} × {c.Spec.AvailableMemoryMiB - c.DaemonMemory}"));
                    var overhead = (InstanceTypeCatalog.MemoryOverheadFraction * 100).ToString(CultureInfo.InvariantCulture);
                    yield return new Finding(target, $"{at} by memory: {maxTasks} tasks × {memory} MiB needs {(long)maxTasks.Value * memory.Value} MiB, but {of} offers {terms} = {capacity.Sum(c => (long)c.MaxSize * (c.Spec.AvailableMemoryMiB - c.DaemonMemory))} MiB (nominal memory less {overhead} % for the OS, Docker and the ECS agent){beside}: room for {room} tasks, {maxTasks - room} short.");
                }
            }

            if (fixedPorts.Count > 0)
            {
                var room = capacity.Sum(c => (long)c.MaxSize);
                if (room < maxTasks)
                {
                    yield return new Finding(target, $"{at} by host ports: the task binds fixed host port(s) {string.Join(", ", fixedPorts)}, so at most one task runs per instance, and {of} has at most {room} instances: {maxTasks - room} tasks short.");
                }
            }

            if (mode == "awsvpc")
            {
                var room = capacity.Sum(c => (long)c.MaxSize * c.Spec.AwsvpcTaskSlots);
                if (room < maxTasks)
                {
                    var terms = string.Join(" + ", capacity.Select(c => $"{c.MaxSize} × {c.Spec.AwsvpcTaskSlots}"));
                    yield return new Finding(target, $"{at} by network interfaces: each awsvpc task needs its own ENI and the instance keeps its primary one, so {of} offers {terms} = {room} task ENIs: {maxTasks - room} tasks short (without ENI trunking).");
                }
            }
        }
    }
}
