using System.Text.Json.Nodes;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.TemplateChecks;

/// <summary>
/// The template check fails a real example's template when it gains an unsuppressed cdk-nag
/// error or a schema error, so the test command fails with it (the fixture tests use hand-made
/// templates; this one breaks the NginxWalkthrough template as committed: its snapshot test in
/// EcsConstructs.Tests proves the snapshot is what the example synthesizes).
/// </summary>
[Collection(TemplateCheckCollection.Name)]
public sealed class BrokenExampleTemplateTests(CheckedTemplates fixture)
{
    private const string UnknownProperty = "ClusterNameTypo";

    [Fact]
    public void The_check_reports_a_removed_suppression_and_an_unknown_property_in_the_walkthrough_template()
    {
        var broken = fixture.Broken;

        Assert.Empty(fixture.Report.For("NginxWalkthrough.template.json").Errors);
        var errors = fixture.Report.For(Path.GetFileName(broken.File)).Errors;
        Assert.Contains(errors, e => e.Check == "cdk-nag" && e.Rule == "AwsSolutions-EC23" && e.LogicalId == broken.UnsuppressedLogicalId);
        Assert.Contains(errors, e => e.Check == "schema" && e.Rule == "SCHEMA-UNKNOWN-PROPERTY" && e.LogicalId == broken.ClusterLogicalId
                                     && e.Message.Contains(UnknownProperty, StringComparison.Ordinal));
        Assert.Equal(2, errors.Count);
        Assert.Equal(1, fixture.Report.ExitCode); // `node check.mjs` fails, and so would the snapshot check
    }

    /// <summary>
    /// Writes the committed walkthrough template with the reviewed suppression of AwsSolutions-EC23
    /// removed and an unknown property on the cluster, as broken.template.json in <paramref name="directory"/>.
    /// </summary>
    internal static BrokenTemplate WriteBrokenWalkthrough(DirectoryInfo directory)
    {
        var broken = JsonNode.Parse(File.ReadAllText(Path.Combine(
            RepositoryFolder.Root, "test", "EcsConstructs.Tests", "Examples", "__snapshots__", "NginxWalkthrough.template.json")))!.AsObject();
        var unsuppressed = RemoveSuppression(broken, "AwsSolutions-EC23");
        var cluster = AddUnknownProperty(broken, "AWS::ECS::Cluster", UnknownProperty);
        return new BrokenTemplate(Write(directory, "broken.template.json", broken), unsuppressed, cluster);
    }

    /// <summary>Removes the reviewed suppression of <paramref name="rule"/> from the one resource that carries it; returns its logical id.</summary>
    private static string RemoveSuppression(JsonObject template, string rule)
    {
        var (id, resource) = template["Resources"]!.AsObject()
            .Single(r => Suppressions(r.Value!)?.Any(s => s!["id"]!.GetValue<string>() == rule) == true);
        var list = Suppressions(resource!)!;
        list.Remove(list.Single(s => s!["id"]!.GetValue<string>() == rule));
        if (list.Count == 0)
        {
            resource!["Metadata"]!.AsObject().Remove("cdk_nag");
        }

        return id;
    }

    private static JsonArray? Suppressions(JsonNode resource) =>
        resource["Metadata"]?["cdk_nag"]?["rules_to_suppress"]?.AsArray();

    /// <summary>Adds a property the resource type does not have to the one resource of <paramref name="type"/>; returns its logical id.</summary>
    private static string AddUnknownProperty(JsonObject template, string type, string property)
    {
        var (id, resource) = template["Resources"]!.AsObject().Single(r => r.Value!["Type"]!.GetValue<string>() == type);
        resource!["Properties"]!.AsObject()[property] = "orders";
        return id;
    }

    private static string Write(DirectoryInfo directory, string name, JsonNode template)
    {
        var file = Path.Combine(directory.FullName, name);
        File.WriteAllText(file, template.ToJsonString());
        return file;
    }
}

/// <summary>The broken walkthrough template: its file and the logical ids of what was broken.</summary>
internal sealed record BrokenTemplate(string File, string UnsuppressedLogicalId, string ClusterLogicalId);
