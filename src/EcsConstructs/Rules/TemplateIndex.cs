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
        // Every read below is a jsii round trip: read each resource once, skip nested stacks by
        // path (not by asking each resource for its stack), and resolve all values in one call.
        var resources = new List<(CfnResource Cfn, string Type, string Path, object? Props, string[] Deps)>();
        var nestedStacks = new List<string>();
        foreach (var construct in stack.Node.FindAll())
        {
            if (construct is Stack nested && !ReferenceEquals(nested, stack))
            {
                nestedStacks.Add(nested.Node.Path + "/");
                continue;
            }

            if (construct is not CfnResource cfn)
            {
                continue;
            }

            var path = cfn.Node.Path;
            if (nestedStacks.Any(n => path.StartsWith(n, StringComparison.Ordinal)))
            {
                continue;
            }

            var type = cfn.CfnResourceType;
            object? props = null;
            if (Read(type) && cfn is IInspectable inspectable)
            {
                var inspector = new TreeInspector();
                inspectable.Inspect(inspector);
                inspector.Attributes.TryGetValue("aws:cdk:cloudformation:props", out props);
            }

            // A dependency in another stack resolves to its own logical id, which can only make a
            // "missing dependency" rule stay silent, never fire.
            // Only services' dependencies are asked about (ECS021, ECS045).
            var deps = type == EcsModel.Service ? cfn.ObtainDependencies().OfType<CfnResource>().Select(d => d.LogicalId).ToArray() : [];
            resources.Add((cfn, type, path, props, deps));
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

    /// <summary>
    /// The resource types the rules read (services of the namespaces below); the properties of
    /// other resources (functions, alarms, buckets...) are not fetched, to save round trips.
    /// </summary>
    private static bool Read(string type) =>
        ReadPrefixes.Any(p => type.StartsWith(p, StringComparison.Ordinal)) || ReadTypes.Contains(type);

    private static readonly string[] ReadPrefixes =
    [
        "AWS::ECS::", "AWS::AutoScaling::", "AWS::ElasticLoadBalancingV2::", "AWS::IAM::", "AWS::EFS::",
        "AWS::ApplicationAutoScaling::", "AWS::SecretsManager::",
    ];

    private static readonly HashSet<string> ReadTypes = new(StringComparer.Ordinal)
    {
        "AWS::EC2::LaunchTemplate", "AWS::EC2::Subnet", "AWS::EC2::Route", "AWS::EC2::SubnetRouteTableAssociation",
        "AWS::EC2::VPCEndpoint", "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::KMS::Key",
        "AWS::Logs::LogGroup", "AWS::SSM::Parameter", "AWS::EC2::InternetGateway",
    };

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
