using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EcsConstructs.Rules.Review;

/// <summary>Template values as the review compares them: without noise, and the resources they refer to.</summary>
internal static partial class TemplateValues
{
    /// <summary>The placeholder that snapshot normalization writes for asset hashes.</summary>
    public const string AssetHashPlaceholder = "[ASSET_HASH]";

    /// <summary>Whether a metadata key is noise: construct paths and asset metadata written by the CDK.</summary>
    public static bool IsNoiseMetadata(string key) =>
        key.StartsWith("aws:cdk:", StringComparison.Ordinal) || key.StartsWith("aws:asset:", StringComparison.Ordinal);

    /// <summary>A resource's <c>Metadata</c> without the noise keys; null when nothing is left.</summary>
    public static JsonObject? Metadata(JsonNode? metadata)
    {
        if (metadata is not JsonObject obj)
        {
            return null;
        }

        var kept = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (!IsNoiseMetadata(key))
            {
                kept[key] = value?.DeepClone();
            }
        }

        return kept.Count == 0 ? null : kept;
    }

    /// <summary>
    /// Deep equality of two template values: objects by their keys whatever the order, arrays item by item,
    /// strings equal when they differ only in 64-hex asset hashes where one side has <see cref="AssetHashPlaceholder"/>.
    /// </summary>
    public static bool Same(JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (JsonObject x, JsonObject y):
                return x.Count == y.Count && x.All(p => y.TryGetPropertyValue(p.Key, out var other) && Same(p.Value, other));
            case (JsonArray x, JsonArray y):
                return x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second));
            case (JsonValue x, JsonValue y):
                if (x.TryGetValue<string>(out var s) && y.TryGetValue<string>(out var t))
                {
                    return s == t || ((s.Contains(AssetHashPlaceholder, StringComparison.Ordinal) || t.Contains(AssetHashPlaceholder, StringComparison.Ordinal))
                        && AssetHash().Replace(s, AssetHashPlaceholder) == AssetHash().Replace(t, AssetHashPlaceholder));
                }

                return x.ToJsonString() == y.ToJsonString();
            default:
                return false;
        }
    }

    /// <summary>The logical IDs a value refers to through <c>Ref</c>, <c>Fn::GetAtt</c> and <c>Fn::Sub</c> (<c>${Id}</c>, <c>${Id.Attribute}</c>).</summary>
    public static HashSet<string> References(JsonNode? value)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Collect(value, found);
        return found;
    }

    private static void Collect(JsonNode? node, HashSet<string> found)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, found);
                }

                break;
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    switch (key)
                    {
                        case "Ref" when Text(value) is { } target:
                            found.Add(target);
                            break;
                        case "Fn::GetAtt" when value is JsonArray { Count: > 0 } parts && Text(parts[0]) is { } target:
                            found.Add(target);
                            break;
                        case "Fn::GetAtt" when Text(value) is { } dotted:
                            found.Add(dotted.Split('.')[0]);
                            break;
                        case "Fn::Sub":
                            var pattern = Text(value) ?? Text((value as JsonArray)?.FirstOrDefault());
                            if (pattern is not null)
                            {
                                foreach (Match match in SubVariable().Matches(pattern))
                                {
                                    found.Add(match.Groups[1].Value);
                                }
                            }

                            if (value is JsonArray { Count: > 1 } sub)
                            {
                                Collect(sub[1], found);
                            }

                            break;
                        default:
                            Collect(value, found);
                            break;
                    }
                }

                break;
        }
    }

    /// <summary>A string value, or null.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [GeneratedRegex("[0-9a-f]{64}", RegexOptions.CultureInvariant)]
    private static partial Regex AssetHash();

    [GeneratedRegex(@"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex SubVariable();
}
