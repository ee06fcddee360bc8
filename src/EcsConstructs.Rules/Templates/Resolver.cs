using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EcsConstructs.Rules.Templates;

/// <summary>
/// Resolves what templates really contain into values the rules can read, across every template of
/// a <see cref="TemplateSet"/>:
/// <list type="bullet">
/// <item><description><c>Ref</c> and <c>Fn::GetAtt</c> to a resource become references by global key
/// (<c>{"Ref": "Stack::LogicalId"}</c>), so that a reference reads the same from every template;</description></item>
/// <item><description><c>Ref</c> to a parameter: the value its parent stack passes (nested stacks),
/// else its default (an SSM parameter type stays unknown);</description></item>
/// <item><description><c>Fn::ImportValue</c> through the exporting stack's <c>Outputs</c> when that stack is in the set,
/// and <c>Fn::GetAtt</c> of a nested stack's <c>Outputs.X</c> through the nested template;</description></item>
/// <item><description><c>Fn::Select</c> over a list, and over <c>Fn::GetAZs</c> as a canonical zone
/// (different indexes are different zones, the same index the same zone);</description></item>
/// <item><description><c>Fn::Join</c>, <c>Fn::Sub</c> and <c>Fn::FindInMap</c> when every part is known;
/// <c>Fn::If</c> and resource conditions when the condition is known; pseudo parameters
/// (<c>AWS::Region</c>, <c>AWS::AccountId</c>, <c>AWS::Partition</c>, <c>AWS::URLSuffix</c>,
/// <c>AWS::StackName</c>) when the stack's environment is known; <c>AWS::NoValue</c> removes the property.</description></item>
/// </list>
/// Anything else stays an intrinsic function: an unknown value, which no rule reads as a literal.
/// </summary>
internal sealed partial class Resolver
{
    private const int MaxDepth = 40;
    private const string KeySeparator = "::";

    /// <summary>Stands for <c>AWS::NoValue</c> while resolving: the property or list item is dropped.</summary>
    private static readonly JsonObject NoValue = new() { ["Ref"] = "AWS::NoValue" };

    private readonly Dictionary<string, (CfnTemplate Template, JsonNode? Value)> _exports = new(StringComparer.Ordinal);
    private readonly Dictionary<(CfnTemplate, string), bool?> _conditions = [];
    private readonly Dictionary<(CfnTemplate, string), CfnTemplate> _nested = [];

    public Resolver(IReadOnlyList<CfnTemplate> templates)
    {
        foreach (var template in templates.Where(t => t.Parent is not null))
        {
            _nested[(template.Parent!, template.ParentResource!)] = template;
        }

        foreach (var template in templates)
        {
            foreach (var (_, node) in template.Outputs)
            {
                if (node is JsonObject output && Resolve(template, output["Export"]?["Name"]) is JsonValue name && name.TryGetValue<string>(out var exportName))
                {
                    _exports.TryAdd(exportName, (template, output["Value"]));
                }
            }
        }
    }

    /// <summary>The global key of a template's resource, as references resolve to.</summary>
    public static string KeyOf(CfnTemplate template, string logicalId) => template.Key + KeySeparator + logicalId;

    /// <summary>Resolves <paramref name="node"/> as it stands in <paramref name="template"/>; never returns the <c>AWS::NoValue</c> marker.</summary>
    public JsonNode? Resolve(CfnTemplate template, JsonNode? node)
    {
        var value = Resolve(template, node, 0);
        return ReferenceEquals(value, NoValue) ? null : value;
    }

    /// <summary>Whether a condition of the template holds: true, false, or null when it depends on something unknown.</summary>
    public bool? Condition(CfnTemplate template, string name)
    {
        if (_conditions.TryGetValue((template, name), out var known))
        {
            return known;
        }

        _conditions[(template, name)] = null; // a cycle reads as unknown
        var value = Evaluate(template, template.Conditions[name], 0);
        _conditions[(template, name)] = value;
        return value;
    }

    private bool? Evaluate(CfnTemplate template, JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        if (node is JsonValue v && v.TryGetValue<bool>(out var literal))
        {
            return literal;
        }

        if (node is not JsonObject { Count: 1 } obj)
        {
            return null;
        }

        var (name, args) = obj.First();
        var items = args as JsonArray;
        switch (name)
        {
            case "Condition":
                return Str(args) is { } condition ? Condition(template, condition) : null;
            case "Fn::Not" when items is { Count: 1 }:
                return !Evaluate(template, items[0], depth + 1);
            case "Fn::And" when items is not null:
                var and = items.Select(i => Evaluate(template, i, depth + 1)).ToList();
                return and.Any(b => b == false) ? false : and.All(b => b == true) ? true : null;
            case "Fn::Or" when items is not null:
                var or = items.Select(i => Evaluate(template, i, depth + 1)).ToList();
                return or.Any(b => b == true) ? true : or.All(b => b == false) ? false : null;
            case "Fn::Equals" when items is { Count: 2 }:
                var (a, b) = (Resolve(template, items[0], depth + 1), Resolve(template, items[1], depth + 1));
                return Str(a) is { } left && Str(b) is { } right ? left == right : null;
            default:
                return null;
        }
    }

    private JsonNode? Resolve(CfnTemplate template, JsonNode? node, int depth)
    {
        if (node is null)
        {
            return null;
        }

        if (depth > MaxDepth)
        {
            return node.DeepClone();
        }

        switch (node)
        {
            case JsonValue:
                return node.DeepClone();
            case JsonArray array:
                var list = new JsonArray();
                foreach (var item in array)
                {
                    var resolved = Resolve(template, item, depth + 1);
                    if (!ReferenceEquals(resolved, NoValue))
                    {
                        list.Add(resolved);
                    }
                }

                return list;
        }

        var obj = (JsonObject)node;
        if (obj.Count == 1 && obj.First() is var (name, args) && (name == "Ref" || name.StartsWith("Fn::", StringComparison.Ordinal)))
        {
            return Intrinsic(template, name, args, depth + 1);
        }

        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            var resolved = Resolve(template, value, depth + 1);
            if (!ReferenceEquals(resolved, NoValue))
            {
                result[key] = resolved;
            }
        }

        return result;
    }

    private JsonNode? Intrinsic(CfnTemplate template, string name, JsonNode? args, int depth)
    {
        switch (name)
        {
            case "Ref" when Str(args) is { } target:
                return Ref(template, target, depth);
            case "Fn::GetAtt":
                return GetAtt(template, args, depth);
            case "Fn::ImportValue":
                var exportName = Resolve(template, args, depth);
                if (Str(exportName) is { } literal && _exports.TryGetValue(literal, out var export))
                {
                    return Resolve(export.Template, export.Value, depth);
                }

                return Unknown(name, exportName);
            case "Fn::Select":
                return Select(template, args, depth);
            case "Fn::Join":
                return Join(template, args, depth);
            case "Fn::Sub":
                return Sub(template, args, depth);
            case "Fn::If" when args is JsonArray { Count: 3 } branches && Str(branches[0]) is { } condition:
                return Condition(template, condition) switch
                {
                    true => Resolve(template, branches[1], depth),
                    false => Resolve(template, branches[2], depth),
                    _ => Unknown(name, new JsonArray(condition, Keep(Resolve(template, branches[1], depth)), Keep(Resolve(template, branches[2], depth)))),
                };
            case "Fn::FindInMap" when args is JsonArray { Count: >= 3 } keys:
                var (map, top, second) = (Str(Resolve(template, keys[0], depth)), Str(Resolve(template, keys[1], depth)), Str(Resolve(template, keys[2], depth)));
                if (map is not null && top is not null && second is not null && template.Mappings[map]?[top]?[second] is { } mapped)
                {
                    return Resolve(template, mapped, depth);
                }

                return Unknown(name, Resolve(template, args, depth));
            default:
                return Unknown(name, Resolve(template, args, depth));
        }
    }

    private JsonNode? Ref(CfnTemplate template, string target, int depth)
    {
        switch (target)
        {
            case "AWS::NoValue":
                return NoValue;
            case "AWS::Region":
                return Known(target, template.Region);
            case "AWS::AccountId":
                return Known(target, template.Account);
            case "AWS::StackName":
                return Known(target, template.StackName);
            case "AWS::Partition":
                return Known(target, Partition(template.Region));
            case "AWS::URLSuffix":
                return Known(target, Partition(template.Region) is { } partition ? partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com" : null);
        }

        if (template.Resources.ContainsKey(target))
        {
            return new JsonObject { ["Ref"] = KeyOf(template, target) };
        }

        if (template.Parameters[target] is JsonObject parameter)
        {
            return Parameter(template, target, parameter, depth);
        }

        return new JsonObject { ["Ref"] = target };
    }

    /// <summary>
    /// A parameter's value: what the parent stack passes to a nested stack, else the default (a
    /// list type splits at commas). An SSM parameter type (<c>AWS::SSM::Parameter::Value&lt;…&gt;</c>),
    /// a parameter without default and one the parent does not pass stay references by key (unknown).
    /// </summary>
    private JsonNode? Parameter(CfnTemplate template, string name, JsonObject parameter, int depth)
    {
        if (template.Parent is { } parent && parent.Resources[template.ParentResource!]?["Properties"]?["Parameters"]?[name] is { } passed)
        {
            return Resolve(parent, passed, depth);
        }

        var type = Str(parameter["Type"]) ?? "String";
        if (!type.StartsWith("AWS::SSM::Parameter::Value", StringComparison.Ordinal) && parameter["Default"] is { } fallback)
        {
            var value = Resolve(template, fallback, depth);
            if ((type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal)) && Str(value) is { } text)
            {
                return new JsonArray(text.Split(',').Select(s => (JsonNode?)JsonValue.Create(s.Trim())).ToArray());
            }

            return value;
        }

        return new JsonObject { ["Ref"] = KeyOf(template, name) };
    }

    private JsonNode? GetAtt(CfnTemplate template, JsonNode? args, int depth)
    {
        string? resource = null;
        string? attribute = null;
        if (args is JsonArray { Count: 2 } pair)
        {
            resource = Str(pair[0]);
            attribute = Str(Resolve(template, pair[1], depth));
        }
        else if (Str(args) is { } dotted && dotted.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot)
        {
            (resource, attribute) = (dotted[..dot], dotted[(dot + 1)..]);
        }

        if (resource is null || attribute is null || !template.Resources.ContainsKey(resource))
        {
            return Unknown("Fn::GetAtt", args?.DeepClone());
        }

        if (attribute.StartsWith("Outputs.", StringComparison.Ordinal) && _nested.TryGetValue((template, resource), out var nested)
            && nested.Outputs[attribute["Outputs.".Length..]]?["Value"] is { } output)
        {
            return Resolve(nested, output, depth);
        }

        return new JsonObject { ["Fn::GetAtt"] = new JsonArray(KeyOf(template, resource), attribute) };
    }

    private JsonNode? Select(CfnTemplate template, JsonNode? args, int depth)
    {
        if (args is not JsonArray { Count: 2 } pair)
        {
            return Unknown("Fn::Select", Resolve(template, args, depth));
        }

        var index = Resolve(template, pair[0], depth);
        var list = Resolve(template, pair[1], depth);
        if (Str(index) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0)
        {
            if (list is JsonArray items && i < items.Count)
            {
                return items[i]?.DeepClone();
            }

            if (list is JsonObject { Count: 1 } azs && azs["Fn::GetAZs"] is var region && azs.ContainsKey("Fn::GetAZs"))
            {
                // A zone by position in the region's list: comparable with other positions, not with names.
                var regionName = Str(region) is { Length: > 0 } r ? r : template.Region ?? string.Empty;
                return new JsonObject { ["Fn::Select"] = new JsonArray(JsonValue.Create((double)i), new JsonObject { ["Fn::GetAZs"] = regionName }) };
            }
        }

        return Unknown("Fn::Select", new JsonArray(index, list));
    }

    private JsonNode? Join(CfnTemplate template, JsonNode? args, int depth)
    {
        if (args is not JsonArray { Count: 2 } pair || Str(pair[0]) is not { } separator)
        {
            return Unknown("Fn::Join", Resolve(template, args, depth));
        }

        var list = Resolve(template, pair[1], depth);
        if (list is JsonArray items && items.All(item => item is JsonValue))
        {
            return JsonValue.Create(string.Join(separator, items.Select(Str)));
        }

        return Unknown("Fn::Join", new JsonArray(separator, list));
    }

    /// <summary>
    /// <c>Fn::Sub</c>: a literal when every <c>${…}</c> resolves to one; else the string with each
    /// variable's resolved value (so that references inside stay visible to the rules).
    /// </summary>
    private JsonNode? Sub(CfnTemplate template, JsonNode? args, int depth)
    {
        var (text, variables) = args switch
        {
            JsonArray { Count: 2 } pair => (Str(pair[0]), pair[1] as JsonObject),
            _ => (Str(args), null),
        };
        if (text is null)
        {
            return Unknown("Fn::Sub", Resolve(template, args, depth));
        }

        var values = new JsonObject();
        var known = true;
        var result = SubVariable().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            if (name.StartsWith('!'))
            {
                return "${" + name[1..] + "}";
            }

            JsonNode? value;
            if (variables?[name] is { } given)
            {
                value = Resolve(template, given, depth);
            }
            else if (name.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot && !name.StartsWith("AWS::", StringComparison.Ordinal))
            {
                value = GetAtt(template, new JsonArray(name[..dot], name[(dot + 1)..]), depth);
            }
            else
            {
                value = Ref(template, name, depth);
            }

            values[name] = ReferenceEquals(value, NoValue) ? null : value;
            if (value is JsonValue)
            {
                return Str(value) ?? string.Empty;
            }

            known = false;
            return match.Value;
        });

        return known ? JsonValue.Create(result) : Unknown("Fn::Sub", new JsonArray(text, values));
    }

    [GeneratedRegex("\\$\\{([^}]+)\\}", RegexOptions.CultureInvariant)]
    private static partial Regex SubVariable();

    private static JsonObject Unknown(string name, JsonNode? args) => new() { [name] = args };

    private static JsonNode? Keep(JsonNode? value) => ReferenceEquals(value, NoValue) ? new JsonObject { ["Ref"] = "AWS::NoValue" } : value;

    private static JsonNode Known(string pseudo, string? value) =>
        value is null ? new JsonObject { ["Ref"] = pseudo } : JsonValue.Create(value);

    /// <summary>The partition of a region (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>…), null when the region is unknown.</summary>
    private static string? Partition(string? region) => region switch
    {
        null => null,
        _ when region.StartsWith("cn-", StringComparison.Ordinal) => "aws-cn",
        _ when region.StartsWith("us-gov-", StringComparison.Ordinal) => "aws-us-gov",
        _ when region.StartsWith("us-isob-", StringComparison.Ordinal) => "aws-iso-b",
        _ when region.StartsWith("us-iso-", StringComparison.Ordinal) => "aws-iso",
        _ => "aws",
    };

    private static string? Str(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue<string>(out var s))
        {
            return s;
        }

        if (v.TryGetValue<bool>(out var b))
        {
            return b ? "true" : "false";
        }

        return v.TryGetValue<double>(out var d) ? d.ToString(CultureInfo.InvariantCulture) : null;
    }
}
