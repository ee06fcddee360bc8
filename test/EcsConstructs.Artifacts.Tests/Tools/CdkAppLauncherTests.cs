using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Tools;

/// <summary>
/// <c>tools/cdk-app/run.mjs</c>, the command <c>cdk.json</c> runs instead of <c>dotnet run</c>: it
/// builds only when an input changed since its last build. A changed source file must always be
/// picked up by the next <c>cdk synth</c>: in the app's project, in a project it references, or in the
/// repository's build files. (The build itself runs in CI: <c>npx cdk synth</c> on a clean clone.)
/// </summary>
public sealed class CdkAppLauncherTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cdk-app-launcher-").FullName;

    public CdkAppLauncherTests()
    {
        Write("Directory.Build.props", "<Project />");
        Write("app/App.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup><ItemGroup><ProjectReference Include="../lib/Lib.csproj" /></ItemGroup></Project>""");
        Write("app/Program.cs", "System.Console.WriteLine(1);");
        Write("app/bin/Debug/net10.0/App.dll", "built");
        Write("lib/Lib.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        Write("lib/Thing.cs", "class Thing {}");
        Launcher("--mark-built");
    }

    private string Project => Path.Combine(_root, "app", "App.csproj");

    [Fact]
    public void Nothing_changed_means_no_build()
    {
        Assert.Equal("up to date", Launcher("--check"));
    }

    [Fact]
    public void A_changed_source_file_of_the_app_is_picked_up()
    {
        Touch("app/Program.cs");

        Assert.Equal($"stale: {Path.Combine(_root, "app", "Program.cs")} changed", Launcher("--check"));
    }

    [Fact]
    public void A_changed_file_of_a_referenced_project_is_picked_up()
    {
        Touch("lib/Thing.cs");

        Assert.StartsWith("stale: ", Launcher("--check"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_or_removed_source_file_is_picked_up()
    {
        Write("app/Extra.cs", "class Extra {}");
        Assert.Equal($"stale: {Path.Combine(_root, "app", "Extra.cs")} is new", Launcher("--check"));

        Launcher("--mark-built");
        File.Delete(Path.Combine(_root, "app", "Extra.cs"));
        Assert.Equal($"stale: {Path.Combine(_root, "app", "Extra.cs")} was removed", Launcher("--check"));
    }

    [Fact]
    public void A_changed_repository_build_file_is_picked_up()
    {
        Touch("Directory.Build.props");

        Assert.StartsWith("stale: ", Launcher("--check"), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_output_does_not_count_as_a_change()
    {
        Touch("app/bin/Debug/net10.0/App.dll");
        Write("app/obj/project.assets.json", "{}");

        Assert.Equal("up to date", Launcher("--check"));
    }

    [Fact]
    public void The_next_cdk_synth_after_an_edit_writes_the_edited_template()
    {
        // A real `cdk synth` through the launcher: the pinned CLI runs it as the app command, it builds
        // and runs a .NET app that writes a cloud assembly (no CDK inside, to keep the test fast).
        var app = Path.Combine(_root, "synth");
        Write("synth/Synth.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>""");
        Write("synth/Program.cs", CloudAssemblyWriter("first"));

        Assert.Contains("\"first\"", CdkSynth(app), StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(app, "Program.cs"), CloudAssemblyWriter("second"));

        Assert.Contains("\"second\"", CdkSynth(app), StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_runs_its_main_example_through_the_launcher()
    {
        Assert.Contains("\"app\": \"node tools/cdk-app/run.mjs examples/NginxWalkthrough/NginxWalkthrough.csproj\"", File.ReadAllText(Path.Combine(RepositoryFolder.Root, "cdk.json")), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Changes a file's modification time to later than any stamp (file systems with coarse times included).</summary>
    private void Touch(string relative) => File.SetLastWriteTimeUtc(Path.Combine(_root, relative), DateTime.UtcNow.AddMinutes(1));

    private static string LauncherScript => Path.Combine(RepositoryFolder.Root, "tools", "cdk-app", "run.mjs");

    private string Launcher(string option)
    {
        var result = ChildProcess.Run("node", _root, TimeSpan.FromMinutes(1), null, LauncherScript, Project, option);
        Assert.True(result.ExitCode == 0, $"run.mjs {option} exited {result.ExitCode}: {result.StandardError}");
        return result.StandardOutput.Trim();
    }

    /// <summary>Runs the pinned CLI's <c>cdk synth</c> with the launcher as the app command; returns the stack's template.</summary>
    private static string CdkSynth(string appFolder)
    {
        var cli = Path.Combine(RepositoryFolder.Root, "node_modules", ".bin", "cdk");
        var result = ChildProcess.Run(cli, appFolder, TimeSpan.FromMinutes(3), null,
            "synth", "--quiet", "--no-notices", "--no-version-reporting", "--app", $"node {LauncherScript} Synth.csproj", "--output", "cdk.out");
        Assert.True(result.ExitCode == 0, $"cdk synth exited {result.ExitCode}: {result.StandardError}");
        return File.ReadAllText(Path.Combine(appFolder, "cdk.out", "Edited.template.json"));
    }

    /// <summary>A program that writes a cloud assembly with one stack, whose output has the value <paramref name="value"/>.</summary>
    private static string CloudAssemblyWriter(string value) => """"
        var outdir = Environment.GetEnvironmentVariable("CDK_OUTDIR") ?? throw new InvalidOperationException("no CDK_OUTDIR");
        Directory.CreateDirectory(outdir);
        File.WriteAllText(Path.Combine(outdir, "Edited.template.json"), """{"Resources":{"Nothing":{"Type":"AWS::CloudFormation::WaitConditionHandle"}},"Outputs":{"Value":{"Value":"OUTPUT_VALUE"}}}""");
        File.WriteAllText(Path.Combine(outdir, "manifest.json"), """{"version":"36.0.0","artifacts":{"Edited":{"type":"aws:cloudformation:stack","environment":"aws://unknown-account/unknown-region","properties":{"templateFile":"Edited.template.json"}}}}""");
        """".Replace("OUTPUT_VALUE", value, StringComparison.Ordinal);
}
