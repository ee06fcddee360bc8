using System.Text.RegularExpressions;
using EcsConstructs.Rules;
using EcsConstructs.Tests.Support;

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
            Assert.NotEmpty(r.FailureClasses);
            Assert.False(string.IsNullOrWhiteSpace(r.Title));
            Assert.False(string.IsNullOrWhiteSpace(r.DeployMessage));
            Assert.False(string.IsNullOrWhiteSpace(r.Fix));
        });
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
        var sources = string.Concat(Directory.GetFiles(Path.Combine(TestApps.RepositoryRoot, "test", "EcsConstructs.Tests", "Rules"), "*Tests.cs").Select(File.ReadAllText));
        var fired = FiredPattern().Matches(sources).Select(m => m.Groups[1].Value).ToHashSet();
        var untested = EcsRules.Catalog.Select(r => r.Id).Where(id => !fired.Contains(id)).ToList();
        Assert.True(untested.Count == 0, "Rules without a Fired(...) test: " + string.Join(", ", untested));
    }

    [Fact]
    public void Errors_cannot_be_acknowledged()
    {
        var stack = TestApps.NewStack();
        var e = Assert.Throws<ArgumentException>(() => EcsRules.Acknowledge(stack, "ECS038", "Fargate sizes are checked elsewhere."));
        Assert.Contains("cannot be acknowledged", e.Message, StringComparison.Ordinal);
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
}
