using System.Text.Json.Nodes;
using EcsConstructs.Rules.Tests.Rules;
using EcsConstructs.Rules.Tests.Support;
using NJsonSchema;

namespace EcsConstructs.Rules.Tests.Cli;

/// <summary>The <c>ecs-rules</c> tool, run as a process on templates and folders.</summary>
public sealed class EcsRulesToolTests
{
    private static string Fixture(string name) => Path.Combine(Fixtures.Folder("Cli", "__fixtures__"), name);

    [Fact]
    public void A_yaml_template_with_short_forms_is_read_and_its_errors_exit_with_code_1()
    {
        var (exit, output, error) = EcsRulesTool.Run("check", Fixture("short-forms.yaml"));

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, error);
        var file = Fixture("short-forms.yaml");
        Assert.Contains($"{file}: error [ECS019] LoadBalancer: has 2 subnets in zone 1 of the region (Fn::GetAZs index 0)", output, StringComparison.Ordinal);
        Assert.Contains($"{file}: error [ECS038] Task: requires FARGATE with Cpu 256 and Memory 4096", output, StringComparison.Ordinal);
        Assert.EndsWith("ecs-rules: 2 errors, 0 warnings in 1 template.\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_rule_template_exits_with_code_1_and_names_its_rule()
    {
        var files = Directory.GetFiles(Fixtures.Folder("Rules", "__fixtures__"))
            .Select(f => (File: f, Expect: RuleTemplateTests.Load(Path.GetFileName(f)).Expect))
            .Select(f => (f.File, Rule: RuleCatalog.Find(f.Expect["rule"]!.GetValue<string>())!, Region: f.Expect["region"]?.GetValue<string>()))
            .Where(f => f.Rule.Severity == EcsRuleSeverity.Error)
            .ToList();
        Assert.NotEmpty(files);

        foreach (var group in files.GroupBy(f => f.Region))
        {
            string[] region = group.Key is null ? [] : ["--region", group.Key];
            var (exit, output, _) = EcsRulesTool.Run(["check", .. group.Select(f => f.File), "--format", "json", .. region]);

            Assert.Equal(1, exit);
            var findings = JsonNode.Parse(output)!["findings"]!.AsArray();
            Assert.All(group, f => Assert.Contains(findings, x => x!["ruleId"]!.GetValue<string>() == f.Rule.Id
                && x["severity"]!.GetValue<string>() == "error"
                && f.File.EndsWith(x["template"]!.GetValue<string>(), StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void A_template_of_unknown_region_is_checked_as_a_stack_of_the_region_given()
    {
        var file = Path.Combine(Fixtures.Folder("Rules", "__fixtures__"), "ECS067-certificate-of-another-region.json");

        var (withoutRegion, _, _) = EcsRulesTool.Run(["check", file]);
        var (withRegion, output, _) = EcsRulesTool.Run(["check", file, "--region", "eu-west-1"]);

        Assert.Equal(0, withoutRegion);
        Assert.Equal(1, withRegion);
        Assert.Contains("ECS067", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_region_that_is_not_a_region_name_is_bad_input()
    {
        var file = Path.Combine(Fixtures.Folder("Rules", "__fixtures__"), "ECS067-certificate-of-another-region.json");

        var (exit, _, error) = EcsRulesTool.Run(["check", file, "--region", "Ireland"]);

        Assert.Equal(2, exit);
        Assert.Contains("--region Ireland: not an AWS region name", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_template_exits_with_code_0()
    {
        var (exit, output, _) = EcsRulesTool.Run("check", Fixtures.Folder("KnownGood", "SharedAlb"));

        Assert.Equal(0, exit);
        Assert.Contains("ecs-rules: 0 errors", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_exits_with_code_2_and_one_line()
    {
        var (exit, output, error) = EcsRulesTool.Run("check", "no/such/cdk.out");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal("ecs-rules: no/such/cdk.out: no such file or folder.\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void An_unreadable_file_exits_with_code_2_and_one_line()
    {
        var (exit, _, error) = EcsRulesTool.Run("check", Fixture("not-a-template.json"));

        Assert.Equal(2, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith($"ecs-rules: {Fixture("not-a-template.json")}: not valid JSON", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check", "ecs-rules: check needs a cloud assembly folder (cdk.out) or template files; run 'ecs-rules --help'.")]
    [InlineData("frobnicate", "ecs-rules: unknown command 'frobnicate'; run 'ecs-rules --help'.")]
    [InlineData("check x.json --format xml", "ecs-rules: --format xml: allowed: text, json, sarif.")]
    [InlineData("check x.json --strict", "ecs-rules: unknown option '--strict'; run 'ecs-rules --help'.")]
    public void Bad_usage_exits_with_code_2_and_one_line(string args, string message)
    {
        var (exit, _, error) = EcsRulesTool.Run(args.Split(' '));

        Assert.Equal(2, exit);
        Assert.Equal(message + "\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Json_output_lists_each_finding_with_rule_severity_template_logical_id_and_message()
    {
        var (_, output, _) = EcsRulesTool.Run("check", Fixture("short-forms.yaml"), "--format", "json");

        var finding = JsonNode.Parse(output)!["findings"]!.AsArray().Single(f => f!["ruleId"]!.GetValue<string>() == "ECS038")!;
        Assert.Equal("error", finding["severity"]!.GetValue<string>());
        Assert.EndsWith("short-forms.yaml", finding["template"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Task", finding["logicalId"]!.GetValue<string>());
        Assert.StartsWith("requires FARGATE with Cpu 256 and Memory 4096", finding["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sarif_output_is_valid_sarif_2_1_0()
    {
        var (exit, output, _) = EcsRulesTool.Run("check", Fixture("short-forms.yaml"), Fixtures.Folder("KnownGood", "Ec2Classic"), "--format", "sarif");
        var schema = await JsonSchema.FromFileAsync(Fixture("sarif-2.1.0-rtm.5.json"));

        var errors = schema.Validate(output);

        Assert.Equal(1, exit);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        var result = JsonNode.Parse(output)!["runs"]![0]!["results"]!.AsArray().First(r => r!["ruleId"]!.GetValue<string>() == "ECS038")!;
        Assert.Equal("error", result["level"]!.GetValue<string>());
        Assert.Equal("test/EcsConstructs.Rules.Tests/Cli/__fixtures__/short-forms.yaml", result["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.True(result["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>() > 1);
    }

    [Fact]
    public void An_acknowledgement_file_turns_a_warning_into_an_acknowledged_finding()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ack-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "acknowledge:\n  - id: ECS046\n    reason: Rollbacks are handled by the deployment pipeline.\n");
        try
        {
            var before = EcsRulesTool.Run("check", Fixtures.Folder("KnownGood", "Ec2Classic"));
            var after = EcsRulesTool.Run("check", Fixtures.Folder("KnownGood", "Ec2Classic"), "--acknowledge", file);

            Assert.Contains("warning [ECS046]", before.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("warning [ECS046]", after.Output, StringComparison.Ordinal);
            Assert.Matches(@"\(\d+ acknowledged\)", after.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void An_acknowledgement_file_cannot_acknowledge_an_error()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ack-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{"acknowledge": [{"id": "ECS038", "reason": "Sizes are checked by someone else."}]}""");
        try
        {
            var (exit, _, error) = EcsRulesTool.Run("check", Fixture("short-forms.yaml"), "--acknowledge", file);

            Assert.Equal(2, exit);
            Assert.Contains("entry 1: ECS038 is an error (the deployment would certainly fail) and cannot be acknowledged", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
