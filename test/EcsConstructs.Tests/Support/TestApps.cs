using Amazon.CDK;

namespace EcsConstructs.Tests.Support;

/// <summary>
/// Creates CDK apps the way <c>cdk synth</c> does for this repository: with the feature flags
/// of the root <c>cdk.json</c>, so that a test sees the same template as the CLI.
/// </summary>
internal static class TestApps
{
    private static readonly Lazy<Dictionary<string, object>> FlagsFromCdkJson = new(LoadContext);

    /// <summary>The repository root (the folder holding EcsConstructs.sln).</summary>
    public static string RepositoryRoot => RepositoryFolder.Root;

    /// <summary>A new app with the repository's feature flags.</summary>
    /// <param name="outdir">Where the app synthesizes its cloud assembly; default: a new temporary folder (CDK's default).</param>
    public static App NewApp(string? outdir = null) =>
        new(new AppProps { Outdir = outdir, Context = Context() });

    /// <summary>A copy of the repository's feature flags (the context of the root <c>cdk.json</c>).</summary>
    public static Dictionary<string, object> Context() => new(FlagsFromCdkJson.Value);

    /// <summary>A new stack in eu-west-1 (environment known, so three zones can be named) in a new app.</summary>
    public static Stack NewStack(string id = "Test") =>
        new(NewApp(), id, new StackProps { Env = new Amazon.CDK.Environment { Region = "eu-west-1" } });

    private static Dictionary<string, object> LoadContext() =>
        EcsConstructs.Testing.CdkJson.ReadContext(Path.Combine(RepositoryRoot, "cdk.json"));
}
