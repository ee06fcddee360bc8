using System.Text.Json.Nodes;
using EcsConstructs.Rules.Review;
using EcsConstructs.Rules.Templates;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Rules.Tests.Support;

/// <summary>Templates for the review tests: snapshot files of the repository, and small templates built as JSON.</summary>
internal static class Reviews
{
    /// <summary>The committed snapshot of the main example (the nginx walkthrough).</summary>
    public static string NginxSnapshotPath =>
        Path.Combine(RepositoryFolder.Root, "test", "EcsConstructs.Tests", "Examples", "__snapshots__", "NginxWalkthrough.template.json");

    /// <summary>The main example's snapshot, parsed (a fresh copy to change).</summary>
    public static JsonObject NginxSnapshot() => JsonNode.Parse(File.ReadAllText(NginxSnapshotPath))!.AsObject();

    /// <summary>The main example's snapshot with its load balancer made internal (Scheme internal, as a change of the app would give).</summary>
    public static JsonObject NginxWithInternalLoadBalancer()
    {
        var template = NginxSnapshot();
        var balancer = template["Resources"]!.AsObject().Single(r => r.Value!["Type"]!.GetValue<string>() == "AWS::ElasticLoadBalancingV2::LoadBalancer").Value!;
        balancer["Properties"]!["Scheme"] = "internal";
        return template;
    }

    /// <summary>Reviews the change from one template to another.</summary>
    public static ReviewReport Compare(JsonNode baseline, JsonNode current) =>
        TemplateReview.Compare(TemplateSet.FromText(baseline.ToJsonString(), "Stack.template.json"), TemplateSet.FromText(current.ToJsonString(), "Stack.template.json"));

    /// <summary>A template of the given resources.</summary>
    public static JsonObject Template(params (string Id, JsonObject Resource)[] resources)
    {
        var section = new JsonObject();
        foreach (var (id, resource) in resources)
        {
            section[id] = resource;
        }

        return new JsonObject { ["Resources"] = section };
    }

    /// <summary>A resource of a type with properties.</summary>
    public static JsonObject Resource(string type, JsonObject? properties = null, string? path = null)
    {
        var resource = new JsonObject { ["Type"] = type, ["Properties"] = properties ?? [] };
        if (path is not null)
        {
            resource["Metadata"] = new JsonObject { ["aws:cdk:path"] = path };
        }

        return resource;
    }

    /// <summary>The review of one resource of the only stack.</summary>
    public static ResourceReview Of(this ReviewReport report, string logicalId) =>
        report.Stacks.SelectMany(s => s.Resources).Single(r => r.LogicalId == logicalId);

    /// <summary>The change of one property of a resource review.</summary>
    public static PropertyChange Property(this ResourceReview resource, string name) =>
        resource.Properties.Single(p => p.Name == name);

    /// <summary>Writes a template into a fresh temporary folder as <c>Stack.template.json</c>; returns its path.</summary>
    public static string WriteTemplate(JsonNode template, string name = "Stack.template.json")
    {
        var folder = Path.Combine(Path.GetTempPath(), "ecs-rules-review-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, template.ToJsonString());
        return path;
    }
}
