using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EcsConstructs.Testing;

/// <summary>
/// Turns a synthesized CloudFormation template into stable text that only changes when the
/// infrastructure changes.
/// </summary>
/// <remarks>
/// <para>The normalizer</para>
/// <list type="bullet">
/// <item><description>removes the <c>BootstrapVersion</c> parameter and the <c>CheckBootstrapVersion</c> rule
/// that the default synthesizer adds;</description></item>
/// <item><description>removes resources of type <c>AWS::CDK::Metadata</c> and the <c>CDKMetadataAvailable</c>
/// condition (version reporting);</description></item>
/// <item><description>removes resource metadata keys that start with <c>aws:cdk:</c> (construct paths) or
/// <c>aws:asset:</c> (where <c>cdk synth</c> staged an asset, for local tools), dropping <c>Metadata</c>
/// objects left empty; other metadata such as <c>cdk_nag</c>,
/// <c>cfn-lint</c> or <c>guard</c> suppressions is kept;</description></item>
/// <item><description>replaces every 64-hex-character asset hash inside strings by <c>[ASSET_HASH]</c>;</description></item>
/// <item><description>sorts object keys ordinally at every depth (arrays keep their order);</description></item>
/// <item><description>writes JSON with 2-space indentation, LF line endings and a trailing newline, without
/// escaping non-ASCII characters or <c>&lt;&gt;&amp;'+</c>.</description></item>
/// </list>
/// <para>Top-level sections left empty by the removals are dropped. Normalizing twice gives the same text.</para>
/// </remarks>
public static partial class TemplateNormalizer
{
    /// <summary>The text that replaces asset hashes.</summary>
    public const string AssetHashPlaceholder = "[ASSET_HASH]";

    private static readonly string[] ToolingMetadataPrefixes = ["aws:cdk:", "aws:asset:"];

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        IndentCharacter = ' ',
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Normalizes a CloudFormation template (see the class remarks for the rules).</summary>
    /// <param name="templateJson">The template as JSON text.</param>
    /// <returns>The normalized JSON text, ending with a single LF.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="templateJson"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException"><paramref name="templateJson"/> is not valid JSON.</exception>
    public static string Normalize(string templateJson)
    {
        ArgumentNullException.ThrowIfNull(templateJson);

        var root = JsonNode.Parse(templateJson);
        if (root is JsonObject template)
        {
            RemoveCdkBootstrapChecks(template);
            RemoveCdkMetadataResources(template);
            RemoveCdkResourceMetadata(template);
        }

        return Write(root);
    }

    /// <summary>Writes a JSON node with sorted keys, scrubbed asset hashes and the stable layout.</summary>
    internal static string Write(JsonNode? root)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteNode(writer, root);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void RemoveCdkBootstrapChecks(JsonObject template)
    {
        RemoveEntry(template, "Parameters", "BootstrapVersion");
        RemoveEntry(template, "Rules", "CheckBootstrapVersion");
    }

    private static void RemoveCdkMetadataResources(JsonObject template)
    {
        if (template["Resources"] is JsonObject resources)
        {
            var metadataIds = resources
                .Where(entry => entry.Value is JsonObject resource
                    && resource["Type"] is JsonValue type
                    && type.TryGetValue<string>(out var typeName)
                    && string.Equals(typeName, "AWS::CDK::Metadata", StringComparison.Ordinal))
                .Select(entry => entry.Key)
                .ToList();
            foreach (var id in metadataIds)
            {
                resources.Remove(id);
            }

            DropIfEmpty(template, "Resources");
        }

        RemoveEntry(template, "Conditions", "CDKMetadataAvailable");
    }

    private static void RemoveCdkResourceMetadata(JsonObject template)
    {
        if (template["Resources"] is not JsonObject resources)
        {
            return;
        }

        foreach (var (_, value) in resources)
        {
            if (value is not JsonObject resource || resource["Metadata"] is not JsonObject metadata)
            {
                continue;
            }

            var cdkKeys = metadata
                .Select(entry => entry.Key)
                .Where(key => ToolingMetadataPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal)))
                .ToList();
            foreach (var key in cdkKeys)
            {
                metadata.Remove(key);
            }

            DropIfEmpty(resource, "Metadata");
        }
    }

    private static void RemoveEntry(JsonObject template, string section, string key)
    {
        if (template[section] is JsonObject entries)
        {
            entries.Remove(key);
            DropIfEmpty(template, section);
        }
    }

    private static void DropIfEmpty(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject { Count: 0 })
        {
            parent.Remove(key);
        }
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(entry => entry.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteNode(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteNode(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                writer.WriteStringValue(ScrubAssetHashes(value.GetValue<string>()));
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>Replaces every 64-hex-character run (not part of a longer hex run) by the placeholder.</summary>
    internal static string ScrubAssetHashes(string text) =>
        AssetHashPattern().Replace(text, AssetHashPlaceholder);

    [GeneratedRegex("(?<![0-9A-Fa-f])[0-9A-Fa-f]{64}(?![0-9A-Fa-f])", RegexOptions.CultureInvariant)]
    private static partial Regex AssetHashPattern();
}
