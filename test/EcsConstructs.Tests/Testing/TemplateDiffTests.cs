using EcsConstructs.Testing;

namespace EcsConstructs.Tests.Testing;

public class TemplateDiffTests
{
    private static string Template(string resources, string outputs = "{}", string parameters = "{}") =>
        TemplateNormalizer.Normalize($$"""{ "Resources": {{resources}}, "Outputs": {{outputs}}, "Parameters": {{parameters}} }""");

    private static readonly string Before = Template("""
        {
          "Topic": { "Type": "AWS::SNS::Topic", "Properties": { "DisplayName": "old" } },
          "Old": { "Type": "AWS::SQS::Queue" },
          "Same": { "Type": "AWS::S3::Bucket" }
        }
        """, outputs: """{ "Arn": { "Value": "a" }, "Gone": { "Value": "g" } }""");

    private static readonly string After = Template("""
        {
          "Topic": { "Type": "AWS::SNS::Topic", "Properties": { "DisplayName": "new" } },
          "New": { "Type": "AWS::SQS::Queue" },
          "Same": { "Type": "AWS::S3::Bucket" }
        }
        """, outputs: """{ "Arn": { "Value": "b" } }""", parameters: """{ "Env": { "Type": "String" } }""");

    [Fact]
    public void Equal_templates_have_no_differences()
    {
        var result = TemplateDiff.Compare(Before, Before);

        Assert.False(result.HasDifferences);
        Assert.Empty(result.LineDiff);
        Assert.Empty(result.Summary);
    }

    [Fact]
    public void Resources_are_classified_as_added_removed_or_changed_with_their_types()
    {
        var result = TemplateDiff.Compare(Before, After);

        Assert.Equal(
            [
                new TemplateChange("Resources", "New", ChangeKind.Added, "AWS::SQS::Queue"),
                new TemplateChange("Resources", "Old", ChangeKind.Removed, "AWS::SQS::Queue"),
                new TemplateChange("Resources", "Topic", ChangeKind.Changed, "AWS::SNS::Topic"),
            ],
            result.Changes.Where(c => c.Section == "Resources"));
        Assert.Equal(["New", "Old", "Topic"], result.ChangedResources);
    }

    [Fact]
    public void Summary_names_resources_with_their_types_and_kind_of_change()
    {
        var summary = TemplateDiff.Compare(Before, After).Summary;

        Assert.Contains("Resources:\n", summary, StringComparison.Ordinal);
        Assert.Contains("+ New (AWS::SQS::Queue) added", summary, StringComparison.Ordinal);
        Assert.Contains("- Old (AWS::SQS::Queue) removed", summary, StringComparison.Ordinal);
        Assert.Contains("~ Topic (AWS::SNS::Topic) changed", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Same", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_mentions_changed_outputs_and_parameters_by_key()
    {
        var summary = TemplateDiff.Compare(Before, After).Summary;

        Assert.Contains("Outputs:\n  ~ Arn changed\n  - Gone removed\n", summary, StringComparison.Ordinal);
        Assert.Contains("Parameters:\n  + Env added\n", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Scalar_sections_such_as_the_description_are_noted()
    {
        var result = TemplateDiff.Compare("""{ "Description": "a" }""", """{ "Description": "b" }""");

        Assert.Contains("Description changed.", result.Notes);
    }

    [Fact]
    public void Invalid_json_is_noted_and_still_line_diffed()
    {
        var result = TemplateDiff.Compare("{ not json\n", "{}\n");

        Assert.Contains(result.Notes, n => n.StartsWith("The snapshot is not valid JSON", StringComparison.Ordinal));
        Assert.Contains("- ", result.LineDiff, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_diff_is_unified_with_line_numbers_and_minus_plus_prefixes()
    {
        var diff = TemplateDiff.Compare("a\nb\nc\nd\n", "a\nb\nX\nd\n").LineDiff;

        Assert.Equal(
            "@@ -1,4 +1,4 @@\n" +
            "      1     1 | a\n" +
            "      2     2 | b\n" +
            "-     3       | c\n" +
            "+           3 | X\n" +
            "      4     4 | d\n",
            diff);
    }

    [Fact]
    public void Line_diff_shows_only_a_few_lines_of_context_in_separate_hunks()
    {
        var lines = Enumerable.Range(1, 30).Select(i => $"line {i}").ToList();
        var before = string.Join('\n', lines) + "\n";
        lines[4] = "changed 5";
        lines[24] = "changed 25";
        var after = string.Join('\n', lines) + "\n";

        var diff = TemplateDiff.Compare(before, after, contextLines: 2).LineDiff;

        Assert.Contains("@@ -3,5 +3,5 @@\n", diff, StringComparison.Ordinal);
        Assert.Contains("@@ -23,5 +23,5 @@\n", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("| line 10\n", diff, StringComparison.Ordinal);
        Assert.Contains("-    25       | line 25\n", diff, StringComparison.Ordinal);
        Assert.Contains("+          25 | changed 25\n", diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_line_diffs_are_capped_with_a_count_of_the_lines_left_out()
    {
        var before = string.Concat(Enumerable.Range(1, 50).Select(i => $"old {i}\n"));
        var after = string.Concat(Enumerable.Range(1, 50).Select(i => $"new {i}\n"));

        var diff = TemplateDiff.Compare(before, after, maxLines: 10).LineDiff;
        var lines = diff.TrimEnd('\n').Split('\n');

        Assert.Equal(11, lines.Length);
        Assert.Equal("… 91 more lines", lines[^1]);
    }
}
