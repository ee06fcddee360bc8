using System.Text.Json.Nodes;
using EcsConstructs.Rules.Templates;

namespace EcsConstructs.Rules.Tests.Templates;

/// <summary>What the resolver makes of the intrinsic functions templates contain (docs/rules.md, "What the engine reads").</summary>
public sealed class ResolverTests
{
    /// <summary>Resolves <c>Resources.R.Properties.Value</c> of a template whose other sections are given.</summary>
    private static JsonNode? Resolve(string value, string sections = "", string? region = null, string? stackName = null)
    {
        var set = TemplateSet.FromText($$"""{ {{sections}} "Resources": { "R": { "Type": "AWS::SSM::Parameter", "Properties": { "Value": {{value}} } }, "Other": { "Type": "AWS::SNS::Topic" } } }""", "t.json", region, stackName);
        var template = set.Templates[0];
        return new Resolver(set.Templates).Resolve(template, template.Resources["R"]!["Properties"]!["Value"]);
    }

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";

    [Fact]
    public void A_reference_to_a_resource_becomes_a_reference_by_global_key()
    {
        Assert.Equal("""{"Ref":"t.json::Other"}""", Json(Resolve("""{ "Ref": "Other" }""")));
        Assert.Equal("""{"Fn::GetAtt":["t.json::Other","TopicArn"]}""", Json(Resolve("""{ "Fn::GetAtt": [ "Other", "TopicArn" ] }""")));
    }

    [Fact]
    public void A_parameter_resolves_to_its_default_and_a_list_parameter_to_its_items()
    {
        const string parameters = """ "Parameters": { "Size": { "Type": "Number", "Default": 512 }, "Zones": { "Type": "CommaDelimitedList", "Default": "a, b" } }, """;

        Assert.Equal("512", Json(Resolve("""{ "Ref": "Size" }""", parameters)));
        Assert.Equal("""["a","b"]""", Json(Resolve("""{ "Ref": "Zones" }""", parameters)));
    }

    [Fact]
    public void An_ssm_parameter_and_a_parameter_without_default_stay_unknown()
    {
        const string parameters = """ "Parameters": { "Ami": { "Type": "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", "Default": "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id" }, "Given": { "Type": "String" } }, """;

        Assert.Equal("""{"Ref":"t.json::Ami"}""", Json(Resolve("""{ "Ref": "Ami" }""", parameters)));
        Assert.Equal("""{"Ref":"t.json::Given"}""", Json(Resolve("""{ "Ref": "Given" }""", parameters)));
    }

    [Fact]
    public void Join_and_Sub_become_literals_when_every_part_is_known()
    {
        Assert.Equal("\"arn:aws:iam::aws:policy/x\"", Json(Resolve("""{ "Fn::Join": [ "", [ "arn:", { "Ref": "AWS::Partition" }, ":iam::aws:policy/x" ] ] }""", region: "eu-west-1")));
        Assert.Equal("\"/ecs/Web/eu-west-1\"", Json(Resolve("""{ "Fn::Sub": "/ecs/${AWS::StackName}/${AWS::Region}" }""", region: "eu-west-1", stackName: "Web")));
        Assert.Equal("\"${Literal}-x\"", Json(Resolve("""{ "Fn::Sub": [ "${!Literal}-${V}", { "V": "x" } ] }""")));
    }

    [Fact]
    public void A_pseudo_parameter_of_an_unknown_environment_stays_unknown()
    {
        Assert.Equal("""{"Ref":"AWS::Region"}""", Json(Resolve("""{ "Ref": "AWS::Region" }""")));
        Assert.Equal("aws-cn", Resolve("""{ "Ref": "AWS::Partition" }""", region: "cn-north-1")!.GetValue<string>());
    }

    [Fact]
    public void A_sub_with_a_resource_keeps_the_reference_visible()
    {
        var value = Json(Resolve("""{ "Fn::Sub": "${Other.TopicArn}:x" }"""));

        Assert.Contains("\"t.json::Other\"", value, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_over_a_list_picks_the_item_and_over_GetAZs_keeps_a_comparable_position()
    {
        Assert.Equal("\"b\"", Json(Resolve("""{ "Fn::Select": [ 1, [ "a", "b" ] ] }""")));
        Assert.Equal("""{"Fn::Select":[1,{"Fn::GetAZs":"eu-west-1"}]}""", Json(Resolve("""{ "Fn::Select": [ "1", { "Fn::GetAZs": "" } ] }""", region: "eu-west-1")));
    }

    [Fact]
    public void If_follows_a_known_condition_and_NoValue_removes_the_property()
    {
        const string conditions = """ "Parameters": { "Env": { "Type": "String", "Default": "prod" } }, "Conditions": { "Prod": { "Fn::Equals": [ { "Ref": "Env" }, "prod" ] }, "Test": { "Fn::Not": [ { "Condition": "Prod" } ] } }, """;

        Assert.Equal("365", Json(Resolve("""{ "Fn::If": [ "Prod", 365, 7 ] }""", conditions)));
        Assert.Equal("7", Json(Resolve("""{ "Fn::If": [ "Test", 365, 7 ] }""", conditions)));
        Assert.Equal("""{"Keep":1}""", Json(Resolve("""{ "Keep": 1, "Drop": { "Fn::If": [ "Test", 2, { "Ref": "AWS::NoValue" } ] } }""", conditions)));
    }

    [Fact]
    public void If_on_an_unknown_condition_stays_unknown()
    {
        const string conditions = """ "Parameters": { "Env": { "Type": "String" } }, "Conditions": { "Prod": { "Fn::Equals": [ { "Ref": "Env" }, "prod" ] } }, """;

        Assert.StartsWith("""{"Fn::If":["Prod",""", Json(Resolve("""{ "Fn::If": [ "Prod", 365, 7 ] }""", conditions)), StringComparison.Ordinal);
    }

    [Fact]
    public void FindInMap_reads_the_mapping_when_the_keys_are_known()
    {
        const string mappings = """ "Mappings": { "Sizes": { "eu-west-1": { "Cpu": 1024 } } }, """;

        Assert.Equal("1024", Json(Resolve("""{ "Fn::FindInMap": [ "Sizes", { "Ref": "AWS::Region" }, "Cpu" ] }""", mappings, region: "eu-west-1")));
        Assert.StartsWith("""{"Fn::FindInMap":""", Json(Resolve("""{ "Fn::FindInMap": [ "Sizes", { "Ref": "AWS::Region" }, "Cpu" ] }""", mappings)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_import_of_a_stack_outside_the_set_stays_unknown()
    {
        Assert.Equal("""{"Fn::ImportValue":"shared-vpc"}""", Json(Resolve("""{ "Fn::ImportValue": "shared-vpc" }""")));
    }
}
