using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcsConstructs.Rules.Reports;

/// <summary>
/// The SARIF 2.1.0 rendering of a <see cref="RuleReport"/> (OASIS Static Analysis Results
/// Interchange Format), which code hosts read to annotate pull requests.
/// </summary>
internal static class SarifReport
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public static string Render(RuleReport report, string baseDirectory, bool verbose)
    {
        var rules = RuleCatalog.Rules.Where(r => r.CheckedAt.HasFlag(EcsRuleCheckPoint.Synthesis)).ToList();
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var results = new JsonArray();
        foreach (var f in report.Findings.Where(f => verbose || f.Severity != FindingSeverity.Info))
        {
            var physical = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = Uri(f.TemplatePath, baseDirectory) } };
            if (f.Line is { } line)
            {
                physical["region"] = new JsonObject { ["startLine"] = line };
            }

            var result = new JsonObject
            {
                ["ruleId"] = f.RuleId,
                ["ruleIndex"] = ruleIndex.GetValueOrDefault(f.RuleId),
                ["level"] = Level(f.Severity),
                ["message"] = new JsonObject { ["text"] = f.Message },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = physical,
                    ["logicalLocations"] = new JsonArray(new JsonObject
                    {
                        ["name"] = f.LogicalId.Length > 0 ? f.LogicalId : f.Template,
                        ["fullyQualifiedName"] = f.Path,
                        ["kind"] = "resource",
                    }),
                }),
            };
            if (f.Acknowledgement is { } reason)
            {
                result["suppressions"] = new JsonArray(new JsonObject { ["kind"] = "inSource", ["justification"] = reason });
            }

            results.Add(result);
        }

        var sarif = new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "ecs-rules",
                        ["informationUri"] = "https://github.com/ecsconstructs/ecsconstructs/blob/main/docs/rules.md",
                        ["version"] = typeof(SarifReport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
                        ["rules"] = new JsonArray(rules.Select(Descriptor).ToArray()),
                    },
                },
                ["results"] = results,
            }),
        };
        return sarif.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonNode Descriptor(EcsRule rule) => new JsonObject
    {
        ["id"] = rule.Id,
        ["shortDescription"] = new JsonObject { ["text"] = rule.Title },
        ["fullDescription"] = new JsonObject { ["text"] = $"{rule.Title} Seen without the check: {rule.DeployMessage}" },
        ["help"] = new JsonObject { ["text"] = rule.Fix },
        ["defaultConfiguration"] = new JsonObject { ["level"] = rule.Severity == EcsRuleSeverity.Error ? "error" : "warning" },
    };

    private static string Level(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "note",
    };

    /// <summary>The template's path relative to <paramref name="baseDirectory"/> with forward slashes, else an absolute file URI.</summary>
    private static string Uri(string path, string baseDirectory)
    {
        if (!System.IO.Path.IsPathRooted(path))
        {
            return path.Replace('\\', '/');
        }

        var relative = System.IO.Path.GetRelativePath(baseDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative)
            ? new System.Uri(path).AbsoluteUri
            : relative.Replace('\\', '/');
    }
}
