using System.Text.Json.Nodes;
using EcsConstructs.Rules.Templates;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Rules.Tests.Support;

/// <summary>Templates under test: fixture files of the source tree, and templates given as JSON.</summary>
internal static class Fixtures
{
    /// <summary>The folder of a test folder's fixtures (<c>__fixtures__</c>), in the source tree.</summary>
    public static string Folder(params string[] parts) =>
        Path.Combine([RepositoryFolder.Root, "test", "EcsConstructs.Rules.Tests", .. parts]);

    /// <summary>Checks one template given as a JSON node (with an optional region).</summary>
    public static RuleReport Check(JsonNode template, string? region = null) =>
        RuleEngine.Check(TemplateSet.FromText(template.ToJsonString(), "template.json", region));

    /// <summary>Checks one template given as text.</summary>
    public static RuleReport Check(string template, string name = "template.json", string? region = null) =>
        RuleEngine.Check(TemplateSet.FromText(template, name, region));

    /// <summary>The errors and warnings (not notes, not acknowledged) of one rule.</summary>
    public static List<RuleFinding> Of(this RuleReport report, string ruleId) =>
        report.Findings.Where(f => f.RuleId == ruleId && f.Severity != FindingSeverity.Info && !f.IsAcknowledged).ToList();
}
