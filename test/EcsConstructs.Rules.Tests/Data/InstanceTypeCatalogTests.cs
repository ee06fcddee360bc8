using EcsConstructs.Rules.Data;

namespace EcsConstructs.Rules.Tests.Data;

/// <summary>The instance type table the capacity rules read.</summary>
public sealed class InstanceTypeCatalogTests
{
    [Theory]
    [InlineData("t3.small", 2, 2048, 3, false)]
    [InlineData("t3a.small", 2, 2048, 2, false)]
    [InlineData("t4g.nano", 2, 512, 2, true)]
    [InlineData("m6g.medium", 1, 4096, 2, true)]
    [InlineData("c5.4xlarge", 16, 32768, 8, false)]
    [InlineData("r6i.large", 2, 16384, 3, false)]
    public void Known_types_have_their_published_numbers(string name, int vcpus, int memoryMiB, int enis, bool arm)
    {
        Assert.True(InstanceTypeCatalog.TryGet(name, out var spec));
        Assert.Equal((vcpus, memoryMiB, enis, arm), (spec.Vcpus, spec.MemoryMiB, spec.MaxNetworkInterfaces, spec.Architecture == InstanceTypeCatalog.CpuArchitecture.Arm64));
        Assert.Equal(vcpus * 1024, spec.CpuUnits);
    }

    [Fact]
    public void Lookup_ignores_case_and_surrounding_spaces()
    {
        Assert.True(InstanceTypeCatalog.TryGet(" T3.Medium ", out var spec));
        Assert.Equal("t3.medium", spec.Name);
    }

    [Theory]
    [InlineData("g5.xlarge")]
    [InlineData("t3.8xlarge")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_types_are_not_found(string? name)
    {
        Assert.False(InstanceTypeCatalog.TryGet(name, out _));
    }

    [Fact]
    public void Available_memory_keeps_the_overhead_margin()
    {
        Assert.True(InstanceTypeCatalog.TryGet("t3.medium", out var spec));
        Assert.Equal(3850, spec.AvailableMemoryMiB);
    }

    [Fact]
    public void Every_family_is_covered_and_graviton_families_are_arm()
    {
        string[] families = ["t3", "t3a", "t4g", "m5", "m6i", "m6g", "m7i", "m7g", "c5", "c6i", "c6g", "c7g", "r5", "r6i", "r6g"];
        var byFamily = InstanceTypeCatalog.All.Values.GroupBy(s => s.Name.Split('.')[0]).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(families.Order(), byFamily.Keys.Order());
        Assert.All(byFamily, f => Assert.All(f.Value, s => Assert.Equal(
            f.Key.EndsWith('g') ? InstanceTypeCatalog.CpuArchitecture.Arm64 : InstanceTypeCatalog.CpuArchitecture.X86_64, s.Architecture)));
        Assert.All(InstanceTypeCatalog.All.Values, s => Assert.True(s.MemoryMiB >= 512 && s.Vcpus >= 1 && s.MaxNetworkInterfaces >= 2));
    }
}
