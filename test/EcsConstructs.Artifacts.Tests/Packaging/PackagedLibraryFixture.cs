using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using EcsConstructs.Clusters;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Packaging;

/// <summary>
/// Packs EcsConstructs, its rule engine EcsConstructs.Rules, EcsConstructs.Testing, the
/// <c>ecs-rules</c> tool and the <c>dotnet new</c> templates into a local folder feed, then does
/// what a new user does: installs the template package, creates an app with
/// <c>dotnet new ecs-app</c>, builds it and its test project against the packages <em>by
/// version</em> (package references, no project reference), synthesizes the app, runs its tests
/// (recording the snapshot, as the app's README says) and checks its cloud assembly with the
/// <c>ecs-rules</c> tool installed from its package.
/// </summary>
/// <remarks>
/// <para>Everything happens in a fresh temporary folder, deleted afterwards; the template is
/// installed into a hive of its own there (<c>--debug:custom-hive</c>), not into the user's.</para>
/// <para>A stale package is never used: the version is unique to this run
/// (<c>0.1.0-consumer.t&lt;guid&gt;</c>), and the app restores into its own packages folder,
/// with the machine's global packages folder only as a read-only fallback for Amazon.CDK.Lib and
/// its dependencies (already restored by this test project), so nothing is added to that cache.</para>
/// <para>The packs use <c>--no-build</c>: they package the very assemblies this test run built and
/// tests, in the configuration this test assembly was built in (a pack takes about 2 s instead of a
/// Release build's 15-20 s).</para>
/// </remarks>
public sealed class PackagedLibraryFixture : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public PackagedLibraryFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "ecsconstructs-consumer-" + Guid.NewGuid().ToString("N"));
        Version = "0.1.0-consumer.t" + Guid.NewGuid().ToString("N")[..12];
        Configuration = typeof(EcsCluster).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        Directory.CreateDirectory(Root);
        Feed = Path.Combine(Root, "feed");

        foreach (var project in new[] { "EcsConstructs.Rules", "EcsConstructs", "EcsConstructs.Testing", "EcsConstructs.Rules.Cli", "EcsConstructs.Templates" })
        {
            Dotnet(RepositoryFolder.Root, "pack", Path.Combine("src", project, project + ".csproj"),
                "--no-build", "-c", Configuration, "-o", Feed, $"-p:Version={Version}", "--disable-build-servers");
        }

        // The tool installs from the feed (as a user installs it) while the app is created and built.
        var tools = Path.Combine(Root, "tools");
        var toolInstall = Task.Run(() => Dotnet(Root, "tool", "install", "EcsConstructs.Rules.Cli", "--tool-path", tools, "--version", Version, "--add-source", Feed));

        // dotnet new install + dotnet new ecs-app, in a template hive of this run.
        var hive = Path.Combine(Root, "hive");
        Dotnet(Root, "new", "install", Path.Combine(Feed, $"EcsConstructs.Templates.{Version}.nupkg"), "--debug:custom-hive", hive);
        App = Path.Combine(Root, "Orders");
        Dotnet(Root, "new", "ecs-app", "-n", "Orders", "-o", App, "--debug:custom-hive", hive);
        File.WriteAllText(Path.Combine(App, "NuGet.config"), NuGetConfig(Feed));

        // Building the test project builds the app too.
        Dotnet(App, "build", Path.Combine("test", "Orders.Tests"), "-c", "Debug",
            $"-p:RestorePackagesPath={Path.Combine(Root, "packages")}",
            $"-p:RestoreFallbackFolders={GlobalPackagesFolder()}",
            "--disable-build-servers");
        AssetsJson = File.ReadAllText(Path.Combine(App, "src", "Orders", "obj", "project.assets.json"));

        // What `cdk synth` runs, without the CLI: the app gets cdk.json's context (the feature flags)
        // in CDK_CONTEXT_JSON and writes its cloud assembly into CDK_OUTDIR, as the CLI has it do.
        // jsii unpacks ~66 MB of runtime archives into TMPDIR per process: keep them in Root.
        var tmp = Directory.CreateDirectory(Path.Combine(Root, "tmp")).FullName;
        var outDir = Path.Combine(Root, "cdk.out");
        var context = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(App, "cdk.json")))!["context"]!.ToJsonString();
        // cdk.json's app command runs the app: the launcher is told the build above is current (its
        // build path runs in CI's `npx cdk synth` on a clean clone), so it runs the built app.
        Run("node", App, new Dictionary<string, string>(), Path.Combine("tools", "cdk-app", "run.mjs"), Path.Combine("src", "Orders", "Orders.csproj"), "--mark-built");
        Run("node", App,
            new Dictionary<string, string> { ["CDK_OUTDIR"] = outDir, ["CDK_CONTEXT_JSON"] = context, ["TMPDIR"] = tmp },
            Path.Combine("tools", "cdk-app", "run.mjs"), Path.Combine("src", "Orders", "Orders.csproj"));
        TemplateJson = File.ReadAllText(Path.Combine(outDir, "Orders.template.json"));

        // The app's tests, as its README says to run them the first time (recording the snapshot).
        TestOutput = Run("dotnet", App,
            new Dictionary<string, string> { ["UPDATE_SNAPSHOTS"] = "1", ["CI"] = "false", ["TMPDIR"] = tmp },
            "test", Path.Combine("test", "Orders.Tests"), "--no-build");
        Snapshot = Path.Combine(App, "test", "Orders.Tests", "__snapshots__", "Orders.template.json");

        // The installed tool checks the app's cloud assembly.
        toolInstall.GetAwaiter().GetResult();
        ToolOutput = Run(Path.Combine(tools, "ecs-rules"), Root, new Dictionary<string, string>(), "check", outDir);
        Duration = _clock.Elapsed;
    }

    /// <summary>The app created by <c>dotnet new ecs-app -n Orders</c>.</summary>
    public string App { get; }

    /// <summary>What <c>dotnet test</c> printed for the app's test project (it exited 0).</summary>
    public string TestOutput { get; }

    /// <summary>The snapshot the app's test recorded.</summary>
    public string Snapshot { get; }

    /// <summary>The temporary folder: the feed, the template hive, the app, the packages folder.</summary>
    public string Root { get; }

    /// <summary>The unique package version of this run.</summary>
    public string Version { get; }

    /// <summary>The build configuration that was packed.</summary>
    public string Configuration { get; }

    /// <summary>The local folder feed holding the packed .nupkg and .snupkg files.</summary>
    public string Feed { get; }

    /// <summary>The app's obj/project.assets.json: how its restore resolved each package.</summary>
    public string AssetsJson { get; }

    /// <summary>The template the app synthesized.</summary>
    public string TemplateJson { get; }

    /// <summary>What the installed <c>ecs-rules</c> tool printed for <c>check</c> on the app's cloud assembly (it exited 0).</summary>
    public string ToolOutput { get; }

    /// <summary>Pack + new + restore + build + synth + test, for the record (printed by a test).</summary>
    public TimeSpan Duration { get; }

    /// <summary>The file names of a package's entries.</summary>
    public IReadOnlyList<string> Entries(string fileName)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(Feed, fileName));
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    /// <summary>A package's .nuspec, parsed; elements are in the nuspec namespace (<see cref="XElement.Name"/>.LocalName).</summary>
    public XDocument Nuspec(string fileName)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(Feed, fileName));
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the suite over.
        }
    }

    private static string GlobalPackagesFolder()
    {
        var output = Dotnet(Path.GetTempPath(), "nuget", "locals", "global-packages", "--list");
        var line = output.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("global-packages:", StringComparison.Ordinal));
        return line["global-packages:".Length..].Trim();
    }

    private static string Dotnet(string workingDirectory, params string[] args) =>
        Run("dotnet", workingDirectory, new Dictionary<string, string>(), args);

    private static string Run(string fileName, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var result = ChildProcess.Run(fileName, workingDirectory, StepTimeout,
            new Dictionary<string, string>(environment) { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" }, args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`{fileName} {string.Join(' ', args)}` (in {workingDirectory}) exited with {result.ExitCode}:{Environment.NewLine}{result.StandardOutput}{Environment.NewLine}{result.StandardError}");
        }

        return result.StandardOutput;
    }

    /// <summary>The app's package sources: our packages from the run's feed only, everything else from nuget.org.</summary>
    private static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local-feed" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="local-feed">
              <package pattern="EcsConstructs" />
              <package pattern="EcsConstructs.*" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """;
}
