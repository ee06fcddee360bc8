using System.Globalization;
using EcsConstructs.Rules.Data;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Rules.Tests.Data;

/// <summary>
/// The instance type table the capacity rules read: generated from tools/instance-types/instance-types.tsv
/// (node tools/instance-types/generate.js), so these tests read the data file too.
/// </summary>
public sealed class InstanceTypeCatalogTests
{
    /// <summary>The families the table must cover (every size of each).</summary>
    private static readonly string[] Families =
    [
        "t2", "t3", "t3a", "t4g",
        "m5", "m5a", "m5n", "m5zn", "m6a", "m6g", "m6i", "m6in", "m7a", "m7g", "m7i", "m7i-flex", "m8g",
        "c5", "c5a", "c5n", "c6a", "c6g", "c6gn", "c6i", "c6in", "c7a", "c7g", "c7gn", "c7i", "c7i-flex", "c8g",
        "r5", "r5a", "r5b", "r5n", "r6a", "r6g", "r6i", "r6in", "r7a", "r7g", "r7i", "r7iz", "r8g", "x2gd", "z1d",
    ];

    private static readonly string[] Categories = ["burstable", "general purpose", "compute optimized", "memory optimized"];

    private static string DataFolder => Path.Combine(RepositoryFolder.Root, "tools", "instance-types");

    [Theory]
    [InlineData("t3.small", 2, 2048, 3, false)]
    [InlineData("t3a.small", 2, 2048, 2, false)]
    [InlineData("t4g.nano", 2, 512, 2, true)]
    [InlineData("m6g.medium", 1, 4096, 2, true)]
    [InlineData("c5.4xlarge", 16, 32768, 8, false)]
    [InlineData("r6i.large", 2, 16384, 3, false)]
    [InlineData("t2.micro", 1, 1024, 2, false)]
    [InlineData("t2.2xlarge", 8, 32768, 3, false)]
    [InlineData("m5a.large", 2, 8192, 3, false)]
    [InlineData("m5zn.12xlarge", 48, 196608, 15, false)]
    [InlineData("m7i-flex.large", 2, 8192, 3, false)]
    [InlineData("m8g.metal-48xl", 192, 786432, 15, true)]
    [InlineData("c5n.large", 2, 5376, 3, false)]
    [InlineData("c6gn.medium", 1, 2048, 2, true)]
    [InlineData("c7g.xlarge", 4, 8192, 4, true)]
    [InlineData("c7i.metal-24xl", 96, 196608, 15, false)]
    [InlineData("c6in.32xlarge", 128, 262144, 8, false)]
    [InlineData("r7i.2xlarge", 8, 65536, 4, false)]
    [InlineData("r7iz.32xlarge", 128, 1048576, 15, false)]
    [InlineData("x2gd.medium", 1, 16384, 2, true)]
    [InlineData("z1d.3xlarge", 12, 98304, 8, false)]
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
    [InlineData("c5a.metal")] // listed for network interfaces only: no published vCPUs or memory
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
        var byFamily = InstanceTypeCatalog.All.Values.GroupBy(s => Family(s.Name)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(Families.Order(StringComparer.Ordinal), byFamily.Keys.Order(StringComparer.Ordinal));
        Assert.All(byFamily, f => Assert.All(f.Value, s => Assert.Equal(
            IsGravitonFamily(f.Key) ? InstanceTypeCatalog.CpuArchitecture.Arm64 : InstanceTypeCatalog.CpuArchitecture.X86_64, s.Architecture)));
        Assert.All(InstanceTypeCatalog.All.Values, s => Assert.True(s.MemoryMiB >= 512 && s.Vcpus >= 1 && s.MaxNetworkInterfaces >= 2));
    }

    [Theory]
    [InlineData("t4g", true)]
    [InlineData("m7g", true)]
    [InlineData("c6gn", true)]
    [InlineData("c7gn", true)]
    [InlineData("x2gd", true)]
    [InlineData("m7i-flex", false)]
    [InlineData("m5zn", false)]
    [InlineData("r7iz", false)]
    [InlineData("t3a", false)]
    public void Graviton_families_have_a_g_after_the_generation(string family, bool graviton)
    {
        Assert.Equal(graviton, IsGravitonFamily(family));
    }

    [Fact]
    public void The_catalog_is_the_data_file()
    {
        var rows = ReadTsv("instance-types.tsv", "name", "vcpus", "memory_mib", "max_network_interfaces", "architecture", "note");
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            Assert.True(InstanceTypeCatalog.TryGet(row["name"], out var spec), $"{row["name"]} is in the data file but not in the catalog: run node tools/instance-types/generate.js");
            Assert.Equal(
                (row["name"], Int(row["vcpus"]), Int(row["memory_mib"]), Int(row["max_network_interfaces"]), row["architecture"]),
                (spec.Name, spec.Vcpus, spec.MemoryMiB, spec.MaxNetworkInterfaces, spec.Architecture == InstanceTypeCatalog.CpuArchitecture.Arm64 ? "arm64" : "x86_64"));
        }

        var extra = InstanceTypeCatalog.All.Keys.Except(rows.Select(r => r["name"]), StringComparer.Ordinal).ToList();
        Assert.True(extra.Count == 0, $"in the catalog but not in the data file: {string.Join(", ", extra)}");
        Assert.Equal(rows.Count, InstanceTypeCatalog.All.Count);
    }

    [Fact]
    public void Every_family_has_its_sources_and_the_date_they_were_read()
    {
        var families = ReadTsv("families.tsv", "family", "category", "vcpus_memory_sources", "network_interface_sources", "read_on");
        Assert.Equal(Families.Order(StringComparer.Ordinal), families.Select(f => f["family"]).Order(StringComparer.Ordinal));
        Assert.All(families, f =>
        {
            Assert.Contains(f["category"], Categories);
            Assert.All(f["vcpus_memory_sources"].Split(' ').Concat(f["network_interface_sources"].Split(' ')), url => Assert.StartsWith("https://", url, StringComparison.Ordinal));
            Assert.True(DateOnly.TryParseExact(f["read_on"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), f["read_on"]);
        });
    }

    [Fact]
    public void Sizes_grow_within_a_family_and_every_family_has_a_medium_or_large_and_a_largest_size()
    {
        var rows = ReadTsv("instance-types.tsv", "name", "vcpus", "memory_mib", "max_network_interfaces", "architecture", "note");
        foreach (var family in rows.GroupBy(r => Family(r["name"])))
        {
            var specs = family.Select(r => InstanceTypeCatalog.All[r["name"]]).ToList();
            for (var i = 1; i < specs.Count; i++)
            {
                Assert.True(specs[i].Vcpus >= specs[i - 1].Vcpus && specs[i].MemoryMiB >= specs[i - 1].MemoryMiB, $"{specs[i].Name} is smaller than {specs[i - 1].Name}");
            }

            Assert.Contains(specs, s => s.Name.EndsWith(".large", StringComparison.Ordinal) || s.Name.EndsWith(".medium", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Instances_with_two_network_cards_count_the_default_cards_interfaces()
    {
        foreach (var name in new[] { "c6in.32xlarge", "c6in.metal", "m6in.32xlarge", "m6in.metal", "r6in.32xlarge", "r6in.metal" })
        {
            Assert.True(InstanceTypeCatalog.TryGet(name, out var spec));
            Assert.Equal(8, spec.MaxNetworkInterfaces);
            Assert.Equal(7, spec.AwsvpcTaskSlots);
        }
    }

    private static string Family(string name) => name[..name.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>AWS Graviton families have a "g" right after the generation: t4g, m7g, c6gn, c7gn, x2gd.</summary>
    private static bool IsGravitonFamily(string family)
    {
        var i = 0;
        while (i < family.Length && char.IsAsciiLetterLower(family[i]))
        {
            i++;
        }

        var digits = i;
        while (i < family.Length && char.IsAsciiDigit(family[i]))
        {
            i++;
        }

        return i > digits && i < family.Length && family[i] == 'g';
    }

    private static int Int(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Rows of a tab-separated data file: '#' and blank lines skipped, the first other line is the header.</summary>
    private static List<Dictionary<string, string>> ReadTsv(string file, params string[] columns)
    {
        var rows = new List<Dictionary<string, string>>();
        string[]? header = null;
        foreach (var line in File.ReadLines(Path.Combine(DataFolder, file)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (header is null)
            {
                header = fields;
                Assert.Equal(columns, header);
                continue;
            }

            Assert.InRange(fields.Length, columns.Length - 1, columns.Length);
            rows.Add(columns.Select((c, i) => (c, Value: i < fields.Length ? fields[i] : "")).ToDictionary(p => p.c, p => p.Value, StringComparer.Ordinal));
        }

        return rows;
    }
}
