using System.Text.Json.Nodes;
using EcsConstructs.Testing;

namespace EcsConstructs.Tests.Testing;

public class TemplateNormalizerTests
{
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static JsonObject NormalizeToObject(string json) =>
        JsonNode.Parse(TemplateNormalizer.Normalize(json))!.AsObject();

    [Fact]
    public void Bootstrap_version_parameter_is_removed_and_other_parameters_kept()
    {
        var result = NormalizeToObject("""
            { "Parameters": { "BootstrapVersion": { "Type": "AWS::SSM::Parameter::Value<String>" }, "Env": { "Type": "String" } } }
            """);

        var parameters = result["Parameters"]!.AsObject();
        Assert.False(parameters.ContainsKey("BootstrapVersion"));
        Assert.True(parameters.ContainsKey("Env"));
    }

    [Fact]
    public void Check_bootstrap_version_rule_is_removed_and_empty_sections_dropped()
    {
        var result = NormalizeToObject("""
            {
              "Parameters": { "BootstrapVersion": { "Type": "String" } },
              "Rules": { "CheckBootstrapVersion": { "Assertions": [] } },
              "Resources": { "Topic": { "Type": "AWS::SNS::Topic" } }
            }
            """);

        Assert.False(result.ContainsKey("Parameters"));
        Assert.False(result.ContainsKey("Rules"));
        Assert.True(result.ContainsKey("Resources"));
    }

    [Fact]
    public void Cdk_metadata_resource_and_its_condition_are_removed()
    {
        var result = NormalizeToObject("""
            {
              "Resources": {
                "CDKMetadata": { "Type": "AWS::CDK::Metadata", "Properties": { "Analytics": "v2:deflate64:abc" }, "Condition": "CDKMetadataAvailable" },
                "Topic": { "Type": "AWS::SNS::Topic" }
              },
              "Conditions": { "CDKMetadataAvailable": { "Fn::Or": [] } }
            }
            """);

        Assert.Equal(["Topic"], result["Resources"]!.AsObject().Select(r => r.Key));
        Assert.False(result.ContainsKey("Conditions"));
    }

    [Fact]
    public void Aws_cdk_metadata_keys_are_removed_but_cdk_nag_suppressions_are_kept()
    {
        var result = NormalizeToObject("""
            {
              "Resources": {
                "Topic": {
                  "Type": "AWS::SNS::Topic",
                  "Metadata": {
                    "aws:cdk:path": "MyStack/Topic/Resource",
                    "aws:cdk:asset-path": "asset.abc",
                    "cdk_nag": { "rules_to_suppress": [ { "id": "AwsSolutions-SNS2", "reason": "public data" } ] }
                  }
                },
                "Queue": { "Type": "AWS::SQS::Queue", "Metadata": { "aws:cdk:path": "MyStack/Queue/Resource" } }
              }
            }
            """);

        var topicMetadata = result["Resources"]!["Topic"]!["Metadata"]!.AsObject();
        Assert.Equal(["cdk_nag"], topicMetadata.Select(m => m.Key));
        Assert.False(result["Resources"]!["Queue"]!.AsObject().ContainsKey("Metadata"));
    }

    [Fact]
    public void Asset_metadata_keys_that_cdk_synth_writes_are_removed()
    {
        var result = NormalizeToObject("""
            {
              "Resources": {
                "Handler": {
                  "Type": "AWS::Lambda::Function",
                  "Metadata": { "aws:cdk:path": "S/Handler/Resource", "aws:asset:path": "asset.abc", "aws:asset:is-bundled": false, "aws:asset:property": "Code" }
                }
              }
            }
            """);

        Assert.False(result["Resources"]!["Handler"]!.AsObject().ContainsKey("Metadata"));
    }

    [Theory]
    [InlineData(Hash + ".zip", "[ASSET_HASH].zip")]
    [InlineData("cdk-hnb659fds-container-assets-123456789012-eu-west-1:" + Hash, "cdk-hnb659fds-container-assets-123456789012-eu-west-1:[ASSET_HASH]")]
    [InlineData("asset." + Hash, "asset.[ASSET_HASH]")]
    [InlineData("0123456789abcdef", "0123456789abcdef")]
    [InlineData(Hash + "a", Hash + "a")]
    public void Asset_hashes_inside_strings_are_scrubbed(string value, string expected)
    {
        var result = NormalizeToObject($$"""{ "Resources": { "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "Code": { "S3Key": "{{value}}" } } } } }""");

        Assert.Equal(expected, (string?)result["Resources"]!["Fn"]!["Properties"]!["Code"]!["S3Key"]);
    }

    [Fact]
    public void Object_keys_are_sorted_ordinally_at_every_depth_and_arrays_keep_their_order()
    {
        var normalized = TemplateNormalizer.Normalize("""{ "b": { "z": 1, "a": 2, "B": 3 }, "a": [ 3, 1, 2 ] }""");

        Assert.Equal("{\n  \"a\": [\n    3,\n    1,\n    2\n  ],\n  \"b\": {\n    \"B\": 3,\n    \"a\": 2,\n    \"z\": 1\n  }\n}\n", normalized);
    }

    [Fact]
    public void Output_uses_two_space_indentation_lf_line_endings_and_a_trailing_newline()
    {
        var normalized = TemplateNormalizer.Normalize("{\r\n\t\"A\": {\"B\": true}}");

        Assert.Equal("{\n  \"A\": {\n    \"B\": true\n  }\n}\n", normalized);
        Assert.DoesNotContain('\r', normalized);
    }

    [Fact]
    public void Non_ascii_html_characters_plus_signs_and_quotes_are_written_readably()
    {
        var normalized = TemplateNormalizer.Normalize("""{ "d": "Café <b> & 'x' + \"q\" \\ \u00e9" }""");

        Assert.Equal("{\n  \"d\": \"Café <b> & 'x' + \\\"q\\\" \\\\ é\"\n}\n", normalized);
        Assert.Equal("Café <b> & 'x' + \"q\" \\ é", (string?)JsonNode.Parse(normalized)!["d"]);
    }

    [Fact]
    public void Numbers_and_literals_keep_their_text()
    {
        var normalized = TemplateNormalizer.Normalize("""{ "a": 1.50, "b": 10000000000000000000, "c": null, "d": false }""");

        Assert.Equal("{\n  \"a\": 1.50,\n  \"b\": 10000000000000000000,\n  \"c\": null,\n  \"d\": false\n}\n", normalized);
    }

    [Fact]
    public void Normalizing_twice_gives_the_same_text()
    {
        const string template = """
            {
              "Resources": { "T": { "Type": "AWS::SNS::Topic", "Metadata": { "aws:cdk:path": "S/T", "cfn-lint": { "config": { "ignore_checks": ["W1"] } } },
                "Properties": { "TopicName": "n-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" } },
                "CDKMetadata": { "Type": "AWS::CDK::Metadata" } },
              "Parameters": { "BootstrapVersion": { "Type": "String" } },
              "Description": "Ünïcode <stack> + more"
            }
            """;

        var once = TemplateNormalizer.Normalize(template);

        Assert.Equal(once, TemplateNormalizer.Normalize(once));
    }
}
