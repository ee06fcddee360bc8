using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DiffPlex;

namespace EcsConstructs.Testing;

/// <summary>How a resource or section entry differs between the snapshot and the received template.</summary>
public enum ChangeKind
{
    /// <summary>Present in the received template only.</summary>
    Added,

    /// <summary>Present in the snapshot only.</summary>
    Removed,

    /// <summary>Present in both with different content.</summary>
    Changed,
}

/// <summary>One changed entry of a template section.</summary>
/// <param name="Section">The top-level section: <c>Resources</c>, <c>Outputs</c>, <c>Parameters</c>, ...</param>
/// <param name="LogicalId">The key of the entry in its section (the logical ID for resources).</param>
/// <param name="Kind">Whether the entry was added, removed or changed.</param>
/// <param name="ResourceType">The CloudFormation type for resources (from the received template, or from the
/// snapshot when removed); <see langword="null"/> for other sections or when the type is unknown.</param>
public sealed record TemplateChange(string Section, string LogicalId, ChangeKind Kind, string? ResourceType);

/// <summary>The result of <see cref="TemplateDiff.Compare"/>.</summary>
public sealed class TemplateDiffResult
{
    internal TemplateDiffResult(IReadOnlyList<TemplateChange> changes, IReadOnlyList<string> notes, string summary, string lineDiff)
    {
        Changes = changes;
        Notes = notes;
        Summary = summary;
        LineDiff = lineDiff;
    }

    /// <summary>Changed entries of the object sections (<c>Resources</c>, <c>Outputs</c>, <c>Parameters</c>,
    /// <c>Conditions</c>, <c>Mappings</c>, <c>Rules</c>, ...), resources first.</summary>
    public IReadOnlyList<TemplateChange> Changes { get; }

    /// <summary>Logical IDs of added, removed or changed resources, in the order of <see cref="Changes"/>.</summary>
    public IReadOnlyList<string> ChangedResources =>
        Changes.Where(c => c.Section == "Resources").Select(c => c.LogicalId).ToList();

    /// <summary>Other findings: changed scalar sections (e.g. <c>Description</c>) or unparseable JSON.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>A readable summary of <see cref="Changes"/> and <see cref="Notes"/>; empty when there are none.</summary>
    public string Summary { get; }

    /// <summary>A unified line diff (<c>-</c> snapshot, <c>+</c> received) with line numbers; empty when the texts are equal.</summary>
    public string LineDiff { get; }

    /// <summary><see langword="true"/> when the texts differ in any way.</summary>
    public bool HasDifferences => LineDiff.Length > 0 || Changes.Count > 0 || Notes.Count > 0;
}

/// <summary>
/// Compares two (normalized) CloudFormation templates: a structural summary of changed resources and
/// sections, and a line diff.
/// </summary>
public static class TemplateDiff
{
    /// <summary>Default number of unchanged lines shown around each change: 3.</summary>
    public const int DefaultContextLines = 3;

    /// <summary>Default maximum number of diff lines shown before the rest is summarized: 200.</summary>
    public const int DefaultMaxLines = 200;

    /// <summary>Compares the snapshot text with the received text.</summary>
    /// <param name="expectedJson">The snapshot (old) template text.</param>
    /// <param name="actualJson">The received (new) template text.</param>
    /// <param name="contextLines">Unchanged lines shown around each change; default <see cref="DefaultContextLines"/>.</param>
    /// <param name="maxLines">Maximum number of diff lines; the rest is replaced by a "… N more lines" note.
    /// Default <see cref="DefaultMaxLines"/>.</param>
    /// <returns>The summary and line diff.</returns>
    public static TemplateDiffResult Compare(string expectedJson, string actualJson, int contextLines = DefaultContextLines, int maxLines = DefaultMaxLines)
    {
        ArgumentNullException.ThrowIfNull(expectedJson);
        ArgumentNullException.ThrowIfNull(actualJson);
        ArgumentOutOfRangeException.ThrowIfNegative(contextLines);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 1);

        var notes = new List<string>();
        var expected = TryParseObject(expectedJson, "snapshot", notes);
        var actual = TryParseObject(actualJson, "received template", notes);
        var changes = expected is not null && actual is not null
            ? CompareSections(expected, actual, notes)
            : [];

        var summary = FormatSummary(changes, notes);
        var lineDiff = FormatLineDiff(expectedJson, actualJson, contextLines, maxLines);
        return new TemplateDiffResult(changes, notes, summary, lineDiff);
    }

    private static JsonObject? TryParseObject(string json, string what, List<string> notes)
    {
        try
        {
            if (JsonNode.Parse(json) is JsonObject obj)
            {
                return obj;
            }

            notes.Add($"The {what} is not a JSON object.");
        }
        catch (JsonException ex)
        {
            notes.Add($"The {what} is not valid JSON: {ex.Message}");
        }

        return null;
    }

    private static List<TemplateChange> CompareSections(JsonObject expected, JsonObject actual, List<string> notes)
    {
        var changes = new List<TemplateChange>();
        var sections = expected.Select(e => e.Key).Union(actual.Select(a => a.Key))
            .OrderBy(key => key == "Resources" ? 0 : 1)
            .ThenBy(key => key, StringComparer.Ordinal);

        foreach (var section in sections)
        {
            var before = expected[section];
            var after = actual[section];
            var isObjectSection = (before is null or JsonObject) && (after is null or JsonObject)
                && !(section == "Description" || section == "AWSTemplateFormatVersion" || section == "Transform");
            if (isObjectSection)
            {
                CompareEntries(section, before as JsonObject ?? [], after as JsonObject ?? [], changes);
            }
            else if (!JsonNode.DeepEquals(before, after))
            {
                notes.Add(before is null ? $"{section} added." : after is null ? $"{section} removed." : $"{section} changed.");
            }
        }

        return changes;
    }

    private static void CompareEntries(string section, JsonObject before, JsonObject after, List<TemplateChange> changes)
    {
        var keys = before.Select(e => e.Key).Union(after.Select(a => a.Key)).OrderBy(k => k, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var old = before.ContainsKey(key);
            var now = after.ContainsKey(key);
            ChangeKind? kind = (old, now) switch
            {
                (false, true) => ChangeKind.Added,
                (true, false) => ChangeKind.Removed,
                _ when !JsonNode.DeepEquals(before[key], after[key]) => ChangeKind.Changed,
                _ => null,
            };
            if (kind is { } k)
            {
                var type = section == "Resources" ? ResourceType(now ? after[key] : before[key]) : null;
                changes.Add(new TemplateChange(section, key, k, type));
            }
        }
    }

    private static string? ResourceType(JsonNode? resource) =>
        resource is JsonObject obj && obj["Type"] is JsonValue type && type.TryGetValue<string>(out var name) ? name : null;

    private static string FormatSummary(List<TemplateChange> changes, List<string> notes)
    {
        var text = new StringBuilder();
        foreach (var group in changes.GroupBy(c => c.Section))
        {
            text.Append(group.Key).Append(":\n");
            foreach (var change in group)
            {
                var symbol = change.Kind switch { ChangeKind.Added => "+", ChangeKind.Removed => "-", _ => "~" };
                var kind = change.Kind.ToString().ToLowerInvariant();
                text.Append("  ").Append(symbol).Append(' ').Append(change.LogicalId);
                if (change.ResourceType is not null)
                {
                    text.Append(" (").Append(change.ResourceType).Append(')');
                }

                text.Append(' ').Append(kind).Append('\n');
            }
        }

        foreach (var note in notes)
        {
            text.Append(note).Append('\n');
        }

        return text.ToString();
    }

    private enum Op
    {
        Same,
        Delete,
        Insert,
    }

    private readonly record struct DiffLine(Op Op, int OldNumber, int NewNumber, string Text);

    private static string FormatLineDiff(string expected, string actual, int contextLines, int maxLines)
    {
        var oldText = expected.Replace("\r\n", "\n", StringComparison.Ordinal);
        var newText = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (string.Equals(oldText, newText, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var oldLines = SplitLines(oldText);
        var newLines = SplitLines(newText);
        var script = BuildScript(oldText, newText, oldLines, newLines);
        if (script.TrueForAll(l => l.Op == Op.Same))
        {
            // Only the final newline differs.
            return oldText.EndsWith('\n') ? "(the received template has no final newline)\n" : "(the snapshot has no final newline)\n";
        }

        var output = new List<string>();
        foreach (var (start, end) in Hunks(script, contextLines))
        {
            var hunk = script.GetRange(start, end - start);
            var oldStart = hunk.Find(l => l.Op != Op.Insert).OldNumber;
            var newStart = hunk.Find(l => l.Op != Op.Delete).NewNumber;
            var oldCount = hunk.Count(l => l.Op != Op.Insert);
            var newCount = hunk.Count(l => l.Op != Op.Delete);
            output.Add(string.Create(CultureInfo.InvariantCulture,
                $"@@ -{(oldCount == 0 ? FirstNumber(script, start, old: true) : oldStart)},{oldCount} +{(newCount == 0 ? FirstNumber(script, start, old: false) : newStart)},{newCount} @@"));
            foreach (var line in hunk)
            {
                var symbol = line.Op switch { Op.Delete => '-', Op.Insert => '+', _ => ' ' };
                var oldNo = line.Op == Op.Insert ? string.Empty : line.OldNumber.ToString(CultureInfo.InvariantCulture);
                var newNo = line.Op == Op.Delete ? string.Empty : line.NewNumber.ToString(CultureInfo.InvariantCulture);
                output.Add(string.Create(CultureInfo.InvariantCulture, $"{symbol} {oldNo,5} {newNo,5} | {line.Text}"));
            }
        }

        var text = new StringBuilder();
        foreach (var line in output.Take(maxLines))
        {
            text.Append(line).Append('\n');
        }

        if (output.Count > maxLines)
        {
            text.Append(CultureInfo.InvariantCulture, $"… {output.Count - maxLines} more lines\n");
        }

        return text.ToString();
    }

    private static int FirstNumber(List<DiffLine> script, int start, bool old)
    {
        // Unified-diff convention: an empty side starts at the line before the change.
        var before = start - 1;
        while (before >= 0 && (old ? script[before].Op == Op.Insert : script[before].Op == Op.Delete))
        {
            before--;
        }

        return before < 0 ? 0 : old ? script[before].OldNumber : script[before].NewNumber;
    }

    private static string[] SplitLines(string text)
    {
        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    private static List<DiffLine> BuildScript(string oldText, string newText, string[] oldLines, string[] newLines)
    {
        var diff = new Differ().CreateLineDiffs(oldText, newText, ignoreWhitespace: false);
        var script = new List<DiffLine>();
        int a = 0, b = 0;

        void Same(int untilA)
        {
            while (a < untilA && a < oldLines.Length && b < newLines.Length)
            {
                script.Add(new DiffLine(Op.Same, a + 1, b + 1, oldLines[a]));
                a++;
                b++;
            }
        }

        foreach (var block in diff.DiffBlocks)
        {
            Same(block.DeleteStartA);
            for (var i = 0; i < block.DeleteCountA && a < oldLines.Length; i++, a++)
            {
                script.Add(new DiffLine(Op.Delete, a + 1, 0, oldLines[a]));
            }

            for (var i = 0; i < block.InsertCountB && b < newLines.Length; i++, b++)
            {
                script.Add(new DiffLine(Op.Insert, 0, b + 1, newLines[b]));
            }
        }

        Same(oldLines.Length);
        return script;
    }

    private static List<(int Start, int End)> Hunks(List<DiffLine> script, int contextLines)
    {
        var hunks = new List<(int Start, int End)>();
        for (var i = 0; i < script.Count; i++)
        {
            if (script[i].Op == Op.Same)
            {
                continue;
            }

            var start = Math.Max(0, i - contextLines);
            var end = Math.Min(script.Count, i + 1 + contextLines);
            if (hunks.Count > 0 && start <= hunks[^1].End)
            {
                hunks[^1] = (hunks[^1].Start, end);
            }
            else
            {
                hunks.Add((start, end));
            }
        }

        return hunks;
    }
}
