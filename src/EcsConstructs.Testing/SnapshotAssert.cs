using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using EcsConstructs.Rules.Review;
using EcsConstructs.Rules.Templates;

namespace EcsConstructs.Testing;

/// <summary>
/// Snapshot assertions for synthesized AWS CDK templates: the normalized template (see
/// <see cref="TemplateNormalizer"/>) is compared with a reviewed file committed next to the test.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><description>Snapshot equal: pass (a stale <c>&lt;name&gt;.received.json</c> is deleted).</description></item>
/// <item><description>Snapshot different or missing: <c>&lt;name&gt;.received.json</c> is written next to where the
/// snapshot belongs and <see cref="SnapshotMismatchException"/> is thrown with a summary and a line diff.</description></item>
/// <item><description><see cref="SnapshotOptions.UpdateSnapshots"/> (<c>UPDATE_SNAPSHOTS=1</c>) outside CI: the snapshot
/// is (over)written and the assertion passes.</description></item>
/// <item><description><see cref="SnapshotOptions.IsContinuousIntegration"/> (<c>CI=true</c>): snapshots are never
/// written; a missing or different snapshot always fails.</description></item>
/// </list>
/// </remarks>
public static class SnapshotAssert
{
    /// <summary>Name of the default snapshot folder, created next to the calling test's source file.</summary>
    public const string DefaultSnapshotDirectoryName = "__snapshots__";

    /// <summary>Suffix of snapshot files: <c>&lt;name&gt;.template.json</c>.</summary>
    public const string SnapshotSuffix = ".template.json";

    /// <summary>Suffix of the files written when an assertion fails: <c>&lt;name&gt;.received.json</c>.</summary>
    public const string ReceivedSuffix = ".received.json";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Synthesizes the stage that contains <paramref name="stack"/> (as <c>cdk synth</c> does) and compares the
    /// normalized template with the snapshot <c>&lt;name&gt;.template.json</c>.
    /// </summary>
    /// <param name="stack">A top-level stack of an <see cref="App"/> or <see cref="Stage"/> (not a nested stack).
    /// Build the whole app first: a stage caches its first synthesis.</param>
    /// <param name="name">The snapshot name. Default: the stack's construct path (<c>stack.Node.Path</c>) with
    /// <c>/</c> replaced by <c>-</c>, e.g. <c>MyStack</c> or <c>Prod-MyStack</c> for a stack inside stage <c>Prod</c>.</param>
    /// <param name="options">Options. Default: <see cref="SnapshotOptions.FromEnvironment()"/>.</param>
    /// <param name="callerFilePath">Filled in by the compiler: the source file of the calling test, whose folder
    /// holds the default snapshot folder <c>__snapshots__</c>.</param>
    /// <exception cref="SnapshotMismatchException">The template does not match the snapshot, or the snapshot is
    /// missing and may not be written.</exception>
    public static void MatchesSnapshot(Stack stack, string? name = null, SnapshotOptions? options = null, [CallerFilePath] string callerFilePath = "")
    {
        ArgumentNullException.ThrowIfNull(stack);
        if (stack.Nested)
        {
            throw new ArgumentException("Nested stacks are synthesized into their parent's assembly; snapshot the parent stack instead.", nameof(stack));
        }

        var stage = Stage.Of(stack) ?? throw new ArgumentException("The stack is not part of an App or Stage.", nameof(stack));
        var assembly = stage.Synth();
        var artifact = assembly.GetStackArtifact(stack.ArtifactId);
        var templateJson = File.ReadAllText(Path.Combine(assembly.Directory, artifact.TemplateFile));

        name ??= DefaultName(stack);
        Compare(templateJson, name, options, callerFilePath);
    }

    /// <summary>
    /// Compares a CloudFormation template given as JSON text (normalized first) with the snapshot
    /// <c>&lt;name&gt;.template.json</c>.
    /// </summary>
    /// <param name="templateJson">The template JSON, e.g. from <c>cdk.out/&lt;Stack&gt;.template.json</c>.</param>
    /// <param name="name">The snapshot name (a file name without folders).</param>
    /// <param name="options">Options. Default: <see cref="SnapshotOptions.FromEnvironment()"/>.</param>
    /// <param name="callerFilePath">Filled in by the compiler: the source file of the calling test, whose folder
    /// holds the default snapshot folder <c>__snapshots__</c>.</param>
    /// <exception cref="SnapshotMismatchException">The template does not match the snapshot, or the snapshot is
    /// missing and may not be written.</exception>
    public static void MatchesSnapshot(string templateJson, string name, SnapshotOptions? options = null, [CallerFilePath] string callerFilePath = "")
    {
        ArgumentNullException.ThrowIfNull(templateJson);
        ArgumentNullException.ThrowIfNull(name);
        Compare(templateJson, name, options, callerFilePath);
    }

    /// <summary>The default snapshot name of a stack: its construct path with <c>/</c> replaced by <c>-</c>.</summary>
    /// <param name="stack">The stack.</param>
    /// <returns>The name, e.g. <c>Prod-MyStack</c>.</returns>
    public static string DefaultName(Stack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return stack.Node.Path.Replace('/', '-');
    }

    private static void Compare(string templateJson, string name, SnapshotOptions? options, string callerFilePath)
    {
        ValidateName(name);
        options ??= SnapshotOptions.FromEnvironment();
        var directory = ResolveDirectory(options, callerFilePath);
        var snapshotPath = Path.Combine(directory, name + SnapshotSuffix);
        var receivedPath = Path.Combine(directory, name + ReceivedSuffix);

        var received = TemplateNormalizer.Normalize(templateJson);
        string? expected = File.Exists(snapshotPath)
            ? File.ReadAllText(snapshotPath).Replace("\r\n", "\n", StringComparison.Ordinal)
            : null;

        if (string.Equals(expected, received, StringComparison.Ordinal))
        {
            File.Delete(receivedPath);
            return;
        }

        if (options.UpdateSnapshots && !options.IsContinuousIntegration)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(snapshotPath, received, Utf8NoBom);
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(receivedPath, received, Utf8NoBom);

        var message = new StringBuilder();
        IReadOnlyList<string> changedResources;
        if (expected is null)
        {
            changedResources = ResourceIds(received);
            message.Append("Snapshot not found: ").Append(snapshotPath).Append('\n');
            message.Append("Received template written to: ").Append(receivedPath).Append('\n');
            if (options.IsContinuousIntegration)
            {
                AppendCiRule(message, options);
            }
            else
            {
                message.Append('\n');
                AppendHowToAccept(message, snapshotPath);
            }
        }
        else
        {
            var diff = TemplateDiff.Compare(expected, received);
            changedResources = diff.ChangedResources;
            message.Append("Snapshot mismatch: ").Append(snapshotPath).Append('\n');
            message.Append("Received template written to: ").Append(receivedPath).Append('\n');
            if (diff.Summary.Length > 0)
            {
                message.Append("\nChanges (snapshot -> received):\n").Append(diff.Summary);
            }

            AppendReview(message, expected, received, name);

            message.Append("\nDiff (- snapshot, + received):\n").Append(diff.LineDiff);
            if (options.IsContinuousIntegration)
            {
                AppendCiRule(message, options);
            }
            else
            {
                message.Append('\n');
                AppendHowToAccept(message, snapshotPath);
            }

            message.Append("Review the change with ecs-rules: ecs-rules diff ")
                .Append(Quote(snapshotPath)).Append(' ').Append(Quote(receivedPath)).Append('\n');
        }

        throw new SnapshotMismatchException(message.ToString(), snapshotPath, receivedPath, changedResources);
    }

    /// <summary>
    /// What deploying the received template over the snapshot does (the review of <c>ecs-rules diff</c>):
    /// the flags, then per changed resource replaced (naming the property), may be replaced, or updated in place.
    /// Nothing when the snapshot is not a readable template.
    /// </summary>
    private static void AppendReview(StringBuilder message, string expected, string received, string name)
    {
        ReviewReport review;
        try
        {
            review = TemplateReview.Compare(TemplateSet.FromText(expected, name + SnapshotSuffix), TemplateSet.FromText(received, name + ReceivedSuffix));
        }
        catch (TemplateLoadException)
        {
            return;
        }

        message.Append("\nDeployment review (snapshot -> received):\n");
        var stack = review.Stacks[0];
        if (review.Flags.Count == 0 && stack.Resources.Count == 0)
        {
            message.Append(stack.MetadataOnly ? "  no resource change (only metadata changed)\n" : "  no resource change\n");
            return;
        }

        foreach (var flag in review.Flags)
        {
            message.Append(flag.IsCertain ? "  error   " : "  warning ").Append(flag.Message).Append('\n');
        }

        foreach (var resource in stack.Resources)
        {
            message.Append("  ").Append(resource.LogicalId).Append(" (").Append(resource.Type).Append("): ").Append(ReviewText.Outcome(resource)).Append('\n');
            foreach (var property in resource.Properties)
            {
                message.Append("      ").Append(property.Name).Append(": ").Append(ReviewText.Effect(property.Effect));
                if (property.Cause is not null)
                {
                    message.Append(" (").Append(property.Cause).Append(')');
                }

                message.Append('\n');
            }
        }
    }

    private static void AppendHowToAccept(StringBuilder message, string snapshotPath) =>
        message.Append("If the change is intended, accept it: set UPDATE_SNAPSHOTS=1 and re-run the tests, ")
            .Append("or copy the .received.json over the snapshot (").Append(snapshotPath).Append("), then review and commit it.\n");

    private static void AppendCiRule(StringBuilder message, SnapshotOptions options)
    {
        message.Append("\nSnapshots are never written on continuous integration (CI=true)");
        if (options.UpdateSnapshots)
        {
            message.Append(", not even with UPDATE_SNAPSHOTS");
        }

        message.Append(". Run the tests locally with UPDATE_SNAPSHOTS=1, review the snapshot and commit it.\n");
    }

    private static string ResolveDirectory(SnapshotOptions options, string callerFilePath)
    {
        if (!string.IsNullOrEmpty(options.SnapshotDirectory))
        {
            return Path.GetFullPath(options.SnapshotDirectory);
        }

        var callerDirectory = string.IsNullOrEmpty(callerFilePath) ? null : Path.GetDirectoryName(callerFilePath);
        if (string.IsNullOrEmpty(callerDirectory))
        {
            throw new ArgumentException("The caller's source file is unknown; set SnapshotOptions.SnapshotDirectory.", nameof(callerFilePath));
        }

        if (!Directory.Exists(callerDirectory) && TryUnmapDeterministicPath(callerFilePath) is { } unmapped)
        {
            callerDirectory = Path.GetDirectoryName(unmapped)!;
        }

        return Path.Combine(callerDirectory, DefaultSnapshotDirectoryName);
    }

    /// <summary>
    /// Deterministic (<c>ContinuousIntegrationBuild</c>) builds map source paths to <c>/_/...</c>,
    /// so <c>[CallerFilePath]</c> no longer names a real file. Finds the file again below the
    /// folders that hold the test binaries or the current directory.
    /// </summary>
    internal static string? TryUnmapDeterministicPath(string callerFilePath)
    {
        var match = System.Text.RegularExpressions.Regex.Match(callerFilePath, @"^/_\d*/(?<rest>.+)$");
        if (!match.Success)
        {
            return null;
        }

        var relative = match.Groups["rest"].Value.Replace('/', Path.DirectorySeparatorChar);
        foreach (var start in new[] { AppContext.BaseDirectory, System.Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static void ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(name)
            || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            || name.Contains('/', StringComparison.Ordinal)
            || name.Contains('\\', StringComparison.Ordinal)
            || name is "." or "..")
        {
            throw new ArgumentException($"'{name}' is not a valid snapshot name: use a file name without folders.", nameof(name));
        }
    }

    private static List<string> ResourceIds(string normalizedJson)
    {
        try
        {
            return JsonNode.Parse(normalizedJson) is JsonObject { } template && template["Resources"] is JsonObject resources
                ? resources.Select(r => r.Key).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Quote(string value) =>
        value.Contains(' ', StringComparison.Ordinal) ? "\"" + value + "\"" : value;
}
