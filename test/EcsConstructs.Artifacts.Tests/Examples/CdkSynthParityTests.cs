using EcsConstructs.Testing;

namespace EcsConstructs.Tests.Examples;

/// <summary>
/// The example snapshots, written by tests that build the examples' apps the way the Testing README
/// shows (<c>CdkJson.NewApp()</c>, the example's <c>Build(app)</c>, <c>SnapshotAssert.MatchesSnapshot</c>),
/// are what <c>cdk synth</c> writes for the same examples, normalized the same way.
/// </summary>
public sealed class CdkSynthParityTests(CdkSynthOfExamples synth) : IClassFixture<CdkSynthOfExamples>
{
    public static TheoryData<string> Examples => [.. CdkSynthOfExamples.Names];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Cdk_synth_of_the_example_writes_its_snapshot_templates(string example)
    {
        var synthesis = synth.Syntheses[example];
        Assert.True(synthesis.Failure is null, synthesis.Failure);
        Assert.NotEmpty(synthesis.Templates);

        foreach (var (name, template) in synthesis.Templates)
        {
            var snapshot = Path.Combine(CdkSynthOfExamples.SnapshotDirectory, name + SnapshotAssert.SnapshotSuffix);
            Assert.True(File.Exists(snapshot), $"cdk synth of {example} writes stack {name}, which has no snapshot {snapshot}.");
            var expected = File.ReadAllText(snapshot).Replace("\r\n", "\n", StringComparison.Ordinal);
            if (!string.Equals(expected, template, StringComparison.Ordinal))
            {
                var diff = TemplateDiff.Compare(expected, template);
                Assert.Fail($"cdk synth of {example} writes stack {name} other than its snapshot {snapshot} (- snapshot, + cdk synth):\n{diff.Summary}\n{diff.LineDiff}");
            }
        }
    }

    [Fact]
    public void Every_example_snapshot_is_a_stack_that_cdk_synth_of_an_example_writes()
    {
        var snapshots = Directory.GetFiles(CdkSynthOfExamples.SnapshotDirectory, "*" + SnapshotAssert.SnapshotSuffix)
            .Select(path => Path.GetFileName(path)[..^SnapshotAssert.SnapshotSuffix.Length]);
        var stacks = synth.Syntheses.Values.SelectMany(s => s.Templates.Keys);

        var notSynthesized = snapshots.Except(stacks, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.True(notSynthesized.Count == 0, $"Snapshots in {CdkSynthOfExamples.SnapshotDirectory} that no example's cdk synth writes: {string.Join(", ", notSynthesized)}");
    }
}
