using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Conditions;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Tasks;

/// <summary>Task and container sizes: Fargate CPU/memory pairs, container memory (ECS038, ECS039).</summary>
internal static class TaskSizeRules
{
    public static IEnumerable<Finding> FargateSize(TemplateIndex index)
    {
        foreach (var td in index.OfType(TaskDefinition).Where(RequiresFargate))
        {
            var cpuNode = td.P("Cpu");
            var memoryNode = td.P("Memory");
            var (cpu, memory) = (Int(cpuNode), Int(memoryNode));
            if (cpuNode is null)
            {
                yield return new Finding(td, "requires FARGATE without a task-level Cpu (\"Fargate requires that 'cpu' be defined at the task level\").");
            }
            else if (memoryNode is null)
            {
                yield return new Finding(td, "requires FARGATE without a task-level Memory (\"Fargate requires that 'memory' be defined at the task level\").");
            }
            else if (cpu is { } c && memory is { } m)
            {
                if (!FargateSizes.IsValidCpu(c))
                {
                    yield return new Finding(td, $"requires FARGATE with Cpu {c}; Fargate accepts {string.Join(", ", FargateSizes.CpuValues)} (\"Invalid 'cpu' setting for task\").");
                }
                else if (!FargateSizes.IsValid(c, m))
                {
                    yield return new Finding(td, $"requires FARGATE with Cpu {c} and Memory {m}; with {c} CPU units Fargate accepts {FargateSizes.DescribeMemoryFor(c)} (\"No Fargate configuration exists for given values: {c} CPU, {m} memory\").");
                }
                else if (IsWindows(td) && !FargateSizes.IsValidWindowsCpu(c))
                {
                    yield return new Finding(td, $"runs Windows on FARGATE with Cpu {c}; Windows tasks on Fargate accept {string.Join(", ", FargateSizes.WindowsCpuValues)}.");
                }
            }

            if (IsWindows(td) && Str(td.P("RuntimePlatform.CpuArchitecture")) == "ARM64")
            {
                yield return new Finding(td, "runs Windows on FARGATE with CpuArchitecture ARM64; Windows tasks on Fargate run on X86_64 only.");
            }
        }
    }

    private static bool IsWindows(CfnEntry td) =>
        Str(td.P("RuntimePlatform.OperatingSystemFamily"))?.StartsWith("WINDOWS", StringComparison.Ordinal) == true;

    public static IEnumerable<Finding> ContainerMemory(TemplateIndex index)
    {
        foreach (var td in index.OfType(TaskDefinition))
        {
            var taskMemory = Int(td.P("Memory"));
            var taskMemoryGiven = td.P("Memory") is not null;
            foreach (var container in Containers(td))
            {
                var name = Str(Get(container, "Name"));
                var (memoryNode, reservationNode) = (Get(container, "Memory"), Get(container, "MemoryReservation"));
                var (memory, reservation) = (Int(memoryNode), Int(reservationNode));
                if (!taskMemoryGiven && memoryNode is null && reservationNode is null)
                {
                    yield return new Finding(td, $"container '{name}' has neither Memory nor MemoryReservation and the task has no Memory (\"At least one of 'memory' or 'memoryReservation' must be specified\").");
                }

                if (TaskLimits.ContainerAboveTask(memory, taskMemory))
                {
                    yield return new Finding(td, $"container '{name}' Memory {memory} MiB is greater than the task's {taskMemory} MiB (\"The 'memory' setting for container '{name}' is greater than for the task\").");
                }

                if (TaskLimits.ReservationAboveLimit(reservation, memory))
                {
                    yield return new Finding(td, $"container '{name}' MemoryReservation {reservation} MiB is greater than its Memory {memory} MiB; the hard limit must be at least the reservation.");
                }
                else if (TaskLimits.ContainerAboveTask(reservation, taskMemory))
                {
                    yield return new Finding(td, $"container '{name}' MemoryReservation {reservation} MiB is greater than the task's {taskMemory} MiB.");
                }
            }
        }
    }
}
