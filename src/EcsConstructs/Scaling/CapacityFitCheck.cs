using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using Amazon.JSII.Runtime.Deputy;
using Constructs;
using EcsConstructs.Rules.Data;
using EcsConstructs.Clusters;
using EcsConstructs.Rules;
using EcsConstructs.Validation;

namespace EcsConstructs.Scaling;

/// <summary>
/// Synth-time check (an aspect, so containers added after the scaling construct count) that the
/// maximum task count fits the cluster's EC2 capacity at its maximum size, by CPU, memory, fixed
/// host ports and awsvpc network interfaces (DEPLOY-FAILURES class 1: "unable to place a task").
/// It warns, never fails: placement also depends on other services on the same instances.
/// </summary>
internal sealed class CapacityFitCheck : DeputyBase, IAspect
{
    /// <summary>Warning id: the maximum task count does not fit by one of the dimensions.</summary>
    public const string WarningId = "@ecsconstructs/scaling:capacityFit";

    /// <summary>Info id: the check was skipped.</summary>
    public const string SkippedId = "@ecsconstructs/scaling:capacityFitSkipped";

    private readonly ServiceScaling _owner;
    private readonly BaseService _service;
    private readonly int _maxTasks;
    private bool _done;

    public CapacityFitCheck(ServiceScaling owner, BaseService service, int maxTasks)
    {
        _owner = owner;
        _service = service;
        _maxTasks = maxTasks;
    }

    public void Visit(IConstruct node)
    {
        // The aspect is added to the scaling construct and visits its subtree; run once.
        if (_done || !ReferenceEquals(node, _owner))
        {
            return;
        }

        _done = true;
        Run();
    }

    private void Run()
    {
        if (_service is FargateService)
        {
            return; // Fargate: no instances to fit.
        }

        var annotations = Annotations.Of(_owner);
        var cluster = EcsCluster.Of(_service.Cluster);
        if (cluster is null)
        {
            annotations.AddInfo($"Capacity fit of MaxCapacity not checked: the cluster of {_service.Node.Path} was not built with EcsCluster, so its EC2 capacity is unknown.");
            return;
        }

        var capacities = cluster.Ec2Capacity;
        if (capacities.Count == 0)
        {
            return; // No EC2 capacity of ours: nothing to fit.
        }

        var known = new List<(string Id, string Type, int MaxInstances, InstanceTypeCatalog.InstanceSpec Spec)>();
        foreach (var capacity in capacities)
        {
            var type = capacity.Options.InstanceType.ToString();
            if (!InstanceTypeCatalog.TryGet(type, out var spec))
            {
                annotations.AddInfo($"Capacity fit of MaxCapacity not checked: EC2 capacity '{capacity.Options.Id}' uses instance type '{type}', which the instance type table (InstanceTypeCatalog) does not list.");
                return;
            }

            known.Add((capacity.Options.Id, type, capacity.Options.MaxCapacity, spec));
        }

        var task = TaskNeeds.Of(_service.TaskDefinition);
        if (task.Cpu > 0)
        {
            var room = known.Sum(k => (long)k.MaxInstances * (k.Spec.CpuUnits / task.Cpu));
            if (room < _maxTasks)
            {
                var terms = string.Join(" + ", known.Select(k => $"{k.MaxInstances} × {k.Spec.CpuUnits}"));
                var total = known.Sum(k => (long)k.MaxInstances * k.Spec.CpuUnits);
                Warn("Cpu", $"by CPU: {_maxTasks} tasks × {task.Cpu} CPU units needs {(long)_maxTasks * task.Cpu} CPU units, but {Describe(known)} offers {terms} = {total} CPU units: room for {room} tasks, {_maxTasks - room} short.");
            }
        }

        if (task.MemoryMiB > 0)
        {
            var room = known.Sum(k => (long)k.MaxInstances * (k.Spec.AvailableMemoryMiB / task.MemoryMiB));
            if (room < _maxTasks)
            {
                var terms = string.Join(" + ", known.Select(k => $"{k.MaxInstances} × {k.Spec.AvailableMemoryMiB}"));
                var total = known.Sum(k => (long)k.MaxInstances * k.Spec.AvailableMemoryMiB);
                var overhead = (InstanceTypeCatalog.MemoryOverheadFraction * 100).ToString(CultureInfo.InvariantCulture);
                Warn("Memory", $"by memory: {_maxTasks} tasks × {task.MemoryMiB} MiB needs {(long)_maxTasks * task.MemoryMiB} MiB, but {Describe(known)} offers {terms} = {total} MiB (nominal memory less {overhead} % for the OS, Docker and the ECS agent): room for {room} tasks, {_maxTasks - room} short.");
            }
        }

        if (task.FixedHostPorts.Count > 0)
        {
            var room = known.Sum(k => (long)k.MaxInstances);
            if (room < _maxTasks)
            {
                Warn("HostPorts", $"by host ports: the task binds fixed host port(s) {string.Join(", ", task.FixedHostPorts)}, so at most one task runs per instance, and {Describe(known)} has at most {room} instances: {_maxTasks - room} tasks short. Use dynamic host ports (bridge mode, host port 0) to run several tasks per instance.");
            }
        }

        if (task.Awsvpc)
        {
            var room = known.Sum(k => (long)k.MaxInstances * k.Spec.AwsvpcTaskSlots);
            if (room < _maxTasks)
            {
                var terms = string.Join(" + ", known.Select(k => $"{k.MaxInstances} × {k.Spec.AwsvpcTaskSlots}"));
                Warn("NetworkInterfaces", $"by network interfaces: each awsvpc task needs its own ENI and the instance keeps its primary one, so {Describe(known)} offers {terms} = {room} task ENIs: {_maxTasks - room} tasks short (without ENI trunking).");
            }
        }
    }

    private void Warn(string dimension, string detail) =>
        Annotations.Of(_owner).AddWarningV2($"{WarningId}{dimension}",
            $"MaxCapacity {_maxTasks} of {_service.Node.Path} cannot fit the cluster's EC2 capacity at its maximum size {detail} Raise the capacity's MaxCapacity, use a larger instance type or lower MaxCapacity.");

    private static string Describe(List<(string Id, string Type, int MaxInstances, InstanceTypeCatalog.InstanceSpec Spec)> known) =>
        string.Join(" and ", known.Select(k => $"EC2 capacity '{k.Id}' ({k.MaxInstances} × {k.Type})"));

    /// <summary>What one task asks of an instance, read from the synthesized task definition.</summary>
    private sealed record TaskNeeds(int Cpu, int MemoryMiB, IReadOnlyList<int> FixedHostPorts, bool Awsvpc)
    {
        public static TaskNeeds Of(TaskDefinition taskDefinition)
        {
            var networkMode = taskDefinition.NetworkMode;
            var host = networkMode == NetworkMode.HOST;
            var awsvpc = networkMode == NetworkMode.AWS_VPC;
            var cfn = (CfnTaskDefinition)taskDefinition.Node.DefaultChild!;

            // Container definitions are a lazy value of the L1: resolve them once to plain JSON.
            var containers = cfn.ContainerDefinitions is null ? [] : JsiiJson.ToJson(Stack.Of(taskDefinition).Resolve(cfn.ContainerDefinitions)) as JsonArray ?? [];
            var cpu = 0;
            var memory = 0;
            var ports = new SortedSet<int>();
            foreach (var container in containers.OfType<JsonObject>())
            {
                cpu += Int(Get(container, nameof(Cpu)));
                memory += Int(Get(container, "MemoryReservation")) is > 0 and var reservation ? reservation : Int(Get(container, "Memory"));
                foreach (var mapping in (Get(container, "PortMappings") as JsonArray ?? []).OfType<JsonObject>())
                {
                    var hostPort = host ? Int(Get(mapping, "ContainerPort")) : Int(Get(mapping, "HostPort"));
                    if (!awsvpc && hostPort > 0)
                    {
                        ports.Add(hostPort);
                    }
                }
            }

            // Task-level sizes, when given, are what placement reserves.
            cpu = ParseSize(cfn.Cpu) ?? cpu;
            memory = ParseSize(cfn.Memory) ?? memory;
            return new TaskNeeds(cpu, memory, [.. ports], awsvpc);
        }

        // The resolved L1 value uses the L1's camelCase keys; the template uses PascalCase.
        private static JsonNode? Get(JsonObject obj, string pascalCase) =>
            obj[pascalCase] ?? obj[char.ToLowerInvariant(pascalCase[0]) + pascalCase[1..]];

        private static int? ParseSize(string? value) =>
            value is not null && !Token.IsUnresolved(value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

        private static int Int(JsonNode? node) =>
            node is JsonValue v && v.TryGetValue<double>(out var d) ? (int)d
            : node is JsonValue s && s.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
            : 0;
    }
}
