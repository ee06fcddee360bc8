using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Amazon.CDK;
using static EcsConstructs.Rules.JsonValues;

namespace EcsConstructs.Rules;

/// <summary>One CloudFormation resource of the stack, its properties resolved once.</summary>
internal sealed class CfnEntry(string logicalId, string type, JsonObject? props, IReadOnlyList<string> dependsOn, CfnResource cfn)
{
    private string? _path;

    public string LogicalId { get; } = logicalId;

    public string Type { get; } = type;

    /// <summary>The construct path, read from CDK when first asked (messages only need a few).</summary>
    public string Path => _path ??= Cfn.Node.Path;

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
        // Every CDK read is a jsii round trip (about 0.5 ms): per resource only its logical id and,
        // for the types the rules read, a TreeInspector (create + inspect). The resource type comes
        // from the L1 class (asked once per class), the construct path only when a message needs
        // it, and all values (the inspectors' properties included, by reference) are resolved in
        // one Stack.Resolve call.
        var all = stack.Node.FindAll();
        var nestedStacks = all.OfType<Stack>().Where(s => !ReferenceEquals(s, stack)).Select(s => s.Node.Path + "/").ToList();
        var resources = new List<(CfnResource Cfn, string Type, TreeInspector? Inspector, string[] Deps)>();
        foreach (var cfn in all.OfType<CfnResource>())
        {
            if (nestedStacks.Count > 0 && nestedStacks.Any(n => cfn.Node.Path.StartsWith(n, StringComparison.Ordinal)))
            {
                continue;
            }

            var type = ResourceType(cfn);
            TreeInspector? inspector = null;
            if (Read(type) && cfn is IInspectable inspectable)
            {
                inspector = new TreeInspector();
                inspectable.Inspect(inspector);
            }

            // A dependency in another stack resolves to its own logical id, which can only make a
            // "missing dependency" rule stay silent, never fire.
            // Only services' dependencies are asked about (ECS021, ECS045).
            var deps = type == EcsModel.Service ? cfn.ObtainDependencies().OfType<CfnResource>().Select(d => d.LogicalId).ToArray() : [];
            resources.Add((cfn, type, inspector, deps));
        }

        var payload = new Dictionary<string, object>();
        for (var i = 0; i < resources.Count; i++)
        {
            payload[Key(i)] = Payload(resources[i].Cfn, resources[i].Inspector, resources[i].Deps);
        }

        JsonObject? resolvedAll = null;
        try
        {
            resolvedAll = ToJson(stack.Resolve(payload)) as JsonObject;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One unresolvable value: fall back to resolving resource by resource below.
        }

        var entries = new List<CfnEntry>();
        var unreadable = new List<string>();
        for (var i = 0; i < resources.Count; i++)
        {
            var (cfn, type, inspector, deps) = resources[i];
            var resolved = resolvedAll?[Key(i)] as JsonObject;
            if (resolved is null)
            {
                try
                {
                    resolved = ToJson(stack.Resolve(Payload(cfn, inspector, deps))) as JsonObject;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    resolved = null;
                }
            }

            var logicalId = Str(resolved?["id"]);
            if (resolved is null || logicalId is null)
            {
                unreadable.Add(cfn.Node.Path);
                continue;
            }

            var dependsOn = Items(resolved["deps"]).Select(Str).OfType<string>().ToList();
            var props = resolved["inspector"]?["attributes"]?[PropsAttribute];
            var readable = inspector is null || props is JsonObject;
            if (!readable)
            {
                unreadable.Add(cfn.Node.Path);
            }

            entries.Add(new CfnEntry(logicalId, type, readable ? props as JsonObject ?? [] : null, dependsOn, cfn));
        }

        return new TemplateIndex(stack, entries, unreadable);
    }

    private const string PropsAttribute = "aws:cdk:cloudformation:props";

    /// <summary>The CloudFormation type of each L1 class of aws-cdk-lib, asked from CDK once per class.</summary>
    private static readonly ConcurrentDictionary<Type, string> TypesByClass = new();

    private static string ResourceType(CfnResource cfn)
    {
        var type = cfn.GetType();

        // The generic CfnResource (and classes outside aws-cdk-lib) may carry any type per instance.
        if (type == typeof(CfnResource) || type.Assembly != typeof(CfnResource).Assembly)
        {
            return cfn.CfnResourceType;
        }

        return TypesByClass.GetOrAdd(type, _ => cfn.CfnResourceType);
    }

    private static string Key(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);

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

    /// <summary>
    /// What one resource needs resolved. The inspector goes by reference: <c>Stack.Resolve</c>
    /// resolves its <c>attributes</c> (type and properties) in Node.js, so the properties never
    /// cross to .NET unresolved.
    /// </summary>
    private static Dictionary<string, object> Payload(CfnResource cfn, TreeInspector? inspector, string[] deps)
    {
        var item = new Dictionary<string, object> { ["id"] = cfn.LogicalId, ["deps"] = deps };
        if (inspector is not null)
        {
            item["inspector"] = inspector;
        }

        return item;
    }
}
