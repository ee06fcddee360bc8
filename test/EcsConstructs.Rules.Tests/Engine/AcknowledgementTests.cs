using EcsConstructs.Rules.Tests.Support;

namespace EcsConstructs.Rules.Tests.Engine;

/// <summary>Acknowledged warnings: in a resource's metadata, in the template's metadata (nested stacks included), in a file.</summary>
public sealed class AcknowledgementTests
{
    private const string Group = """
        "Asg": {
          "Type": "AWS::AutoScaling::AutoScalingGroup",
          "Properties": { "MinSize": "0", "MaxSize": "0", "VPCZoneIdentifier": [ "subnet-0123456789abcdef0" ],
                          "LaunchTemplate": { "LaunchTemplateId": "lt-0123456789abcdef0", "Version": "1" } }
          METADATA
        },
        "Provider": {
          "Type": "AWS::ECS::CapacityProvider",
          "Properties": { "Name": "cp-batch", "AutoScalingGroupProvider": { "AutoScalingGroupArn": { "Ref": "Asg" } } }
        }
        """;

    private static string Template(string resourceMetadata = "", string templateMetadata = "") =>
        $$"""{ {{templateMetadata}} "Resources": { {{Group.Replace("METADATA", resourceMetadata, StringComparison.Ordinal)}} } }""";

    private const string Acknowledged = """{ "ecs-rules": { "acknowledge": [ { "id": "ECS002", "reason": "Started by hand for batch runs only." } ] } }""";

    [Fact]
    public void A_warning_is_reported_without_an_acknowledgement()
    {
        var finding = Assert.Single(Fixtures.Check(Template()).Of("ECS002"));

        Assert.False(finding.IsAcknowledged);
    }

    [Fact]
    public void An_acknowledgement_in_the_resources_metadata_turns_its_warning_into_an_acknowledged_finding()
    {
        var report = Fixtures.Check(Template(resourceMetadata: ", \"Metadata\": " + Acknowledged));

        Assert.Empty(report.Of("ECS002"));
        var finding = Assert.Single(report.Findings, f => f.RuleId == "ECS002");
        Assert.Equal("Started by hand for batch runs only.", finding.Acknowledgement);
        Assert.Contains("acknowledged (Started by hand for batch runs only.)", finding.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_acknowledgement_in_the_templates_metadata_covers_every_resource()
    {
        var report = Fixtures.Check(Template(templateMetadata: "\"Metadata\": " + Acknowledged + ","));

        Assert.Empty(report.Of("ECS002"));
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void An_acknowledgement_with_a_short_reason_is_ignored()
    {
        var report = Fixtures.Check(Template(resourceMetadata: """, "Metadata": { "ecs-rules": { "acknowledge": [ { "id": "ECS002", "reason": "ok" } ] } }"""));

        Assert.Single(report.Of("ECS002"));
    }

    [Fact]
    public void An_error_cannot_be_acknowledged_in_metadata()
    {
        var template = Template(resourceMetadata: """, "Metadata": { "ecs-rules": { "acknowledge": [ { "id": "ECS015", "reason": "The name is fine for us, really." } ] } }""")
            .Replace("cp-batch", "ecs-batch", StringComparison.Ordinal);

        var finding = Assert.Single(Fixtures.Check(template).Of("ECS015"));

        Assert.Equal(FindingSeverity.Error, finding.Severity);
    }

    [Fact]
    public void An_acknowledgement_given_to_the_engine_applies_to_the_resource_it_names()
    {
        var other = new Acknowledgement("ECS002", "Only the other group is idle.", resource: "Other");
        var mine = new Acknowledgement("ECS002", "This group starts for batch runs only.", resource: "Asg");

        Assert.Single(RuleEngine.Check(EcsConstructs.Rules.Templates.TemplateSet.FromText(Template()), [other]).Of("ECS002"));
        Assert.Empty(RuleEngine.Check(EcsConstructs.Rules.Templates.TemplateSet.FromText(Template()), [mine]).Of("ECS002"));
    }
}
