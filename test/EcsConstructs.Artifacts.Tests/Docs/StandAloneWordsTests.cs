using System.Text.RegularExpressions;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Docs;

/// <summary>
/// The product stands alone: README, docs, sources and examples neither cite files outside the
/// repository nor speak of material a reader does not have ("seeds", "source articles").
/// </summary>
public sealed partial class StandAloneWordsTests
{
    private static readonly string[] Folders = ["docs", "src", "examples"];

    [Fact]
    public void No_text_refers_to_material_outside_the_repository()
    {
        var root = RepositoryFolder.Root;
        var files = new[] { Path.Combine(root, "README.md") }
            .Concat(Folders.SelectMany(d => SourceFiles(Path.Combine(root, d))));

        var hits = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => OutsideMaterial().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(hits.Count == 0, "Text that refers to material outside the repository:\n" + string.Join("\n", hits));
    }

    /// <summary>The text files under <paramref name="folder"/>, without build output (bin, obj) or packages.</summary>
    private static IEnumerable<string> SourceFiles(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => Path.GetExtension(f) is ".md" or ".cs" or ".csproj" or ".json" or ".props"))
        {
            yield return file;
        }

        foreach (var sub in Directory.EnumerateDirectories(folder).Where(d => Path.GetFileName(d) is not ("bin" or "obj" or "node_modules")))
        {
            foreach (var file in SourceFiles(sub))
            {
                yield return file;
            }
        }
    }

    [GeneratedRegex(@"seed|source article|DEPLOY-FAILURES|\.\./shared|ECS-BRIEF", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideMaterial();
}
