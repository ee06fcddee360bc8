using System.Reflection;
using System.Text.RegularExpressions;
using EcsConstructs.Rules;
using EcsConstructs.Tests.Support;
using EcsConstructs.Validation;

namespace EcsConstructs.Tests.Rules;

/// <summary>How the library uses the catalog: constructor checks name its rules, every rule has a test, acknowledgements in code.</summary>
public sealed partial class RulesCatalogTests
{
    [Fact]
    public void Every_construction_rule_has_a_RuleIds_constant_that_src_throws()
    {
        var constants = typeof(RuleIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        var construction = EcsRules.Catalog.Where(r => r.CheckedAt.HasFlag(EcsRuleCheckPoint.Construction)).Select(r => r.Id).ToList();
        Assert.Equal(construction.Order(StringComparer.Ordinal), constants.Values.Order(StringComparer.Ordinal));

        var src = Path.Combine(TestApps.RepositoryRoot, "src", "EcsConstructs");
        var sources = string.Concat(Directory.GetFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "RuleIds.cs" && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var unused = constants.Keys.Where(name => !Regex.IsMatch(sources, $@"\bRuleIds\.{name}\b")).ToList();
        Assert.True(unused.Count == 0, "Construction rules that no check in src throws: " + string.Join(", ", unused.Select(n => $"{n} ({constants[n]})")));
    }

    [Fact]
    public void Every_rule_has_a_triggering_test()
    {
        // Synthesis: a Fired("ECS0xx", …) assertion in the rule tests.
        var sources = string.Concat(Directory.GetFiles(Path.Combine(TestApps.RepositoryRoot, "test", "EcsConstructs.Tests", "Rules"), "*Tests.cs").Select(File.ReadAllText));
        var fired = FiredPattern().Matches(sources).Select(m => m.Groups[1].Value).ToHashSet();
        var untested = EcsRules.Catalog.Where(r => r.CheckedAt.HasFlag(EcsRuleCheckPoint.Synthesis)).Select(r => r.Id).Where(id => !fired.Contains(id)).ToList();
        Assert.True(untested.Count == 0, "Synthesis rules without a Fired(...) test: " + string.Join(", ", untested));

        // Construction: an expected EcsValidationException message starting with the id ("[ECS0xx] Test/…"),
        // in any test project but this file.
        var tests = string.Concat(Directory.GetFiles(Path.Combine(TestApps.RepositoryRoot, "test"), "*Tests.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != $"{nameof(RulesCatalogTests)}.cs")
            .Select(File.ReadAllText));
        var rejected = RejectedPattern().Matches(tests).Select(m => m.Groups[1].Value).ToHashSet();
        var unasserted = EcsRules.Catalog.Where(r => r.CheckedAt.HasFlag(EcsRuleCheckPoint.Construction)).Select(r => r.Id).Where(id => !rejected.Contains(id)).ToList();
        Assert.True(unasserted.Count == 0, "Construction rules without a test asserting a \"[ECS0xx] …\" message: " + string.Join(", ", unasserted));
    }

    [Fact]
    public void Errors_cannot_be_acknowledged()
    {
        var stack = TestApps.NewStack();
        var e = Assert.Throws<ArgumentException>(() => EcsRules.Acknowledge(stack, "ECS038", "Fargate sizes are checked elsewhere."));
        Assert.Contains("cannot be acknowledged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Construction_rules_cannot_be_acknowledged()
    {
        var stack = TestApps.NewStack();
        var e = Assert.Throws<ArgumentException>(() => EcsRules.Acknowledge(stack, "ECS048", "The name is checked elsewhere."));
        Assert.StartsWith("ECS048 is checked when the construct is created (it throws EcsValidationException) and cannot be acknowledged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_validation_exception_names_a_construction_rule_of_the_catalog()
    {
        var e = new EcsValidationException("ECS038", "App/Task", "MemoryMiB", "4096 MiB is not allowed with 256 CPU units on Fargate.");
        Assert.Equal("[ECS038] App/Task: MemoryMiB: 4096 MiB is not allowed with 256 CPU units on Fargate.", e.Message);
        Assert.Equal("ECS038", e.RuleId);
        Assert.Same(EcsRules.Catalog.Single(r => r.Id == "ECS038"), e.Rule);

        var unknown = Assert.Throws<ArgumentException>(() => new EcsValidationException("ECS999", "App/Task", "Cpu", "is wrong."));
        Assert.Contains("'ECS999' is not a rule id", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new EcsValidationException("", "App/Task", "Cpu", "is wrong."));
        var synthesisOnly = Assert.Throws<ArgumentException>(() => new EcsValidationException("ECS046", "App/Service", "CircuitBreaker", "is off."));
        Assert.Contains("checked at synthesis only", synthesisOnly.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_ids_and_short_reasons_are_refused()
    {
        var stack = TestApps.NewStack();
        Assert.Throws<ArgumentException>(() => EcsRules.Acknowledge(stack, "ECS999", "No such rule exists here."));
        Assert.Throws<ArgumentException>(() => EcsRules.Acknowledge(stack, "ECS046", "because"));
    }

    [GeneratedRegex("Fired\\(\"(ECS\\d{3})\"")]
    private static partial Regex FiredPattern();

    [GeneratedRegex("\\$?\"\\[(ECS\\d{3})\\] \\S")]
    private static partial Regex RejectedPattern();
}
