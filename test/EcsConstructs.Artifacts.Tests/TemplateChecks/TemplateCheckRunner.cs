using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.TemplateChecks;

/// <summary>One finding of tools/template-check/check.mjs (an error or a warning).</summary>
internal sealed record TemplateFinding(string Check, string Rule, string LogicalId, string Path, string Message)
{
    public override string ToString() =>
        $"{Check} {Rule} {(LogicalId.Length > 0 ? LogicalId : "-")} ({(Path.Length > 0 ? Path : "-")}) {Message}";
}

/// <summary>The result for one template file.</summary>
internal sealed record CheckedTemplate(
    string File,
    IReadOnlyList<TemplateFinding> Errors,
    IReadOnlyList<TemplateFinding> Warnings,
    int Suppressed);

/// <summary>The checker's JSON report, plus how the process ended.</summary>
internal sealed record TemplateCheckReport(IReadOnlyList<CheckedTemplate> Templates)
{
    public int ExitCode { get; init; }

    public string StdErr { get; init; } = "";

    public CheckedTemplate For(string fileName) =>
        Templates.Single(t => System.IO.Path.GetFileName(t.File) == fileName);

    /// <summary>Every error as one line: "ERROR file: check rule LogicalId (cdk path) message".</summary>
    public string ErrorLines() =>
        string.Join(Environment.NewLine, Templates.SelectMany(t => t.Errors.Select(e => $"ERROR {t.File}: {e}")));
}

/// <summary>
/// Runs <c>node tools/template-check/check.mjs --json</c> (cdk-nag AwsSolutions and the CloudFormation
/// schema check) over templates, in one Node process, and parses its report.
/// </summary>
internal static class TemplateCheckRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The folder holding EcsConstructs.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot => RepositoryFolder.Root;

    public static string FixturesDirectory =>
        System.IO.Path.Combine(RepositoryRoot, "tools", "template-check", "fixtures");

    public static TemplateCheckReport Run(IEnumerable<string> templatePaths)
    {
        var paths = templatePaths.ToList();
        if (paths.Count == 0)
        {
            throw new ArgumentException("no template paths given", nameof(templatePaths));
        }

        if (!Directory.Exists(System.IO.Path.Combine(RepositoryRoot, "node_modules", "cdk-nag")))
        {
            throw new InvalidOperationException(
                $"node_modules/cdk-nag is missing in {RepositoryRoot}: run `npm ci` at the repository root first " +
                "(the README's test command does).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(System.IO.Path.Combine("tools", "template-check", "check.mjs"));
        start.ArgumentList.Add("--json");
        foreach (var path in paths)
        {
            start.ArgumentList.Add(path);
        }

        start.Environment["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "20";

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("could not start `node` (is Node.js 20+ on PATH?)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"check.mjs did not finish within {Timeout.TotalMinutes} minutes");
        }

        process.WaitForExit(); // drains the redirected streams
        var output = stdout.GetAwaiter().GetResult();
        var errors = stderr.GetAwaiter().GetResult();
        if (process.ExitCode is not (0 or 1 or 2) || string.IsNullOrWhiteSpace(output))
        {
            throw new InvalidOperationException(
                $"check.mjs failed with exit code {process.ExitCode} and no report.{Environment.NewLine}{errors}");
        }

        var report = JsonSerializer.Deserialize<TemplateCheckReport>(output, JsonOptions)
            ?? throw new InvalidOperationException($"check.mjs printed no JSON report:{Environment.NewLine}{output}");
        return report with { ExitCode = process.ExitCode, StdErr = errors };
    }
}
