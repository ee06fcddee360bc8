using System.Text.Json.Nodes;
using Constructs;

namespace EcsConstructs.Rules;

/// <summary>Acknowledgements of warnings, stored as construct metadata and read up the construct path.</summary>
internal static class Acknowledgements
{
    public const string MetadataType = "ecs-rules:acknowledge";

    public static void Add(IConstruct scope, string ruleId, string reason) =>
        scope.Node.AddMetadata(MetadataType, new Dictionary<string, object> { ["rule"] = ruleId, ["reason"] = reason });

    /// <summary>The reason of the nearest acknowledgement of <paramref name="ruleId"/> on the construct or an ancestor, or null.</summary>
    public static string? Find(IConstruct construct, string ruleId)
    {
        foreach (var node in construct.Node.Scopes.Reverse())
        {
            foreach (var entry in node.Node.Metadata)
            {
                if (entry.Type != MetadataType)
                {
                    continue;
                }

                var data = JsonValues.ToJson(entry.Data);
                if (JsonValues.Str(data?["rule"]) == ruleId)
                {
                    return JsonValues.Str(data?["reason"]);
                }
            }
        }

        return null;
    }
}
