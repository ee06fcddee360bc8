using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Examples;

/// <summary>
/// <c>cdk synth</c> of every example, as a user runs it from the repository root: the CLI pinned in
/// <c>package.json</c> with the root <c>cdk.json</c> (its context; <c>cdk.context.json</c> and
/// <c>~/.cdk.json</c> when present) and the example's app through the repository's launcher
/// (<c>--app "node tools/cdk-app/run.mjs examples/&lt;Example&gt;/&lt;Example&gt;.csproj"</c>),
/// each into a temporary folder. Each stack's template is normalized by <see cref="TemplateNormalizer"/>.
/// </summary>
/// <remarks>
/// The examples synthesize in parallel (about 5 s each, mostly jsii's start-up). The launcher builds
/// an example whose inputs changed since its last build (on a fresh clone: every example but the
/// one <c>cdk.json</c> runs); those examples run one after another, beside the others, so that two
/// builds of the projects they share never run at once.
/// </remarks>
public sealed class CdkSynthOfExamples : IDisposable
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(10);

    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("cdk-synth-examples-");

    public CdkSynthOfExamples()
    {
        var stale = Names.Where(example => Launcher(example, "--check").StartsWith("stale", StringComparison.Ordinal)).ToList();
        var results = new ConcurrentDictionary<string, ExampleSynthesis>(StringComparer.Ordinal);
        var builds = Task.Run(() => stale.ForEach(example => results[example] = Synthesize(example)));
        Parallel.ForEach(
            Names.Except(stale),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) },
            example => results[example] = Synthesize(example));
        builds.GetAwaiter().GetResult();
        Syntheses = results;
    }

    /// <summary>The examples: each folder under <c>examples/</c> with a project of its name, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = Directory.GetDirectories(Path.Combine(RepositoryFolder.Root, "examples"))
        .Select(Path.GetFileName)
        .OfType<string>()
        .Where(name => File.Exists(ProjectOf(name)))
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Where the example snapshot tests (<c>test/EcsConstructs.Tests/Examples</c>) keep their snapshots.</summary>
    public static string SnapshotDirectory { get; } =
        Path.Combine(RepositoryFolder.Root, "test", "EcsConstructs.Tests", "Examples", SnapshotAssert.DefaultSnapshotDirectoryName);

    /// <summary>What <c>cdk synth</c> wrote, by example.</summary>
    public IReadOnlyDictionary<string, ExampleSynthesis> Syntheses { get; }

    public void Dispose() => _output.Delete(recursive: true);

    private static string ProjectOf(string example) => Path.Combine(RepositoryFolder.Root, "examples", example, example + ".csproj");

    private static string AppCommand(string example) => $"node tools/cdk-app/run.mjs examples/{example}/{example}.csproj";

    private ExampleSynthesis Synthesize(string example)
    {
        var output = Path.Combine(_output.FullName, example);
        var (exitCode, text) = Run(
            "node",
            Path.Combine("node_modules", "aws-cdk", "bin", "cdk"), "synth", "--quiet", "--no-notices", "--output", output, "--app", AppCommand(example));
        if (exitCode != 0)
        {
            return new ExampleSynthesis(example, new Dictionary<string, string>(), $"cdk synth --app \"{AppCommand(example)}\" exited with {exitCode}:\n{text}");
        }

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")))!;
        var templates = manifest["artifacts"]!.AsObject()
            .Where(artifact => artifact.Value!["type"]!.GetValue<string>() == "aws:cloudformation:stack")
            .ToDictionary(
                artifact => (artifact.Value!["displayName"]?.GetValue<string>() ?? artifact.Key).Replace('/', '-'),
                artifact => TemplateNormalizer.Normalize(File.ReadAllText(Path.Combine(output, artifact.Value!["properties"]!["templateFile"]!.GetValue<string>()))),
                StringComparer.Ordinal);
        return new ExampleSynthesis(example, templates, null);
    }

    private static string Launcher(string example, string option)
    {
        var (exitCode, text) = Run("node", Path.Combine("tools", "cdk-app", "run.mjs"), ProjectOf(example), option);
        return exitCode == 0 ? text.Trim() : throw new InvalidOperationException($"run.mjs {option} of {example} exited with {exitCode}: {text}");
    }

    /// <summary>Runs a command in the repository root; returns its exit code and its output (stdout, then stderr).</summary>
    private static (int ExitCode, string Output) Run(string fileName, params string[] args)
    {
        var result = ChildProcess.Run(fileName, RepositoryFolder.Root, ProcessTimeout, environment: null, args);
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }
}
