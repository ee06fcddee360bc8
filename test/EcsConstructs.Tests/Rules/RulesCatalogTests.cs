using System.Reflection;
using System.Text.RegularExpressions;
using EcsConstructs.Rules;
using EcsConstructs.Tests.Support;
using EcsConstructs.Validation;

namespace EcsConstructs.Tests.Rules;

/// <summary>The catalog itself, its generated documentation and the public API's argument checks.</summary>
public sealed partial class RulesCatalogTests
{
    private static string DocsPath => Path.Combine(TestApps.RepositoryRoot, "docs", "rules.md");

    [Fact]
    public void Docs_rules_md_is_the_rendered_catalog()
    {
        var expected = EcsRules.RenderMarkdown();
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(DocsPath, expected);
        }

        Assert.True(File.Exists(DocsPath), "docs/rules.md is missing: run the tests with UPDATE_SNAPSHOTS=1 (not on CI) and commit it.");
        var actual = File.ReadAllText(DocsPath).ReplaceLineEndings("\n");
        Assert.True(expected == actual, "docs/rules.md differs from EcsRules.RenderMarkdown(): run the tests with UPDATE_SNAPSHOTS=1 and commit the file.");
    }

    [Fact]
    public void Ids_are_unique_sequential_and_every_rule_is_described()
    {
        var ids = EcsRules.Catalog.Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => $"ECS{i:000}"), ids);
        Assert.All(EcsRules.Catalog, r =>
        {
            Assert.Contains(r.CheckedAt, new[] { EcsRuleCheckPoint.Construction, EcsRuleCheckPoint.Synthesis, EcsRuleCheckPoint.Construction | EcsRuleCheckPoint.Synthesis });
            Assert.Equal(r.CheckedAt.HasFlag(EcsRuleCheckPoint.Synthesis), RuleCatalog.Entries.Single(e => e.Rule == r).Evaluate is not null);
            if (r.CheckedAt == EcsRuleCheckPoint.Construction)
            {
                Assert.Equal(EcsRuleSeverity.Error, r.Severity);
            }
            else
            {
                Assert.NotEmpty(r.FailureClasses);
            }

            Assert.False(string.IsNullOrWhiteSpace(r.Title));
            Assert.False(string.IsNullOrWhiteSpace(r.DeployMessage));
            Assert.False(string.IsNullOrWhiteSpace(r.Fix));
        });
    }

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
    public void Every_required_failure_class_has_a_rule()
    {
        int[] required = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22, 24, 26, 27, 28, 29, 30, 32, 33, 34, 35, 36, 37, 38, 39];
        var covered = EcsRules.Catalog.SelectMany(r => r.FailureClasses).ToHashSet();
        var missing = required.Where(c => !covered.Contains(c)).ToList();
        Assert.True(missing.Count == 0, "Failure classes without a rule: " + string.Join(", ", missing));
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

    [Fact]
    public void Apply_on_a_construct_reports_findings_under_it_only()
    {
        var w = new L1World();
        w.Service.DeploymentConfiguration = new Amazon.CDK.AWS.ECS.CfnService.DeploymentConfigurationProperty { MinimumHealthyPercent = 100, MaximumPercent = 200 };
        w.Group.MaxSize = "0";
        EcsRules.Apply(w.Service);

        var findings = RuleFindings.Of(w.Stack, apply: false);

        findings.Fired("ECS046", "Test/Service");
        findings.Silent("ECS002");
    }

    [Fact]
    public void Without_apply_no_rule_runs()
    {
        var w = new L1World();
        w.Group.MaxSize = "0";
        Assert.Empty(RuleFindings.Of(w.Stack, apply: false).Findings);
    }

    [Theory]
    [InlineData("ContainerDefinitions", "containerDefinitions")]
    [InlineData("EFSVolumeConfiguration", "efsVolumeConfiguration")]
    [InlineData("VPCZoneIdentifier", "vpcZoneIdentifier")]
    [InlineData("IAM", "iam")]
    [InlineData("awslogs-group", "awslogs-group")]
    public void Template_names_map_to_the_L1_names(string template, string l1)
    {
        Assert.Equal(l1, JsonValues.Camel(template));
    }

    [GeneratedRegex("Fired\\(\"(ECS\\d{3})\"")]
    private static partial Regex FiredPattern();

    [GeneratedRegex("\\$?\"\\[(ECS\\d{3})\\] \\S")]
    private static partial Regex RejectedPattern();
}
