using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcsConstructs.Rules.Review;

/// <summary>The JSON rendering of a <see cref="ReviewReport"/>, for scripts.</summary>
internal static class ReviewJson
{
    public static string Render(ReviewReport report)
    {
        var root = new JsonObject
        {
            ["baseline"] = report.Baseline,
            ["current"] = report.Current,
            ["hasChanges"] = report.HasChanges,
            ["hasBlockingChanges"] = report.HasBlockingChanges,
            ["flags"] = new JsonArray(report.Flags.Select(f => (JsonNode)new JsonObject
            {
                ["kind"] = Kebab(f.Kind.ToString()),
                ["certain"] = f.IsCertain,
                ["stack"] = f.Stack,
                ["logicalId"] = f.LogicalId,
                ["type"] = f.Type,
                ["message"] = f.Message,
            }).ToArray()),
            ["stacks"] = new JsonArray(report.Stacks.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Name,
                ["inBaseline"] = s.InBaseline,
                ["inCurrent"] = s.InCurrent,
                ["metadataOnly"] = s.MetadataOnly,
                ["resources"] = new JsonArray(s.Resources.Select(r => (JsonNode)Resource(r)).ToArray()),
                ["otherChanges"] = new JsonArray(s.OtherChanges.Select(o => (JsonNode?)JsonValue.Create(o)).ToArray()),
            }).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonObject Resource(ResourceReview resource)
    {
        var item = new JsonObject
        {
            ["logicalId"] = resource.LogicalId,
            ["type"] = resource.Type,
            ["change"] = Kebab(resource.Kind.ToString()),
            ["effect"] = Effect(resource.Effect),
        };
        if (resource.PreviousLogicalId is not null)
        {
            item["previousLogicalId"] = resource.PreviousLogicalId;
        }

        item["properties"] = new JsonArray(resource.Properties.Select(p =>
        {
            var property = new JsonObject { ["name"] = p.Name, ["effect"] = Effect(p.Effect), ["attribute"] = p.IsAttribute };
            if (p.Cause is not null)
            {
                property["cause"] = p.Cause;
            }

            return (JsonNode)property;
        }).ToArray());
        return item;
    }

    private static string Effect(UpdateEffect effect) => Kebab(effect.ToString());

    /// <summary><c>MayBeReplaced</c> → <c>may-be-replaced</c>.</summary>
    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));
}
