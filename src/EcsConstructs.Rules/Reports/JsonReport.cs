using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcsConstructs.Rules.Reports;

/// <summary>The JSON rendering of a <see cref="RuleReport"/>, for scripts.</summary>
internal static class JsonReport
{
    public static string Render(RuleReport report, bool verbose)
    {
        var findings = new JsonArray();
        foreach (var f in report.Findings.Where(f => verbose || f.Severity != FindingSeverity.Info))
        {
            var item = new JsonObject
            {
                ["ruleId"] = f.RuleId,
                ["severity"] = Severity(f.Severity),
                ["template"] = f.Template,
                ["logicalId"] = f.LogicalId,
                ["path"] = f.Path,
                ["resourceType"] = f.ResourceType,
                ["message"] = f.Message,
                ["fix"] = f.Rule.Fix,
            };
            if (f.Acknowledgement is { } reason)
            {
                item["acknowledged"] = reason;
            }

            if (f.Line is { } line)
            {
                item["line"] = line;
            }

            findings.Add(item);
        }

        var root = new JsonObject
        {
            ["findings"] = findings,
            ["summary"] = new JsonObject
            {
                ["errors"] = report.Errors.Count(),
                ["warnings"] = report.Warnings.Count(),
                ["acknowledged"] = report.Findings.Count(f => f.IsAcknowledged),
                ["templates"] = new JsonArray(report.Templates.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    public static string Severity(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "info",
    };
}
