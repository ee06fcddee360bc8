using System.Globalization;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Rules.Tests.Catalog;

/// <summary>The catalog itself and its generated documentation.</summary>
public sealed class RuleCatalogTests
{
    private static string DocsPath => Path.Combine(RepositoryFolder.Root, "docs", "rules.md");

    [Fact]
    public void Docs_rules_md_is_the_rendered_catalog()
    {
        var expected = RulesMarkdown.Render();
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(DocsPath, expected);
        }

        Assert.True(File.Exists(DocsPath), "docs/rules.md is missing: run the tests with UPDATE_SNAPSHOTS=1 (not on CI) and commit it.");
        var actual = File.ReadAllText(DocsPath).ReplaceLineEndings("\n");
        Assert.True(expected == actual, "docs/rules.md differs from the catalog: run the tests with UPDATE_SNAPSHOTS=1 and commit the file.");
    }

    [Fact]
    public void Ids_are_unique_sequential_and_every_rule_is_described()
    {
        var ids = RuleCatalog.Rules.Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => $"ECS{i:000}"), ids);
        Assert.All(RuleCatalog.Rules, r =>
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
    public void Every_required_failure_class_has_a_rule()
    {
        int[] required = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22, 24, 26, 27, 28, 29, 30, 32, 33, 34, 35, 36, 37, 38, 39, 41, 42];
        var covered = RuleCatalog.Rules.SelectMany(r => r.FailureClasses).ToHashSet();
        var missing = required.Where(c => !covered.Contains(c)).ToList();
        Assert.True(missing.Count == 0, "Failure classes without a rule: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_failure_class_of_the_catalog_is_documented_with_the_rules_that_cover_it()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryFolder.Root, "docs", "failure-classes.md"));
        foreach (var group in RuleCatalog.Rules.SelectMany(r => r.FailureClasses.Select(c => (Class: c, r.Id))).GroupBy(p => p.Class))
        {
            var entry = System.Text.RegularExpressions.Regex.Match(page, $@"\n{group.Key}\. \*\*[\s\S]*?(?=\n\d+\. \*\*|\n## |$)");
            Assert.True(entry.Success, $"docs/failure-classes.md has no class {group.Key}.");
            var text = System.Text.RegularExpressions.Regex.Replace(entry.Value, @"ECS(\d{3})-ECS(\d{3})",
                m => string.Join(' ', Enumerable.Range(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) - int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1).Select(i => $"ECS{i:000}")));
            Assert.All(group, p => Assert.Contains(p.Id, text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Find_returns_the_rule_of_an_id_and_null_for_anything_else()
    {
        Assert.Equal("ECS019", RuleCatalog.Find("ECS019")!.Id);
        Assert.Null(RuleCatalog.Find("ECS999"));
        Assert.Null(RuleCatalog.Find(null));
    }

    [Theory]
    [InlineData("ECS999", "a reason long enough", "'ECS999' is not a rule id")]
    [InlineData("ECS038", "Fargate sizes are checked elsewhere.", "ECS038 is an error (the deployment would certainly fail) and cannot be acknowledged")]
    [InlineData("ECS048", "The name is checked elsewhere.", "ECS048 is checked when the construct is created")]
    [InlineData("ECS046", "because", "at least 10 characters")]
    public void An_acknowledgement_is_refused_for_unknown_ids_errors_construction_rules_and_short_reasons(string id, string reason, string refusal)
    {
        Assert.Contains(refusal, Acknowledgement.Refusal(id, reason), StringComparison.Ordinal);
        var e = Assert.Throws<ArgumentException>(() => new Acknowledgement(id, reason));
        Assert.Contains(refusal, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_warning_checked_at_synthesis_can_be_acknowledged_with_a_reason()
    {
        Assert.Null(Acknowledgement.Refusal("ECS046", "Rollbacks are handled by the pipeline."));
    }
}
