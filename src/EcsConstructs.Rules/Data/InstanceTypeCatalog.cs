using System.Diagnostics.CodeAnalysis;

namespace EcsConstructs.Rules.Data;

/// <summary>
/// The EC2 instance types the library knows at synth time: vCPUs, memory, maximum network
/// interfaces and CPU architecture, as published in the Amazon EC2 instance type
/// specifications (general purpose, compute optimized and memory optimized tables). Covers the
/// families t3, t3a, t4g, m5, m6i, m6g, m7i, m7g, c5, c6i, c6g, c7g, r5, r6i and r6g in the sizes
/// nano to 4xlarge that exist. Synth-time checks use it to compare what tasks ask for with what
/// instances offer; a type not listed here is unknown and such checks are skipped.
/// </summary>
/// <remarks>
/// The data is a fixed table compiled into the library (no network calls at synth). To add a
/// type, add one line to <see cref="Specs"/> with the numbers from the EC2 documentation.
/// </remarks>
internal static class InstanceTypeCatalog
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
    // nothing to start (a frozen dictionary of structs took 20-30 ms of JIT in a cold process).
    private static readonly Dictionary<string, InstanceSpec> Specs = new InstanceSpec[]
    {
        // Burstable. t3 and t3a differ in network interfaces for small (3 vs 2).
        new("t3.nano", 2, 512, 2, X86), new("t3.micro", 2, 1024, 2, X86), new("t3.small", 2, 2048, 3, X86),
        new("t3.medium", 2, 4096, 3, X86), new("t3.large", 2, 8192, 3, X86), new("t3.xlarge", 4, 16384, 4, X86),
        new("t3.2xlarge", 8, 32768, 4, X86),
        new("t3a.nano", 2, 512, 2, X86), new("t3a.micro", 2, 1024, 2, X86), new("t3a.small", 2, 2048, 2, X86),
        new("t3a.medium", 2, 4096, 3, X86), new("t3a.large", 2, 8192, 3, X86), new("t3a.xlarge", 4, 16384, 4, X86),
        new("t3a.2xlarge", 8, 32768, 4, X86),
        new("t4g.nano", 2, 512, 2, Arm), new("t4g.micro", 2, 1024, 2, Arm), new("t4g.small", 2, 2048, 3, Arm),
        new("t4g.medium", 2, 4096, 3, Arm), new("t4g.large", 2, 8192, 3, Arm), new("t4g.xlarge", 4, 16384, 4, Arm),
        new("t4g.2xlarge", 8, 32768, 4, Arm),

        // General purpose: 4 GiB per vCPU.
        new("m5.large", 2, 8192, 3, X86), new("m5.xlarge", 4, 16384, 4, X86), new("m5.2xlarge", 8, 32768, 4, X86),
        new("m5.4xlarge", 16, 65536, 8, X86),
        new("m6i.large", 2, 8192, 3, X86), new("m6i.xlarge", 4, 16384, 4, X86), new("m6i.2xlarge", 8, 32768, 4, X86),
        new("m6i.4xlarge", 16, 65536, 8, X86),
        new("m6g.medium", 1, 4096, 2, Arm), new("m6g.large", 2, 8192, 3, Arm), new("m6g.xlarge", 4, 16384, 4, Arm),
        new("m6g.2xlarge", 8, 32768, 4, Arm), new("m6g.4xlarge", 16, 65536, 8, Arm),
        new("m7i.large", 2, 8192, 3, X86), new("m7i.xlarge", 4, 16384, 4, X86), new("m7i.2xlarge", 8, 32768, 4, X86),
        new("m7i.4xlarge", 16, 65536, 8, X86),
        new("m7g.medium", 1, 4096, 2, Arm), new("m7g.large", 2, 8192, 3, Arm), new("m7g.xlarge", 4, 16384, 4, Arm),
        new("m7g.2xlarge", 8, 32768, 4, Arm), new("m7g.4xlarge", 16, 65536, 8, Arm),

        // Compute optimized: 2 GiB per vCPU.
        new("c5.large", 2, 4096, 3, X86), new("c5.xlarge", 4, 8192, 4, X86), new("c5.2xlarge", 8, 16384, 4, X86),
        new("c5.4xlarge", 16, 32768, 8, X86),
        new("c6i.large", 2, 4096, 3, X86), new("c6i.xlarge", 4, 8192, 4, X86), new("c6i.2xlarge", 8, 16384, 4, X86),
        new("c6i.4xlarge", 16, 32768, 8, X86),
        new("c6g.medium", 1, 2048, 2, Arm), new("c6g.large", 2, 4096, 3, Arm), new("c6g.xlarge", 4, 8192, 4, Arm),
        new("c6g.2xlarge", 8, 16384, 4, Arm), new("c6g.4xlarge", 16, 32768, 8, Arm),
        new("c7g.medium", 1, 2048, 2, Arm), new("c7g.large", 2, 4096, 3, Arm), new("c7g.xlarge", 4, 8192, 4, Arm),
        new("c7g.2xlarge", 8, 16384, 4, Arm), new("c7g.4xlarge", 16, 32768, 8, Arm),

        // Memory optimized: 8 GiB per vCPU.
        new("r5.large", 2, 16384, 3, X86), new("r5.xlarge", 4, 32768, 4, X86), new("r5.2xlarge", 8, 65536, 4, X86),
        new("r5.4xlarge", 16, 131072, 8, X86),
        new("r6i.large", 2, 16384, 3, X86), new("r6i.xlarge", 4, 32768, 4, X86), new("r6i.2xlarge", 8, 65536, 4, X86),
        new("r6i.4xlarge", 16, 131072, 8, X86),
        new("r6g.medium", 1, 8192, 2, Arm), new("r6g.large", 2, 16384, 3, Arm), new("r6g.xlarge", 4, 32768, 4, Arm),
        new("r6g.2xlarge", 8, 65536, 4, Arm), new("r6g.4xlarge", 16, 131072, 8, Arm),
    }.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

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

    /// <summary>One instance type's published data.</summary>
    /// <param name="Name">API name, e.g. <c>t3.small</c>.</param>
    /// <param name="Vcpus">Number of vCPUs.</param>
    /// <param name="MemoryMiB">Nominal memory in MiB.</param>
    /// <param name="MaxNetworkInterfaces">Maximum number of network interfaces (ENIs), the primary one included.</param>
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
