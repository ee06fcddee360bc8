using System.Diagnostics;
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

    private string Launcher(string option)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryFolder.Root, "tools", "cdk-app", "run.mjs"));
        start.ArgumentList.Add(Project);
        start.ArgumentList.Add(option);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"run.mjs {option} exited {process.ExitCode}: {error}");
        return output.Trim();
    }
}
