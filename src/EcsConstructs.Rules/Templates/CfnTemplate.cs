using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EcsConstructs.Rules.Templates;

/// <summary>
/// One CloudFormation template as read from disk (or given as text), with what the cloud assembly
/// says about its stack: the stack name, the environment and the construct path of each resource.
/// A nested stack's template knows its parent and the <c>AWS::CloudFormation::Stack</c> resource
/// that passes it its parameters.
/// </summary>
internal sealed partial class CfnTemplate
{
    private readonly Dictionary<string, string> _paths;
    private readonly string? _text;
    private Dictionary<string, int>? _lines;

    public CfnTemplate(string name, string filePath, JsonObject root, string? text, StackInfo stack, CfnTemplate? parent = null, string? parentResource = null)
    {
        Name = name;
        FilePath = filePath;
        Root = root;
        _text = text;
        StackName = stack.StackName;
        Region = stack.Region;
        Account = stack.Account;
        _paths = stack.Paths;
        Parent = parent;
        ParentResource = parentResource;
    }

    /// <summary>How findings name the template: the stack's display name (<c>Prod/Web</c>) or the file as given.</summary>
    public string Name { get; }

    /// <summary>The template file (full path), or the name given for a template read from text.</summary>
    public string FilePath { get; }

    /// <summary>A prefix unique in the set, for the global keys of this template's resources.</summary>
    public string Key { get; set; } = string.Empty;

    public JsonObject Root { get; }

    /// <summary>The deployed stack name, when the cloud assembly names it; null for a nested or a plain template.</summary>
    public string? StackName { get; }

    /// <summary>The stack's region when the assembly names one (an environment-specific stack), else null.</summary>
    public string? Region { get; set; }

    /// <summary>The stack's account when the assembly names one, else null.</summary>
    public string? Account { get; }

    public CfnTemplate? Parent { get; }

    /// <summary>The logical id of the <c>AWS::CloudFormation::Stack</c> resource of <see cref="Parent"/> that creates this nested stack.</summary>
    public string? ParentResource { get; }

    public JsonObject Resources => Root[nameof(Resources)] as JsonObject ?? [];

    public JsonObject Parameters => Root[nameof(Parameters)] as JsonObject ?? [];

    public JsonObject Outputs => Root[nameof(Outputs)] as JsonObject ?? [];

    public JsonObject Conditions => Root[nameof(Conditions)] as JsonObject ?? [];

    public JsonObject Mappings => Root[nameof(Mappings)] as JsonObject ?? [];

    /// <summary>
    /// A resource's construct path: its <c>aws:cdk:path</c> metadata, else the path the cloud
    /// assembly's manifest records for its logical id, else null (a template not made by CDK).
    /// </summary>
    public string? PathOf(string logicalId)
    {
        if (Resources[logicalId] is JsonObject resource && resource["Metadata"]?["aws:cdk:path"] is JsonValue v && v.TryGetValue<string>(out var path))
        {
            return path;
        }

        return _paths.TryGetValue(logicalId, out var fromManifest) ? fromManifest : null;
    }

    /// <summary>The 1-based line where the resource is defined in the template file, when it can be found.</summary>
    public int? LineOf(string logicalId)
    {
        if (_text is null)
        {
            return null;
        }

        _lines ??= FindLines(_text);
        return _lines.TryGetValue(logicalId, out var line) ? line : null;
    }

    /// <summary>
    /// The line of each resource: the first line after the <c>Resources</c> key that opens a key
    /// named like it (<c>"Id": {</c> in JSON, <c>Id:</c> in YAML).
    /// </summary>
    private Dictionary<string, int> FindLines(string text)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        var start = Array.FindIndex(lines, l => ResourcesKey().IsMatch(l));
        if (start < 0)
        {
            return result;
        }

        var wanted = Resources.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        for (var i = start + 1; i < lines.Length && result.Count < wanted.Count; i++)
        {
            var match = KeyLine().Match(lines[i]);
            if (match.Success && wanted.Contains(match.Groups[1].Value) && !result.ContainsKey(match.Groups[1].Value))
            {
                result[match.Groups[1].Value] = i + 1;
            }
        }

        return result;
    }

    [GeneratedRegex("^\\s*\"?Resources\"?\\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex ResourcesKey();

    [GeneratedRegex("^\\s*\"?([A-Za-z0-9]+)\"?\\s*:\\s*(\\{\\s*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyLine();
}

/// <summary>What a cloud assembly's manifest says about a stack.</summary>
/// <param name="StackName">The deployed stack name.</param>
/// <param name="Region">The region, when the stack is environment-specific.</param>
/// <param name="Account">The account, when the stack is environment-specific.</param>
/// <param name="Paths">Construct path by logical id (from the manifest's <c>aws:cdk:logicalId</c> metadata).</param>
internal sealed record StackInfo(string? StackName, string? Region, string? Account, Dictionary<string, string> Paths)
{
    public static StackInfo None => new(null, null, null, new Dictionary<string, string>(StringComparer.Ordinal));
}
