using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EcsConstructs.Rules.Templates;

/// <summary>
/// Reads a CloudFormation template, in JSON or YAML, into JSON nodes. YAML short forms become the
/// full JSON forms CloudFormation documents: <c>!Ref X</c> is <c>{"Ref": "X"}</c>,
/// <c>!GetAtt A.B</c> is <c>{"Fn::GetAtt": ["A", "B"]}</c>, <c>!Condition C</c> is
/// <c>{"Condition": "C"}</c> and every other <c>!Name</c> is <c>{"Fn::Name": …}</c>
/// (<c>!Sub</c>, <c>!Select</c>, <c>!GetAZs</c>, <c>!ImportValue</c>, <c>!Join</c>, <c>!If</c>, …).
/// </summary>
internal static class TemplateParser
{
    /// <summary>Parses <paramref name="text"/>; JSON when it starts with <c>{</c>, YAML otherwise.</summary>
    /// <exception cref="TemplateLoadException">The text is neither a JSON nor a YAML template object.</exception>
    public static JsonObject Parse(string text, string source)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] == '{')
        {
            try
            {
                return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false }) as JsonObject
                    ?? throw new TemplateLoadException($"{source}: not a CloudFormation template (the JSON is not an object).");
            }
            catch (JsonException e)
            {
                throw new TemplateLoadException($"{source}: not valid JSON ({FirstLine(e.Message)}).");
            }
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || Convert(stream.Documents[0].RootNode) is not JsonObject root)
            {
                throw new TemplateLoadException($"{source}: not a CloudFormation template (no mapping at the top level).");
            }

            return root;
        }
        catch (YamlException e)
        {
            throw new TemplateLoadException($"{source}: not valid YAML (line {e.Start.Line}: {FirstLine(e.InnerException?.Message ?? e.Message)}).");
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static JsonNode? Convert(YamlNode node)
    {
        JsonNode? value = node switch
        {
            YamlScalarNode scalar => Scalar(scalar),
            YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
            YamlMappingNode mapping => Mapping(mapping),
            _ => null,
        };

        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (tag is null || tag == "!" || tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) || !tag.StartsWith('!'))
        {
            return value;
        }

        var name = tag[1..];
        return name switch
        {
            "Ref" => new JsonObject { ["Ref"] = value },
            "Condition" => new JsonObject { ["Condition"] = value },
            "GetAtt" when value is JsonValue v && v.TryGetValue<string>(out var dotted) && dotted.IndexOf('.', StringComparison.Ordinal) > 0 =>
                new JsonObject { ["Fn::GetAtt"] = new JsonArray(dotted[..dotted.IndexOf('.', StringComparison.Ordinal)], dotted[(dotted.IndexOf('.', StringComparison.Ordinal) + 1)..]) },
            _ => new JsonObject { [$"Fn::{name}"] = value },
        };
    }

    private static JsonObject Mapping(YamlMappingNode mapping)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = key is YamlScalarNode s ? s.Value ?? string.Empty : key.ToString();
            obj[name] = Convert(value);
        }

        return obj;
    }

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        // A number reads as JSON would parse it, so that it converts to any numeric type as JSON numbers do.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            && (text[0] is '-' or '+' || char.IsAsciiDigit(text[0])))
        {
            return (JsonValue)JsonNode.Parse(number.ToString("R", CultureInfo.InvariantCulture))!;
        }

        return JsonValue.Create(text);
    }
}
