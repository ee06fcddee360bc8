using EcsConstructs.Rules.Tests.Support;

namespace EcsConstructs.Rules.Tests.Rules;

/// <summary>
/// Templates that deploy and work although they look like a rule's case (<c>__fixtures__/no-finding/</c>,
/// each with the rule and <c>why-no-finding</c> in <c>Metadata.ecs-rules-test</c>): the rule must stay silent.
/// Each one was a false alarm once.
/// </summary>
public sealed class NoFindingTemplateTests
{
    public static TheoryData<string> Files() =>
        new(Directory.GetFiles(Fixtures.Folder("Rules", "__fixtures__", "no-finding")).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void The_rule_reports_nothing_on_a_template_that_works(string file)
    {
        var (template, expect) = RuleTemplateTests.Load(Path.Combine("no-finding", file));
        Assert.False(string.IsNullOrWhiteSpace(expect["why-no-finding"]?.GetValue<string>()), $"{file}: say why the template works.");

        var findings = Fixtures.Check(template, expect["region"]?.GetValue<string>()).Of(expect["rule"]!.GetValue<string>());

        Assert.True(findings.Count == 0, $"{file}: {string.Join("\n", findings)}");
    }
}
