using EcsConstructs.Rules.Templates;
using EcsConstructs.Rules.Tests.Support;

namespace EcsConstructs.Rules.Tests.Templates;

/// <summary>Reading templates together: imports between stacks, nested stacks, YAML, and what cannot be read.</summary>
public sealed class TemplateSetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ecs-rules-set-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void An_import_resolves_through_the_exporting_stacks_outputs_so_rules_see_across_stacks()
    {
        var front = Write("front.json", """
            { "Resources": {
                "Listener": { "Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": { "LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/0123456789abcdef", "Port": 80, "Protocol": "HTTP", "DefaultActions": [ { "Type": "fixed-response", "FixedResponseConfig": { "StatusCode": "404" } } ] } } },
              "Outputs": { "ListenerArn": { "Value": { "Ref": "Listener" }, "Export": { "Name": { "Fn::Sub": "front-listener" } } } } }
            """);
        string Service(string path) => $$"""
            { "Resources": { "Rule": { "Type": "AWS::ElasticLoadBalancingV2::ListenerRule", "Properties": {
                "ListenerArn": { "Fn::ImportValue": "front-listener" }, "Priority": 10,
                "Conditions": [ { "Field": "path-pattern", "PathPatternConfig": { "Values": [ "{{path}}" ] } } ],
                "Actions": [ { "Type": "fixed-response", "FixedResponseConfig": { "StatusCode": "200" } } ] } } } }
            """;
        var api = Write("api.json", Service("/api/*"));
        var web = Write("web.json", Service("/web/*"));

        var together = RuleEngine.Check(TemplateSet.FromFiles([front, api, web]));
        var alone = RuleEngine.Check(TemplateSet.FromFiles([api, web]));

        Assert.Contains(together.Of("ECS063"), f => f.Message.Contains("has priority 10 on listener Listener", StringComparison.Ordinal));
        Assert.Empty(alone.Of("ECS063"));
    }

    [Fact]
    public void A_nested_stack_is_read_with_its_parent_and_takes_its_parameters_and_acknowledgements()
    {
        Write("nested.json", """
            { "Parameters": { "Max": { "Type": "String" } },
              "Resources": { "Asg": { "Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": { "MinSize": "0", "MaxSize": { "Ref": "Max" }, "VPCZoneIdentifier": [ "subnet-0123456789abcdef0" ], "LaunchTemplate": { "LaunchTemplateId": "lt-0123456789abcdef0", "Version": "1" } } },
                             "Provider": { "Type": "AWS::ECS::CapacityProvider", "Properties": { "Name": "cp-batch", "AutoScalingGroupProvider": { "AutoScalingGroupArn": { "Ref": "Asg" } } } } } }
            """);
        string Parent(string metadata) => $$"""
            { {{metadata}} "Resources": { "Inner": { "Type": "AWS::CloudFormation::Stack", "Metadata": { "aws:asset:path": "nested.json" },
                "Properties": { "TemplateURL": "https://example.com/nested.json", "Parameters": { "Max": "0" } } } } }
            """;

        var plain = RuleEngine.Check(TemplateSet.FromFiles([Write("parent.json", Parent(string.Empty))]));
        var acknowledged = RuleEngine.Check(TemplateSet.FromFiles([Write("acknowledged.json", Parent("""
            "Metadata": { "ecs-rules": { "acknowledge": [ { "id": "ECS002", "reason": "The batch capacity starts by hand." } ] } },
            """))]));

        var finding = Assert.Single(plain.Of("ECS002"));
        Assert.EndsWith("parent.json/Inner/Asg", finding.Path, StringComparison.Ordinal);
        Assert.Empty(acknowledged.Of("ECS002"));
    }

    [Fact]
    public void A_folder_without_a_manifest_is_read_as_a_folder_of_templates()
    {
        Write("a.yaml", "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n");
        Write("b.json", """{ "Resources": { "Queue": { "Type": "AWS::SQS::Queue" } } }""");

        Assert.Equal(2, TemplateSet.Load([_folder]).TemplateNames.Count);
    }

    [Fact]
    public void A_file_without_resources_is_not_a_template()
    {
        var path = Write("package.json", """{ "name": "x" }""");

        var e = Assert.Throws<TemplateLoadException>(() => TemplateSet.FromFiles([path]));

        Assert.Equal($"{path}: not a CloudFormation template (no Resources section).", e.Message);
    }

    [Fact]
    public void A_cloud_assembly_whose_manifest_names_a_missing_template_is_refused()
    {
        Write("manifest.json", """{ "version": "36.0.0", "artifacts": { "Web": { "type": "aws:cloudformation:stack", "properties": { "templateFile": "Web.template.json" } } } }""");

        var e = Assert.Throws<TemplateLoadException>(() => TemplateSet.FromCloudAssembly(_folder));

        Assert.Contains("stack Web names template Web.template.json, which is not in the folder", e.Message, StringComparison.Ordinal);
    }
}
