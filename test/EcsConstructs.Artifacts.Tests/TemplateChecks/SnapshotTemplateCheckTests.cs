using Xunit.Abstractions;

namespace EcsConstructs.Tests.TemplateChecks;

/// <summary>Every committed snapshot template would deploy (schema) and is secure (cdk-nag AwsSolutions).</summary>
[Collection(TemplateCheckCollection.Name)]
public sealed class SnapshotTemplateCheckTests(CheckedTemplates fixture, ITestOutputHelper output)
{
    private static readonly string[] SnapshotRoots = ["test", "examples"];

    private static readonly HashSet<string> SkippedDirectories = ["bin", "obj", "node_modules"];

    [Fact]
    public void AllSnapshotTemplatesPassTheChecks()
    {
        var snapshots = fixture.Snapshots;
        Assert.True(snapshots.Count >= 20, $"only {snapshots.Count} snapshot templates found under test/ and examples/");

        var results = snapshots.Select(s => fixture.Report.For(Path.GetFileName(s))).ToList();

        Assert.True(
            results.All(t => t.Errors.Count == 0),
            $"snapshot templates fail the template check:{Environment.NewLine}" +
            string.Join(Environment.NewLine, results.SelectMany(t => t.Errors.Select(e => $"ERROR {t.File}: {e}"))));
        output.WriteLine($"{snapshots.Count} snapshot template(s) checked, " +
                         $"{results.Sum(t => t.Warnings.Count)} warning(s), " +
                         $"{results.Sum(t => t.Suppressed)} suppressed finding(s)");
    }

    /// <summary>Every <c>__snapshots__/*.template.json</c> under test/ and examples/, sorted; their file names are unique.</summary>
    internal static List<string> FindSnapshotTemplates()
    {
        var found = new List<string>();
        foreach (var root in SnapshotRoots)
        {
            var dir = Path.Combine(TemplateCheckRunner.RepositoryRoot, root);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            found.AddRange(Directory
                .EnumerateFiles(dir, "*.template.json", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "__snapshots__")
                .Where(f => !Path.GetRelativePath(dir, f).Split(Path.DirectorySeparatorChar).Any(SkippedDirectories.Contains)));
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }
}
