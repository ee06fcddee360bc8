using System.Text.Json.Nodes;
using EcsConstructs.Rules.Tests.Support;
using static EcsConstructs.Rules.Tests.Support.Reviews;

namespace EcsConstructs.Rules.Tests.Cli;

/// <summary><c>ecs-rules diff</c>, run as a process on template files and folders.</summary>
public sealed class EcsRulesDiffTests
{
    [Fact]
    public void No_change_exits_with_code_0_and_says_no_changes()
    {
        var (exit, output, error) = EcsRulesTool.Run("diff", NginxSnapshotPath, WriteTemplate(NginxSnapshot()));

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.Equal("ecs-rules diff: no changes.\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_metadata_only_change_exits_with_code_0_and_is_reported_as_no_resource_change()
    {
        var current = NginxSnapshot();
        foreach (var (id, resource) in current["Resources"]!.AsObject())
        {
            var metadata = resource!["Metadata"] as JsonObject ?? (JsonObject)(resource["Metadata"] = new JsonObject());
            metadata["aws:cdk:path"] = $"NginxWalkthrough/{id}/Resource";
        }

        current["Resources"]!["CDKMetadata"] = new JsonObject { ["Type"] = "AWS::CDK::Metadata", ["Properties"] = new JsonObject { ["Analytics"] = "v2:deflate64:H4sI" } };

        var (exit, output, _) = EcsRulesTool.Run("diff", NginxSnapshotPath, WriteTemplate(current));

        Assert.Equal(0, exit);
        Assert.Contains("no resource change (only metadata changed", output, StringComparison.Ordinal);
        Assert.EndsWith("ecs-rules diff: no changes (only metadata changed in 1 stack).\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_in_place_change_exits_with_code_1()
    {
        var current = NginxSnapshot();
        var service = current["Resources"]!.AsObject().Single(r => r.Value!["Type"]!.GetValue<string>() == "AWS::ECS::Service");
        service.Value!["Properties"]!["DesiredCount"] = 5;

        var (exit, output, _) = EcsRulesTool.Run("diff", NginxSnapshotPath, WriteTemplate(current));

        Assert.Equal(1, exit);
        Assert.Contains($"  ~ {service.Key} (AWS::ECS::Service) updated in place\n      DesiredCount: updated in place\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_internal_alb_exits_with_code_1_and_reports_the_load_balancer_and_its_listener_as_replaced()
    {
        var (exit, output, _) = EcsRulesTool.Run("diff", NginxSnapshotPath, WriteTemplate(NginxWithInternalLoadBalancer()));

        Assert.Equal(1, exit);
        Assert.Contains("(AWS::ElasticLoadBalancingV2::LoadBalancer) replaced\n      Scheme: replaced\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("(AWS::ElasticLoadBalancingV2::Listener) replaced\n      LoadBalancerArn: replaced (refers to NginxLoadBalancer1727BC49, which is replaced)\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_group_name_change_exits_with_code_3_as_a_stateful_replacement()
    {
        var current = NginxSnapshot();
        var logGroup = current["Resources"]!.AsObject().First(r => r.Value!["Type"]!.GetValue<string>() == "AWS::Logs::LogGroup");
        logGroup.Value!["Properties"]!["LogGroupName"] = "/ecs/nginx-renamed";

        var (exit, output, _) = EcsRulesTool.Run("diff", NginxSnapshotPath, WriteTemplate(current));

        Assert.Equal(3, exit);
        Assert.StartsWith("!! 1 blocking, 0 possible: data loss or a failing update\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"  error   Stack: {logGroup.Key} (AWS::Logs::LogGroup) is replaced (LogGroupName): a stateful resource;", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_named_replacement_exits_with_code_3()
    {
        var before = Template(("Cluster", Resource("AWS::ECS::Cluster", new JsonObject { ["ClusterName"] = "orders" }, "App/Cluster/Resource")));
        var after = Template(("Orders", Resource("AWS::ECS::Cluster", new JsonObject { ["ClusterName"] = "orders" }, "App/Orders/Resource")));

        var (exit, output, _) = EcsRulesTool.Run("diff", WriteTemplate(before), WriteTemplate(after));

        Assert.Equal(3, exit);
        Assert.Contains("keeps its custom name ClusterName \"orders\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_folders_are_compared_stack_by_stack_by_file_name()
    {
        var baseline = Path.GetDirectoryName(WriteTemplate(NginxSnapshot(), "Nginx.template.json"))!;
        File.WriteAllText(Path.Combine(baseline, "Other.template.json"), Template(("Role", Resource("AWS::IAM::Role"))).ToJsonString());
        var current = Path.GetDirectoryName(WriteTemplate(NginxWithInternalLoadBalancer(), "Nginx.template.json"))!;
        File.WriteAllText(Path.Combine(current, "Other.template.json"), Template(("Role", Resource("AWS::IAM::Role"))).ToJsonString());

        var (exit, output, _) = EcsRulesTool.Run("diff", baseline, current);

        Assert.Equal(1, exit);
        Assert.Contains("Stack Nginx\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("Other", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshots_match_the_stacks_of_a_cloud_assembly_and_its_metadata_bootstrap_check_and_key_order_are_no_change()
    {
        var assembly = Fixtures.Folder("KnownGood", "SharedAlb");
        var snapshots = Path.GetDirectoryName(WriteTemplate(new JsonObject(), "placeholder.txt"))!;
        foreach (var file in Directory.GetFiles(assembly, "*Stack.template.json"))
        {
            File.WriteAllText(Path.Combine(snapshots, Path.GetFileName(file)), Normalized(JsonNode.Parse(File.ReadAllText(file))!).ToJsonString());
        }

        var (exit, output, _) = EcsRulesTool.Run("diff", snapshots, assembly);

        Assert.Equal(0, exit);
        Assert.EndsWith("ecs-rules diff: no changes (only metadata changed in 4 stacks).\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    /// <summary>What a snapshot holds: no aws:cdk: metadata, no bootstrap check, no CDKMetadata, keys in another order (reversed here).</summary>
    private static JsonNode Normalized(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj.Reverse())
                {
                    if (key.StartsWith("aws:cdk:", StringComparison.Ordinal) || key is "BootstrapVersion" or "CheckBootstrapVersion" or "CDKMetadata"
                        || (key == "Metadata" && value is JsonObject m && m.All(e => e.Key.StartsWith("aws:cdk:", StringComparison.Ordinal))))
                    {
                        continue;
                    }

                    result[key] = value is null ? null : Normalized(value);
                }

                return result;
            case JsonArray array:
                return new JsonArray(array.Select(i => i is null ? null : Normalized(i)).ToArray());
            default:
                return node.DeepClone();
        }
    }

    [Fact]
    public void Markdown_output_has_a_table_per_changed_stack()
    {
        var (_, output, _) = EcsRulesTool.Run("diff", NginxSnapshotPath, WriteTemplate(NginxWithInternalLoadBalancer()), "--format", "markdown");

        var text = output.ReplaceLineEndings("\n");
        Assert.StartsWith("## Template review\n\n### Stack\n\n| Resource | Type | Change | Properties |\n| --- | --- | --- | --- |\n", text, StringComparison.Ordinal);
        Assert.Contains("| `NginxLoadBalancer1727BC49` | `AWS::ElasticLoadBalancingV2::LoadBalancer` | **replaced** | `Scheme`: replaced |\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_lists_each_resource_with_its_change_effect_and_properties()
    {
        var (_, output, _) = EcsRulesTool.Run("diff", NginxSnapshotPath, WriteTemplate(NginxWithInternalLoadBalancer()), "--format", "json");

        var root = JsonNode.Parse(output)!;
        Assert.True(root["hasChanges"]!.GetValue<bool>());
        Assert.False(root["hasBlockingChanges"]!.GetValue<bool>());
        var listener = root["stacks"]![0]!["resources"]!.AsArray().Single(r => r!["logicalId"]!.GetValue<string>() == "NginxLoadBalancerHttp882FF03A")!;
        Assert.Equal("modified", listener["change"]!.GetValue<string>());
        Assert.Equal("replaced", listener["effect"]!.GetValue<string>());
        Assert.Equal("LoadBalancerArn", listener["properties"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("refers to NginxLoadBalancer1727BC49, which is replaced", listener["properties"]![0]!["cause"]!.GetValue<string>());
    }

    [Fact]
    public void Output_goes_to_the_file_given()
    {
        var file = Path.Combine(Path.GetDirectoryName(WriteTemplate(NginxSnapshot()))!, "review.md");

        var (exit, output, _) = EcsRulesTool.Run("diff", NginxSnapshotPath, WriteTemplate(NginxWithInternalLoadBalancer()), "--format", "markdown", "--output", file);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("## Template review", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_path_exits_with_code_2_and_one_line()
    {
        var (exit, output, error) = EcsRulesTool.Run("diff", "no/such/cdk.out", NginxSnapshotPath);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal("ecs-rules: no/such/cdk.out: no such file or folder.\n", error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("diff", "ecs-rules: diff needs two paths, the baseline and the current templates (each a cdk.out folder, a folder of templates or a template file); run 'ecs-rules --help'.")]
    [InlineData("diff a.json", "ecs-rules: diff needs two paths, the baseline and the current templates (each a cdk.out folder, a folder of templates or a template file); run 'ecs-rules --help'.")]
    [InlineData("diff a.json b.json --format sarif", "ecs-rules: --format sarif: allowed: text, json, markdown.")]
    [InlineData("diff a.json b.json --region eu-west-1", "ecs-rules: unknown option '--region'; run 'ecs-rules --help'.")]
    public void Bad_usage_of_diff_exits_with_code_2_and_one_line(string args, string message)
    {
        var (exit, _, error) = EcsRulesTool.Run(args.Split(' '));

        Assert.Equal(2, exit);
        Assert.Equal(message + "\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_help_describes_diff_and_its_exit_codes()
    {
        var (exit, output, _) = EcsRulesTool.Run("--help");

        Assert.Equal(0, exit);
        Assert.Contains("ecs-rules diff <baseline> <current> [options]", output, StringComparison.Ordinal);
        Assert.Contains("--format text|json|markdown", output, StringComparison.Ordinal);
        Assert.Contains("Exit codes of diff: 0 no change, 1 changes, 3 changes that replace or remove a stateful", output, StringComparison.Ordinal);
    }
}
