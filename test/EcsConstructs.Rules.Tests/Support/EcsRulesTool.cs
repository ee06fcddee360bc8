using System.Diagnostics;
using System.Reflection;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Rules.Tests.Support;

/// <summary>Runs the built <c>ecs-rules</c> tool as a process, as a user or a CI step does.</summary>
internal static class EcsRulesTool
{
    private static readonly string Configuration =
        typeof(EcsRulesTool).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The tool's entry assembly, built with this test project (same configuration).</summary>
    public static string Dll => Path.Combine(RepositoryFolder.Root, "src", "EcsConstructs.Rules.Cli", "bin", Configuration, "net10.0", "EcsConstructs.Rules.Cli.dll");

    /// <summary>Runs <c>ecs-rules</c> with <paramref name="args"/> in <paramref name="workingDirectory"/> (default: the repository).</summary>
    public static (int ExitCode, string Output, string Error) Run(string[] args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? RepositoryFolder.Root,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ecs-rules {string.Join(' ', args)} did not finish in 60 s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    public static (int ExitCode, string Output, string Error) Run(params string[] args) => Run(args, null);
}
