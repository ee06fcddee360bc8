using System.Collections.ObjectModel;

namespace EcsConstructs.Rules.Data;

/// <summary>
/// The task sizes Fargate accepts: for each task-level CPU value (in CPU units, 1024 = 1 vCPU)
/// the task-level memory values (MiB) it may be combined with. This is the one place the table
/// lives; the task definition construct and the synth-time rules read it from here.
/// </summary>
/// <remarks>
/// Source: Amazon ECS developer guide, "Task CPU and memory" (Fargate), as of 2024:
/// <list type="table">
/// <listheader><term>CPU units</term><description>memory (MiB)</description></listheader>
/// <item><term>256</term><description>512, 1024, 2048</description></item>
/// <item><term>512</term><description>1024 to 4096 in steps of 1024</description></item>
/// <item><term>1024</term><description>2048 to 8192 in steps of 1024</description></item>
/// <item><term>2048</term><description>4096 to 16384 in steps of 1024</description></item>
/// <item><term>4096</term><description>8192 to 30720 in steps of 1024</description></item>
/// <item><term>8192</term><description>16384 to 61440 in steps of 4096 (Linux platform 1.4.0 or later)</description></item>
/// <item><term>16384</term><description>32768 to 122880 in steps of 8192 (Linux platform 1.4.0 or later)</description></item>
/// </list>
/// A CloudFormation deploy with any other pair fails with "No Fargate configuration exists for given values".
/// </remarks>
internal static class FargateSizes
{
    private static readonly (int Cpu, int MinMiB, int MaxMiB, int StepMiB)[] Ranges =
    [
        (512, 1024, 4096, 1024),
        (1024, 2048, 8192, 1024),
        (2048, 4096, 16384, 1024),
        (4096, 8192, 30720, 1024),
        (8192, 16384, 61440, 4096),
        (16384, 32768, 122880, 8192),
    ];

    private static readonly ReadOnlyDictionary<int, ReadOnlyCollection<int>> Table = Build();

    /// <summary>The allowed task-level CPU values, ascending: 256, 512, 1024, 2048, 4096, 8192, 16384.</summary>
    public static IReadOnlyList<int> CpuValues { get; } = Table.Keys.Order().ToList().AsReadOnly();

    /// <summary>The memory values (MiB) allowed with <paramref name="cpu"/> CPU units, ascending; empty when the CPU value is not a Fargate size.</summary>
    /// <param name="cpu">Task-level CPU units.</param>
    public static IReadOnlyList<int> MemoryValuesFor(int cpu) =>
        Table.TryGetValue(cpu, out var values) ? values : ReadOnlyCollection<int>.Empty;

    /// <summary>
    /// The task-level CPU values Windows containers accept on Fargate: 1024, 2048 and 4096 (with the
    /// memory values of the same rows). Windows tasks on Fargate run on X86_64 only.
    /// </summary>
    public static IReadOnlyList<int> WindowsCpuValues { get; } = new List<int> { 1024, 2048, 4096 }.AsReadOnly();

    /// <summary>Whether <paramref name="cpu"/> is a task CPU value Windows containers accept on Fargate.</summary>
    /// <param name="cpu">Task-level CPU units.</param>
    public static bool IsValidWindowsCpu(int cpu) => WindowsCpuValues.Contains(cpu);

    /// <summary>Whether <paramref name="cpu"/> is an allowed Fargate task CPU value.</summary>
    /// <param name="cpu">Task-level CPU units.</param>
    public static bool IsValidCpu(int cpu) => Table.ContainsKey(cpu);

    /// <summary>Whether Fargate accepts the task-level pair.</summary>
    /// <param name="cpu">Task-level CPU units.</param>
    /// <param name="memoryMiB">Task-level memory in MiB.</param>
    public static bool IsValid(int cpu, int memoryMiB) => MemoryValuesFor(cpu).Contains(memoryMiB);

    /// <summary>
    /// The allowed memory values for <paramref name="cpu"/> as a phrase for error messages:
    /// a list when short ("512, 1024, 2048 MiB"), else a range ("2048 to 8192 MiB in steps of 1024 MiB").
    /// </summary>
    /// <param name="cpu">An allowed task-level CPU value.</param>
    public static string DescribeMemoryFor(int cpu)
    {
        var values = MemoryValuesFor(cpu);
        if (values.Count == 0)
        {
            return "none";
        }

        if (values.Count <= 4)
        {
            return string.Join(", ", values) + " MiB";
        }

        return $"{values[0]} to {values[^1]} MiB in steps of {values[1] - values[0]} MiB";
    }

    private static ReadOnlyDictionary<int, ReadOnlyCollection<int>> Build()
    {
        var table = new Dictionary<int, ReadOnlyCollection<int>>();
        foreach (var (cpu, min, max, step) in Ranges)
        {
            var values = new List<int>();
            for (var m = min; m <= max; m += step)
            {
                values.Add(m);
            }

            table[cpu] = values.AsReadOnly();
        }

        // 256 CPU units is the one irregular row: 512, 1024 and 2048 MiB (no 1536).
        table[256] = new List<int> { 512, 1024, 2048 }.AsReadOnly();
        return new ReadOnlyDictionary<int, ReadOnlyCollection<int>>(table);
    }
}
