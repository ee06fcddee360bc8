using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;

namespace EcsConstructs.Tests.Support;

/// <summary>
/// A stack synthesized once, as <c>cdk synth</c> writes it: the CDK assertion API for
/// <c>Match</c>-based checks and the raw JSON for queries the assertion API cannot express.
/// </summary>
internal sealed class Synthesized
{
    private Synthesized(string text)
    {
        Text = text;
        Json = JsonNode.Parse(text)!.AsObject();
        Template = Template.FromString(text);
    }

    public string Text { get; }

    public JsonObject Json { get; }

    public Template Template { get; }

    public static Synthesized Of(Stack stack)
    {
        var assembly = Stage.Of(stack)!.Synth();
        var artifact = assembly.GetStackArtifact(stack.ArtifactId);
        return new Synthesized(File.ReadAllText(Path.Combine(assembly.Directory, artifact.TemplateFile)));
    }

    /// <summary>Resources of a type, by logical id.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonObject>> Resources(string type) =>
        Json["Resources"]!.AsObject()
            .Where(r => r.Value!["Type"]!.GetValue<string>() == type)
            .Select(r => new KeyValuePair<string, JsonObject>(r.Key, r.Value!.AsObject()))
            .ToList();

    /// <summary>The single resource of a type.</summary>
    public KeyValuePair<string, JsonObject> Single(string type) => Assert.Single(Resources(type));

    /// <summary>The logical id of the single resource of a type.</summary>
    public string LogicalId(string type) => Single(type).Key;

    /// <summary>The properties of the single resource of a type.</summary>
    public JsonObject PropertiesOf(string type) => Single(type).Value["Properties"]!.AsObject();
}
