using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DictionaryEntry = System.Collections.DictionaryEntry;
using IDictionary = System.Collections.IDictionary;
using IEnumerable = System.Collections.IEnumerable;

namespace EcsConstructs.Rules;

/// <summary>
/// Reading resolved CloudFormation values. Property names are looked up both as written in the
/// template (PascalCase) and as the L1 objects hold them (camelCase), so rules read either.
/// Anything that is not a plain literal (an intrinsic function, an import) reads as unknown.
/// </summary>
internal static class JsonValues
{
    public static JsonNode? Get(JsonNode? node, string name)
    {
        if (node is not JsonObject obj)
        {
            return null;
        }

        return obj[name] ?? obj[Camel(name)];
    }

    /// <summary>Follows a dotted path of property names.</summary>
    public static JsonNode? Path(JsonNode? node, string dotted)
    {
        foreach (var part in dotted.Split('.'))
        {
            node = Get(node, part);
        }

        return node;
    }

    public static string? Str(JsonNode? node) =>
        node is JsonValue v ? v.TryGetValue<string>(out var s) ? s : v.TryGetValue<double>(out var d) ? d.ToString(CultureInfo.InvariantCulture) : v.TryGetValue<bool>(out var b) ? (b ? "true" : "false") : null : null;

    public static double? Num(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue<double>(out var d))
        {
            return d;
        }

        return v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    public static bool? Bool(JsonNode? node) =>
        node is JsonValue v ? v.TryGetValue<bool>(out var b) ? b : v.TryGetValue<string>(out var s) && bool.TryParse(s, out var parsed) ? parsed : null : null;

    public static IEnumerable<JsonNode> Items(JsonNode? node) =>
        node is JsonArray a ? a.Where(n => n is not null).Select(n => n!) : [];

    public static IEnumerable<JsonObject> Objects(JsonNode? node) => Items(node).OfType<JsonObject>();

    /// <summary>A value given as one string or a list of strings (IAM actions, resources, principals).</summary>
    public static IEnumerable<JsonNode> OneOrMany(JsonNode? node) =>
        node is JsonArray a ? Items(a) : node is null ? [] : [node];

    public static string Camel(string name)
    {
        var run = 0;
        while (run < name.Length && char.IsUpper(name[run]))
        {
            run++;
        }

        if (run == 0)
        {
            return name;
        }

        if (run == 1 || run == name.Length)
        {
            return name[..run].ToLowerInvariant() + name[run..];
        }

        return name[..(run - 1)].ToLowerInvariant() + name[(run - 1)..];
    }

    /// <summary>Converts what the jsii runtime hands back from <c>Stack.Resolve</c> to JSON.</summary>
    public static JsonNode? ToJson(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonNode node:
                return node;
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case IConvertible c when value.GetType().IsPrimitive || value is decimal:
                return JsonValue.Create(c.ToDouble(CultureInfo.InvariantCulture));
        }

        if (value.GetType().FullName?.StartsWith("Newtonsoft.Json.Linq.", StringComparison.Ordinal) == true)
        {
            return JsonNode.Parse(value.ToString() ?? "null");
        }

        if (value is IDictionary dictionary)
        {
            var obj = new JsonObject();
            foreach (DictionaryEntry entry in dictionary)
            {
                obj[Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!] = ToJson(entry.Value);
            }

            return obj;
        }

        if (value is IEnumerable<KeyValuePair<string, object>> pairs)
        {
            var obj = new JsonObject();
            foreach (var (key, item) in pairs)
            {
                obj[key] = ToJson(item);
            }

            return obj;
        }

        if (value is IEnumerable list)
        {
            var array = new JsonArray();
            foreach (var item in list)
            {
                array.Add(ToJson(item));
            }

            return array;
        }

        return JsonSerializer.SerializeToNode(value);
    }
}
