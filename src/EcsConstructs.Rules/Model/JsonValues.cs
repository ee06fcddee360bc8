using System.Globalization;
using System.Text.Json.Nodes;

namespace EcsConstructs.Rules.Model;

/// <summary>
/// Reading resolved CloudFormation values (see <see cref="Templates.Resolver"/>). Anything that is
/// not a plain literal (an intrinsic function left unresolved) reads as unknown: null.
/// </summary>
internal static class JsonValues
{
    public static JsonNode? Get(JsonNode? node, string name)
    {
        if (node is not JsonObject obj)
        {
            return null;
        }

        return obj[name];
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
        node is JsonValue v
            ? v.TryGetValue<string>(out var s) ? s
                : v.TryGetValue<bool>(out var b) ? (b ? "true" : "false")
                : Num(v) is { } d ? d.ToString(CultureInfo.InvariantCulture) : null
            : null;

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

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        return v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    public static bool? Bool(JsonNode? node) =>
        node is JsonValue v ? v.TryGetValue<bool>(out var b) ? b : v.TryGetValue<string>(out var s) && bool.TryParse(s, out var parsed) ? parsed : null : null;

    public static IEnumerable<JsonNode> Items(JsonNode? node) =>
        node is JsonArray a ? a.Where(n => n is not null).Select(n => n!) : [];

    public static IEnumerable<JsonObject> Objects(JsonNode? node) => Items(node).OfType<JsonObject>();

    /// <summary>Whether any string value in <paramref name="node"/> (at any depth) satisfies <paramref name="predicate"/>.</summary>
    public static bool AnyString(JsonNode? node, Func<string, bool> predicate) => node switch
    {
        JsonValue v => v.TryGetValue<string>(out var s) && predicate(s),
        JsonArray a => a.Any(item => AnyString(item, predicate)),
        JsonObject o => o.Any(p => AnyString(p.Value, predicate)),
        _ => false,
    };

    /// <summary>Whether <paramref name="node"/> references the resource with global key <paramref name="key"/> anywhere (a resolved <c>Ref</c> or <c>Fn::GetAtt</c>).</summary>
    public static bool Mentions(JsonNode? node, string key) => AnyString(node, s => s == key);

    /// <summary>A value given as one string or a list of strings (IAM actions, resources, principals).</summary>
    public static IEnumerable<JsonNode> OneOrMany(JsonNode? node) =>
        node is JsonArray a ? Items(a) : node is null ? [] : [node];
}
