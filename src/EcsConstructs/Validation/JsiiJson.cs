using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DictionaryEntry = System.Collections.DictionaryEntry;
using IDictionary = System.Collections.IDictionary;
using IEnumerable = System.Collections.IEnumerable;

namespace EcsConstructs.Validation;

/// <summary>Converts what the jsii runtime hands back (e.g. from <c>Stack.Resolve</c> or metadata) to JSON nodes.</summary>
internal static class JsiiJson
{
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
