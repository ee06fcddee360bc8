using EcsConstructs.Rules.Tests.Support;

namespace EcsConstructs.Rules.Tests.Rules;

/// <summary>
/// Complete templates of setups that deploy and work (<c>__fixtures__/valid/</c>, each saying why in
/// <c>Metadata.ecs-rules-test.why-valid</c>): a DAEMON service beside a REPLICA service, ECS's own
/// blue/green deployment and a CodeDeploy one. Unlike <see cref="NoFindingTemplateTests"/>, which
/// guards one rule per template, no rule at all may report anything on them: no error, no warning, no note.
/// </summary>
public sealed class ValidTemplateTests
{
    public static TheoryData<string> Files() =>
        new(Directory.GetFiles(Fixtures.Folder("Rules", "__fixtures__", "valid")).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void No_rule_reports_anything_on_a_complete_valid_template(string file)
    {
        var (template, expect) = RuleTemplateTests.Load(Path.Combine("valid", file));
        Assert.False(string.IsNullOrWhiteSpace(expect["why-valid"]?.GetValue<string>()), $"{file}: say why the template is valid.");

        var report = Fixtures.Check(template, expect["region"]?.GetValue<string>());

        Assert.True(report.Findings.Count == 0, $"{file}:\n{report.ToText()}");
    }
}
