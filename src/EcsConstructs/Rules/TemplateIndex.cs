using System.Text.Json.Nodes;
using Amazon.CDK;
using static EcsConstructs.Rules.JsonValues;

namespace EcsConstructs.Rules;

/// <summary>One CloudFormation resource of the stack, its properties resolved once.</summary>
internal sealed class CfnEntry(string logicalId, string type, string path, JsonObject? props, IReadOnlyList<string> dependsOn, CfnResource cfn)
{
    public string LogicalId { get; } = logicalId;

    public string Type { get; } = type;

    public string Path { get; } = path;

    /// <summary>The resolved properties; null when they could not be read (rules skip the resource).</summary>
    public JsonObject? Props { get; } = props;

    public IReadOnlyList<string> DependsOn { get; } = dependsOn;

    public CfnResource Cfn { get; } = cfn;

    public JsonNode? P(string dotted) => JsonValues.Path(Props, dotted);
}

/// <summary>
/// The resources of one stack, indexed once per synthesis by logical id and by type, with their
/// properties resolved in one <c>Stack.Resolve</c> call (one jsii round trip for all values).
/// </summary>
internal sealed class TemplateIndex
{
    private readonly Dictionary<string, CfnEntry> _byId;
    private readonly ILookup<string, CfnEntry> _byType;

    private TemplateIndex(Stack stack, List<CfnEntry> entries, List<string> unreadable)
    {
        Stack = stack;
        _byId = entries.ToDictionary(e => e.LogicalId, StringComparer.Ordinal);
        _byType = entries.ToLookup(e => e.Type, StringComparer.Ordinal);
        Unreadable = unreadable;
        var region = stack.Region;
        Region = Token.IsUnresolved(region) ? null : region;
        StackName = stack.StackName;
    }

    public Stack Stack { get; }

    /// <summary>The stack's region when it is a literal (environment-specific stack), else null.</summary>
    public string? Region { get; }

    public string StackName { get; }

    /// <summary>Paths of resources whose properties could not be resolved.</summary>
    public IReadOnlyList<string> Unreadable { get; }

    public IEnumerable<CfnEntry> OfType(string type) => _byType[type].Where(e => e.Props is not null);

    public CfnEntry? this[string? logicalId] => logicalId is not null && _byId.TryGetValue(logicalId, out var e) && e.Props is not null ? e : null;

    /// <summary>The local resource a value points at: <c>{"Ref": X}</c> or <c>{"Fn::GetAtt": [X, ...]}</c>.</summary>
    public CfnEntry? Target(JsonNode? value) => this[RefId(value)];

    public static string? RefId(JsonNode? value)
    {
        if (value is not JsonObject obj || obj.Count != 1)
        {
            return null;
        }

        if (obj["Ref"] is JsonValue r && r.TryGetValue<string>(out var id))
        {
            return id;
        }

        return obj["Fn::GetAtt"] is JsonArray { Count: > 0 } att ? Str(att[0]) : null;
    }

    /// <summary>Whether <paramref name="resource"/> depends on <paramref name="target"/>, directly or through other resources.</summary>
    public bool DependsOn(CfnEntry resource, string target)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(resource.DependsOn);
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            if (id == target)
            {
                return true;
            }

            if (seen.Add(id) && _byId.TryGetValue(id, out var next))
            {
                foreach (var dep in next.DependsOn)
                {
                    queue.Enqueue(dep);
                }
            }
        }

        return false;
    }

    public static TemplateIndex Build(Stack stack)
    {
        var resources = new List<(CfnResource Cfn, string Type, string Path, object? Props, string[] Deps)>();
        foreach (var construct in stack.Node.FindAll())
        {
            if (construct is not CfnResource cfn || !ReferenceEquals(cfn.Stack, stack))
            {
                continue;
            }

            object? props = null;
            if (cfn is IInspectable inspectable)
            {
                var inspector = new TreeInspector();
                inspectable.Inspect(inspector);
                inspector.Attributes.TryGetValue("aws:cdk:cloudformation:props", out props);
            }

            var deps = cfn.ObtainDependencies().OfType<CfnResource>().Where(d => ReferenceEquals(d.Stack, stack)).Select(d => d.LogicalId).ToArray();
            resources.Add((cfn, cfn.CfnResourceType, cfn.Node.Path, props, deps));
        }

        var payload = new Dictionary<string, object>();
        for (var i = 0; i < resources.Count; i++)
        {
            payload[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Payload(resources[i].Cfn, resources[i].Props, resources[i].Deps);
        }

        JsonObject? all = null;
        try
        {
            all = ToJson(stack.Resolve(payload)) as JsonObject;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One unresolvable value: fall back to resolving resource by resource below.
        }

        var entries = new List<CfnEntry>();
        var unreadable = new List<string>();
        for (var i = 0; i < resources.Count; i++)
        {
            var (cfn, type, path, props, deps) = resources[i];
            var resolved = all?[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] as JsonObject;
            if (resolved is null)
            {
                try
                {
                    resolved = ToJson(stack.Resolve(Payload(cfn, props, deps))) as JsonObject;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    resolved = null;
                }
            }

            var logicalId = Str(resolved?["id"]);
            if (resolved is null || logicalId is null)
            {
                unreadable.Add(path);
                continue;
            }

            var dependsOn = Items(resolved["deps"]).Select(Str).OfType<string>().ToList();
            var readable = props is null || resolved["props"] is JsonObject;
            if (!readable)
            {
                unreadable.Add(path);
            }

            entries.Add(new CfnEntry(logicalId, type, path, readable ? resolved["props"] as JsonObject ?? [] : null, dependsOn, cfn));
        }

        return new TemplateIndex(stack, entries, unreadable);
    }

    private static Dictionary<string, object> Payload(CfnResource cfn, object? props, string[] deps)
    {
        var item = new Dictionary<string, object> { ["id"] = cfn.LogicalId, ["deps"] = deps };
        if (props is not null)
        {
            item["props"] = props;
        }

        return item;
    }
}
