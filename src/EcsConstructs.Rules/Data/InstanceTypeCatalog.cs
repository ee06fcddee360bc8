using System.Diagnostics.CodeAnalysis;

namespace EcsConstructs.Rules.Data;

/// <summary>
/// The EC2 instance types the library knows at synth time: vCPUs, memory, maximum network
/// interfaces and CPU architecture, for every size (the smallest to the largest, bare metal
/// included) of the current burstable, general purpose, compute optimized and memory optimized
/// families, x86 and AWS Graviton: t2, t3, t3a, t4g; m5, m5a, m5n, m5zn, m6a, m6g, m6i, m6in,
/// m7a, m7g, m7i, m7i-flex, m8g; c5, c5a, c5n, c6a, c6g, c6gn, c6i, c6in, c7a, c7g, c7gn, c7i,
/// c7i-flex, c8g; r5, r5a, r5b, r5n, r6a, r6g, r6i, r6in, r7a, r7g, r7i, r7iz, r8g, x2gd, z1d.
/// Synth-time checks use it to compare what tasks ask for with what instances offer; a type not
/// listed here is unknown and such checks are skipped.
/// </summary>
/// <remarks>
/// <para>
/// The numbers are AWS's published ones: the Amazon EC2 user guide's general purpose, compute
/// optimized and memory optimized specification tables and its table of network interfaces per
/// instance type, and, for the families that came after those tables, the tables AWS's own
/// projects generate from the EC2 DescribeInstanceTypes API (Karpenter's instance type
/// reference, the Amazon EKS AMI's instance-info.jsonl). <c>tools/instance-types/families.tsv</c>
/// gives the URLs and the date they were read for each family.
/// </para>
/// <para>
/// The table is compiled into the library (no network calls at synth). It is generated:
/// <c>InstanceTypes.g.cs</c> is written by <c>node tools/instance-types/generate.js</c> from
/// <c>tools/instance-types/instance-types.tsv</c>. To add or correct a type, edit that file (and
/// families.tsv for a new family) and run the generator; see <c>tools/instance-types/README.md</c>.
/// </para>
/// </remarks>
internal static partial class InstanceTypeCatalog
{
    /// <summary>CPU units ECS registers per vCPU.</summary>
    public const int CpuUnitsPerVcpu = 1024;

    /// <summary>
    /// Share of an instance's nominal memory that is not available to tasks: the ECS agent
    /// registers the memory the operating system reports, which is below the nominal size by
    /// what the kernel, firmware and hypervisor reserve, and the OS, Docker and the agent
    /// themselves run in what remains. 6 % is an estimate for the ECS-optimized Amazon Linux
    /// 2023 AMI, not a measured value per type (so an m5.large's 8192 MiB count as 7700 MiB);
    /// it does not include <c>ECS_RESERVED_MEMORY</c>, which the library leaves at 0. Checks
    /// built on it warn, never fail.
    /// </summary>
    public const double MemoryOverheadFraction = 0.06;

    /// <summary>The CPU architecture of an instance type.</summary>
    public enum CpuArchitecture
    {
        /// <summary>Intel or AMD, x86_64.</summary>
        X86_64,

        /// <summary>AWS Graviton, arm64.</summary>
        Arm64,
    }

    private const CpuArchitecture X86 = CpuArchitecture.X86_64;
    private const CpuArchitecture Arm = CpuArchitecture.Arm64;

    // A plain dictionary of classes: its code is precompiled in the framework, so the table costs
    // nothing to start (a frozen dictionary of structs took 20-30 ms of JIT in a cold process). The
    // generated rows are columns read in one small loop: an array initializer of 400 rows would
    // cost as much JIT as the frozen dictionary did.
    private static readonly Dictionary<string, InstanceSpec> Specs = CreateSpecs();

    /// <summary>All known instance types, by name.</summary>
    public static IReadOnlyDictionary<string, InstanceSpec> All => Specs;

    /// <summary>Looks up an instance type by its API name, e.g. <c>"t3.small"</c> (case-insensitive).</summary>
    /// <param name="instanceType">The instance type name (<c>InstanceType.ToString()</c>).</param>
    /// <param name="spec">The type's data when known.</param>
    /// <returns>Whether the type is in the table.</returns>
    public static bool TryGet(string? instanceType, [MaybeNullWhen(false)] out InstanceSpec spec)
    {
        if (instanceType is not null && Specs.TryGetValue(instanceType.Trim(), out var found))
        {
            spec = found;
            return true;
        }

        spec = null;
        return false;
    }

    private static Dictionary<string, InstanceSpec> CreateSpecs()
    {
        var names = GeneratedNames.Split(' ');
        ReadOnlySpan<short> vcpus = GeneratedVcpus;
        ReadOnlySpan<int> memoryMiB = GeneratedMemoryMiB;
        ReadOnlySpan<byte> networkInterfaces = GeneratedMaxNetworkInterfaces;
        ReadOnlySpan<byte> arm64 = GeneratedArm64;
        if (names.Length != GeneratedCount || vcpus.Length != GeneratedCount || memoryMiB.Length != GeneratedCount
            || networkInterfaces.Length != GeneratedCount || arm64.Length != GeneratedCount)
        {
            throw new InvalidOperationException("InstanceTypes.g.cs has columns of different lengths: run node tools/instance-types/generate.js.");
        }

        var specs = new Dictionary<string, InstanceSpec>(GeneratedCount, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Length; i++)
        {
            specs.Add(names[i], new InstanceSpec(names[i], vcpus[i], memoryMiB[i], networkInterfaces[i], arm64[i] != 0 ? Arm : X86));
        }

        return specs;
    }

    /// <summary>One instance type's published data.</summary>
    /// <param name="Name">API name, e.g. <c>t3.small</c>.</param>
    /// <param name="Vcpus">Number of vCPUs.</param>
    /// <param name="MemoryMiB">Nominal memory in MiB.</param>
    /// <param name="MaxNetworkInterfaces">
    /// Maximum number of network interfaces (ENIs), the primary one included. For the types with two
    /// network cards (c6in, m6in and r6in, 32xlarge and metal) it is the default card's share (8 of
    /// 16): interfaces attach to card 0 unless a card index is given.
    /// </param>
    /// <param name="Architecture">CPU architecture.</param>
    internal sealed record InstanceSpec(string Name, int Vcpus, int MemoryMiB, int MaxNetworkInterfaces, CpuArchitecture Architecture)
    {
        /// <summary>CPU units ECS registers for the instance (1024 per vCPU).</summary>
        public int CpuUnits => Vcpus * CpuUnitsPerVcpu;

        /// <summary>Memory in MiB estimated to be available to tasks: nominal memory less <see cref="MemoryOverheadFraction"/>.</summary>
        public int AvailableMemoryMiB => (int)Math.Floor(MemoryMiB * (1 - MemoryOverheadFraction));

        /// <summary>
        /// Tasks in <c>awsvpc</c> mode that fit by network interfaces (one ENI each; the primary
        /// ENI belongs to the instance), without ENI trunking.
        /// </summary>
        public int AwsvpcTaskSlots => Math.Max(0, MaxNetworkInterfaces - 1);
    }
}
