using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;

namespace EcsConstructs.Testing;

/// <summary>
/// Apps for tests that synthesize what <c>cdk synth</c> deploys: <c>cdk synth</c> gives the app the
/// context of its <c>cdk.json</c> (the feature flags), of <c>cdk.context.json</c> (looked-up values
/// such as Availability Zones) and of <c>~/.cdk.json</c>, plus context entries of its own, none of
/// which <c>new App()</c> in a test reads, so a snapshot of such an app can differ from the deployed
/// template (resources added or changed by flags). <see cref="NewApp"/> gives the app the same context.
/// </summary>
public static class CdkJson
{
    /// <summary>The file name the CDK CLI reads.</summary>
    public const string FileName = "cdk.json";

    /// <summary>The file next to <c>cdk.json</c> where the CDK CLI keeps looked-up context values.</summary>
    public const string ContextFileName = "cdk.context.json";

    // The context entries the CDK CLI (aws-cdk 2.160) sets itself for `cdk synth` (its prepareContext).
    private const string PathMetadataKey = "aws:cdk:enable-path-metadata";
    private const string AssetMetadataKey = "aws:cdk:enable-asset-metadata";
    private const string VersionReportingKey = "aws:cdk:version-reporting";
    private const string DisableVersionReportingKey = "aws:cdk:disable-version-reporting";
    private const string DisableAssetStagingKey = "aws:cdk:disable-asset-staging";
    private const string BundlingStacksKey = "aws:cdk:bundling-stacks";

    /// <summary>The user's defaults file the CDK CLI reads: <c>.cdk.json</c> in the home folder (<c>~/.cdk.json</c>).</summary>
    public static string UserDefaultsPath =>
        Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), "." + FileName);

    /// <summary>
    /// A new app with the context <c>cdk synth</c> gives the app of a <c>cdk.json</c> (see
    /// <see cref="SynthContext"/>): the file given, else the first <c>cdk.json</c> found from the
    /// calling test's source folder upward, else from the test assembly's folder upward.
    /// </summary>
    /// <param name="cdkJsonPath">The <c>cdk.json</c> to read. Default: found as described.</param>
    /// <param name="props">Further app settings (e.g. <c>Outdir</c>); their <c>Context</c> entries win over the files'. Default: none.</param>
    /// <param name="callerFilePath">Set by the compiler: the calling source file.</param>
    /// <returns>The app.</returns>
    /// <exception cref="FileNotFoundException">No <c>cdk.json</c> was given or found.</exception>
    public static App NewApp(string? cdkJsonPath = null, AppProps? props = null, [CallerFilePath] string callerFilePath = "")
    {
        var path = cdkJsonPath ?? Find(callerFilePath)
            ?? throw new FileNotFoundException($"No {FileName} above {Path.GetDirectoryName(callerFilePath)} or {AppContext.BaseDirectory}; pass its path.");

        var context = SynthContext(path);
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

    /// <summary>
    /// The context <c>cdk synth</c> (the CLI pinned in <c>package.json</c>, run in the folder of
    /// <paramref name="cdkJsonPath"/>) passes to the app, in the CLI's order of precedence: the
    /// <c>context</c> of <c>cdk.json</c> wins over <c>cdk.context.json</c> next to it, which wins over the
    /// <c>context</c> of the user's defaults file; objects are merged key by key. Then the CLI's own
    /// entries: <c>aws:cdk:enable-path-metadata</c>, <c>aws:cdk:enable-asset-metadata</c> and
    /// <c>aws:cdk:version-reporting</c> (each <see langword="true"/> unless the setting
    /// <c>pathMetadata</c>, <c>assetMetadata</c> or <c>versionReporting</c> of <c>cdk.json</c>, else of
    /// the user's defaults, is <see langword="false"/>; <c>versionReporting: false</c> sets
    /// <c>aws:cdk:disable-version-reporting</c> instead), <c>aws:cdk:disable-asset-staging</c> when
    /// <c>staging</c> is <see langword="false"/>, and <c>aws:cdk:bundling-stacks</c> <c>["**"]</c>.
    /// </summary>
    /// <param name="cdkJsonPath">The app's <c>cdk.json</c>.</param>
    /// <param name="userDefaultsPath">The user's defaults file. Default: <see cref="UserDefaultsPath"/> (<c>~/.cdk.json</c>). A file that does not exist adds nothing.</param>
    /// <returns>The context entries.</returns>
    /// <exception cref="FileNotFoundException"><paramref name="cdkJsonPath"/> does not exist.</exception>
    /// <exception cref="JsonException">One of the files is not a JSON object.</exception>
    public static Dictionary<string, object> SynthContext(string cdkJsonPath, string? userDefaultsPath = null)
    {
        ArgumentNullException.ThrowIfNull(cdkJsonPath);
        if (!File.Exists(cdkJsonPath))
        {
            throw new FileNotFoundException($"{cdkJsonPath}: no such {FileName}.", cdkJsonPath);
        }

        var project = ReadObject(cdkJsonPath)!;
        var user = ReadObject(userDefaultsPath ?? UserDefaultsPath) ?? [];
        var lookedUp = ReadObject(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(cdkJsonPath))!, ContextFileName)) ?? [];

        var context = new JsonObject();
        Merge(context, user["context"] as JsonObject);
        Merge(context, lookedUp);
        Merge(context, project["context"] as JsonObject);

        bool Setting(string name) =>
            (project[name] ?? user[name]) is not JsonValue value || value.GetValueKind() != JsonValueKind.False;

        if (Setting("pathMetadata"))
        {
            context[PathMetadataKey] = true;
        }

        if (Setting("assetMetadata"))
        {
            context[AssetMetadataKey] = true;
        }

        context[Setting("versionReporting") ? VersionReportingKey : DisableVersionReportingKey] = true;
        if (!Setting("staging"))
        {
            context[DisableAssetStagingKey] = true;
        }

        context[BundlingStacksKey] = new JsonArray("**");
        return context.ToDictionary(p => p.Key, p => ToValue(p.Value));
    }

    /// <summary>The <c>context</c> object of a <c>cdk.json</c> alone, as CDK takes it (booleans, numbers, strings, lists, objects).</summary>
    /// <param name="cdkJsonPath">The file.</param>
    /// <returns>The context entries; empty when the file has no context.</returns>
    public static Dictionary<string, object> ReadContext(string cdkJsonPath) =>
        ReadObject(cdkJsonPath) is { } file && file["context"] is JsonObject context
            ? context.ToDictionary(p => p.Key, p => ToValue(p.Value))
            : [];

    /// <summary>A JSON file's top-level object; <see langword="null"/> when the file does not exist.</summary>
    private static JsonObject? ReadObject(string path) =>
        File.Exists(path)
            ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new JsonException($"{path}: not a JSON object.")
            : null;

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/>, objects merged key by key (the CLI's deep merge).</summary>
    private static void Merge(JsonObject target, JsonObject? source)
    {
        foreach (var (key, value) in source ?? [])
        {
            if (value is JsonObject inner)
            {
                if (target[key] is not JsonObject into)
                {
                    into = [];
                    target[key] = into;
                }

                Merge(into, inner);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
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

    private static object ToValue(JsonNode? node) => node switch
    {
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToValue(p.Value)),
        JsonArray array => array.Select(ToValue).ToArray(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.GetValue<double>(),
            _ => value.GetValue<string>(),
        },
        _ => null!,
    };
}
