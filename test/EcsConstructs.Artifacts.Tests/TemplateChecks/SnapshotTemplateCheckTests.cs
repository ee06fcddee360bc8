using Xunit.Abstractions;

namespace EcsConstructs.Tests.TemplateChecks;

/// <summary>Every committed snapshot template would deploy (schema) and is secure (cdk-nag AwsSolutions).</summary>
public sealed class SnapshotTemplateCheckTests(ITestOutputHelper output)
{
    private static readonly string[] SnapshotRoots = ["test", "examples"];

    private static readonly HashSet<string> SkippedDirectories = ["bin", "obj", "node_modules"];

    [Fact]
    public void AllSnapshotTemplatesPassTheChecks()
    {
        var snapshots = FindSnapshotTemplates();
        Assert.True(snapshots.Count >= 20, $"only {snapshots.Count} snapshot templates found under test/ and examples/");

        var report = TemplateCheckRunner.Run(snapshots);

        Assert.Equal(snapshots.Count, report.Templates.Count);
        Assert.True(
            report.Templates.All(t => t.Errors.Count == 0),
            $"snapshot templates fail the template check:{Environment.NewLine}{report.ErrorLines()}");
        output.WriteLine($"{snapshots.Count} snapshot template(s) checked, " +
                         $"{report.Templates.Sum(t => t.Warnings.Count)} warning(s), " +
                         $"{report.Templates.Sum(t => t.Suppressed)} suppressed finding(s)");
    }

    private static List<string> FindSnapshotTemplates()
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
