using System.Globalization;
using System.Text.Json.Nodes;
using EcsConstructs.Rules.Tests.Support;

namespace EcsConstructs.Rules.Tests.Rules;

/// <summary>
/// Every synthesis rule on a template of its own (<c>__fixtures__/ECSxxx*.json</c> or <c>.yaml</c>):
/// the template triggers the rule, and the same template with the change its
/// <c>Metadata.ecs-rules-test.clean</c> names does not. Each fixture says what it expects:
/// <code>
/// "Metadata": { "ecs-rules-test": {
///   "rule": "ECS019",                      // the rule the template triggers
///   "fires": "has 1 subnet",               // a fragment of the finding's message
///   "region": "eu-west-1",                 // optional: the stack's region
///   "clean": {                             // the fix: dotted paths (array items by index)
///     "set": { "Resources.Lb.Properties.Subnets": [ {"Ref": "A"}, {"Ref": "B"} ] },
///     "remove": [ "Resources.X.Properties.Y" ] } } }
/// </code>
/// </summary>
public sealed class RuleTemplateTests
{
    public static TheoryData<string> Files() => new(FileNames());

    private static IEnumerable<string> FileNames() =>
        Directory.GetFiles(Fixtures.Folder("Rules", "__fixtures__")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Files))]
    public void The_template_triggers_its_rule(string file)
    {
        var (template, expect) = Load(file);
        var rule = RuleCatalog.Find(Text(expect["rule"]))!;

        var findings = Fixtures.Check(template, Text(expect["region"])).Of(rule.Id);

        Assert.True(findings.Count > 0, $"{file}: {rule.Id} did not fire.");
        Assert.All(findings, f => Assert.Equal(rule.Severity == EcsRuleSeverity.Error ? FindingSeverity.Error : FindingSeverity.Warning, f.Severity));
        Assert.Contains(findings, f => f.Message.Contains(Text(expect["fires"])!, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_fixed_template_does_not_trigger_its_rule(string file)
    {
        var (template, expect) = Load(file);
        var clean = expect["clean"] as JsonObject ?? throw new InvalidOperationException($"{file}: no clean change");
        foreach (var (path, value) in clean["set"] as JsonObject ?? [])
        {
            Set(template, path, value?.DeepClone());
        }

        foreach (var path in (clean["remove"] as JsonArray ?? []).Select(Text))
        {
            Remove(template, path!);
        }

        var findings = Fixtures.Check(template, Text(expect["region"])).Of(Text(expect["rule"])!);

        Assert.True(findings.Count == 0, $"{file}: still fires after the fix:\n{string.Join("\n", findings)}");
    }

    [Fact]
    public void Every_synthesis_rule_has_a_template()
    {
        var covered = FileNames().Select(f => Load(f).Expect["rule"]!.GetValue<string>()).ToHashSet();
        var missing = RuleCatalog.Rules.Where(r => r.CheckedAt.HasFlag(EcsRuleCheckPoint.Synthesis)).Select(r => r.Id).Where(id => !covered.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "Synthesis rules without a template in Rules/__fixtures__: " + string.Join(", ", missing));
    }

    /// <summary>The fixture as JSON (YAML read by the engine's own parser), and its expectations.</summary>
    internal static (JsonObject Template, JsonObject Expect) Load(string file)
    {
        var path = Path.Combine(Fixtures.Folder("Rules", "__fixtures__"), file);
        var template = EcsConstructs.Rules.Templates.TemplateParser.Parse(File.ReadAllText(path), file);
        var expect = template["Metadata"]?["ecs-rules-test"] as JsonObject ?? throw new InvalidOperationException($"{file}: no Metadata.ecs-rules-test");
        return (template, expect);
    }

    private static string? Text(JsonNode? node) => node?.GetValue<string>();

    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var (parent, last) = Parent(root, path);
        if (parent is JsonArray array)
        {
            array[int.Parse(last, CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent.AsObject()[last] = value;
        }
    }

    private static void Remove(JsonNode root, string path)
    {
        var (parent, last) = Parent(root, path);
        if (parent is JsonArray array)
        {
            array.RemoveAt(int.Parse(last, CultureInfo.InvariantCulture));
        }
        else
        {
            parent.AsObject().Remove(last);
        }
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode root, string path)
    {
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            node = node is JsonArray array ? array[int.Parse(part, CultureInfo.InvariantCulture)]! : node[part] ?? throw new InvalidOperationException($"no '{part}' in {path}");
        }

        return (node, parts[^1]);
    }
}
