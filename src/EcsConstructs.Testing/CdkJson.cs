using System.Runtime.CompilerServices;
using System.Text.Json;
using Amazon.CDK;

namespace EcsConstructs.Testing;

/// <summary>
/// Apps for tests that synthesize what <c>cdk synth</c> deploys: <c>cdk synth</c> gives the app the
/// context of its <c>cdk.json</c> (the feature flags), which <c>new App()</c> in a test does not read,
/// so a snapshot of such an app can differ from the deployed template (resources added or changed by
/// flags). <see cref="NewApp"/> reads the same <c>cdk.json</c>.
/// </summary>
public static class CdkJson
{
    /// <summary>The file name the CDK CLI reads.</summary>
    public const string FileName = "cdk.json";

    /// <summary>
    /// A new app with the context of the app's <c>cdk.json</c>: the file given, else the first
    /// <c>cdk.json</c> found from the calling test's source folder upward, else from the test
    /// assembly's folder upward.
    /// </summary>
    /// <param name="cdkJsonPath">The <c>cdk.json</c> to read. Default: found as described.</param>
    /// <param name="props">Further app settings (e.g. <c>Outdir</c>); their <c>Context</c> entries win over the file's. Default: none.</param>
    /// <param name="callerFilePath">Set by the compiler: the calling source file.</param>
    /// <returns>The app.</returns>
    /// <exception cref="FileNotFoundException">No <c>cdk.json</c> was given or found.</exception>
    public static App NewApp(string? cdkJsonPath = null, AppProps? props = null, [CallerFilePath] string callerFilePath = "")
    {
        var path = cdkJsonPath ?? Find(callerFilePath)
            ?? throw new FileNotFoundException($"No {FileName} above {Path.GetDirectoryName(callerFilePath)} or {AppContext.BaseDirectory}; pass its path.");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such {FileName}.", path);
        }

        var context = ReadContext(path);
        foreach (var (key, value) in props?.Context ?? new Dictionary<string, object>())
        {
            context[key] = value;
        }

        return new App(new AppProps
        {
            Context = context,
            Outdir = props?.Outdir,
            AnalyticsReporting = props?.AnalyticsReporting,
            StackTraces = props?.StackTraces,
            TreeMetadata = props?.TreeMetadata,
            AutoSynth = props?.AutoSynth,
            DefaultStackSynthesizer = props?.DefaultStackSynthesizer,
            PostCliContext = props?.PostCliContext,
            PolicyValidationBeta1 = props?.PolicyValidationBeta1,
        });
    }

    /// <summary>The <c>context</c> object of a <c>cdk.json</c> as CDK takes it (booleans, numbers, strings, lists of strings, objects).</summary>
    /// <param name="cdkJsonPath">The file.</param>
    /// <returns>The context entries; empty when the file has no context.</returns>
    public static Dictionary<string, object> ReadContext(string cdkJsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(cdkJsonPath));
        return document.RootElement.TryGetProperty("context", out var context)
            ? context.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value))
            : [];
    }

    private static string? Find(string callerFilePath)
    {
        foreach (var start in new[] { Path.GetDirectoryName(callerFilePath), AppContext.BaseDirectory })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, FileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static object ToValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.Array => e.EnumerateArray().Select(ToValue).ToArray(),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value)),
        _ => e.GetString()!,
    };
}
