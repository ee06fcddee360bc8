using System.Text.Json.Nodes;
using EcsConstructs.Rules.Templates;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Model;

/// <summary>One CloudFormation resource, its properties resolved once (see <see cref="Resolver"/>).</summary>
internal sealed class CfnEntry(CfnTemplate template, string logicalId, string type, JsonObject props, IReadOnlyList<string> dependsOn, JsonObject? metadata, bool? condition)
{
    private List<string>? _referenced;
    private List<string>? _references;

    public CfnTemplate Template { get; } = template;

    public string LogicalId { get; } = logicalId;

    /// <summary>The global key references resolve to: unique across the templates of the set.</summary>
    public string Key { get; } = Resolver.KeyOf(template, logicalId);

    public string Type { get; } = type;

    /// <summary>
    /// The construct path when the template comes from CDK; else the logical id (qualified with the
    /// template's name in a nested stack). Findings name the template separately.
    /// </summary>
    public string Path => Template.PathOf(LogicalId) ?? (Template.Parent is null ? LogicalId : $"{Template.Name}/{LogicalId}");

    /// <summary>The resolved properties (empty when the resource has none).</summary>
    public JsonObject Props { get; } = props;

    /// <summary>Keys of the resources named in <c>DependsOn</c>.</summary>
    public IReadOnlyList<string> DependsOn { get; } = dependsOn;

    /// <summary>The resource's <c>Metadata</c>, as written.</summary>
    public JsonObject? Metadata { get; } = metadata;

    /// <summary>Whether the resource exists: true, or null when its <c>Condition</c> depends on something unknown.</summary>
    public bool? Exists { get; } = condition;

    /// <summary>Keys of every resource the properties reference, in any template (through imports and nested stack parameters too).</summary>
    public IReadOnlyList<string> Referenced => _referenced ??= ReferencedKeys(Props).Distinct().ToList();

    /// <summary>Keys of the resources of the same template that the properties reference (implicit dependencies).</summary>
    public IReadOnlyList<string> References => _references ??= Referenced.Where(k => k.StartsWith(Template.Key + "::", StringComparison.Ordinal)).ToList();

    public JsonNode? P(string dotted) => JsonValues.Path(Props, dotted);

    private static IEnumerable<string> ReferencedKeys(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var key in array.SelectMany(ReferencedKeys))
                {
                    yield return key;
                }

                break;
            case JsonObject obj:
                if (TemplateIndex.RefId(obj) is { } id)
                {
                    yield return id;
                    break;
                }

                foreach (var key in obj.Select(p => p.Value).SelectMany(ReferencedKeys))
                {
                    yield return key;
                }

                break;
        }
    }
}

/// <summary>
/// The resources of every template of a <see cref="TemplateSet"/>, resolved once, indexed by global
/// key and by type. Resources whose condition is false are left out.
/// </summary>
internal sealed class TemplateIndex
{
    private readonly Dictionary<string, CfnEntry> _byKey = new(StringComparer.Ordinal);
    private readonly ILookup<string, CfnEntry> _byType;
    private readonly HashSet<string> _exported = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _parameters = new(StringComparer.Ordinal);

    public TemplateIndex(TemplateSet set)
    {
        Templates = set.Templates;
        Resolver = new Resolver(set.Templates);
        foreach (var template in set.Templates)
        {
            foreach (var (id, node) in template.Resources)
            {
                if (node is not JsonObject resource || Str(resource["Type"]) is not { } type)
                {
                    continue;
                }

                bool? exists = Str(resource["Condition"]) is { } condition ? Resolver.Condition(template, condition) : true;
                if (exists == false)
                {
                    continue;
                }

                var props = Resolver.Resolve(template, resource["Properties"]) as JsonObject ?? [];
                var dependsOn = OneOrMany(resource["DependsOn"]).Select(Str).OfType<string>().Select(d => Resolver.KeyOf(template, d)).ToList();
                var entry = new CfnEntry(template, id, type, props, dependsOn, resource["Metadata"] as JsonObject, exists);
                _byKey[entry.Key] = entry;
            }

            foreach (var (name, parameter) in template.Parameters)
            {
                if (parameter is JsonObject declared)
                {
                    _parameters[Resolver.KeyOf(template, name)] = declared;
                }
            }

            // Resources whose references leave the stack through an export (their importers may be elsewhere).
            foreach (var (_, output) in template.Outputs)
            {
                if (output?["Export"] is not null && RefId(Resolver.Resolve(template, output["Value"])) is { } exported)
                {
                    _exported.Add(exported);
                }
            }
        }

        _byType = _byKey.Values.ToLookup(e => e.Type, StringComparer.Ordinal);
    }

    public IReadOnlyList<CfnTemplate> Templates { get; }

    public Resolver Resolver { get; }

    public IEnumerable<CfnEntry> All => _byKey.Values;

    public IEnumerable<CfnEntry> OfType(string type) => _byType[type];

    public CfnEntry? this[string? key] => key is not null && _byKey.TryGetValue(key, out var e) ? e : null;

    /// <summary>The resource a value points at: <c>{"Ref": key}</c> or <c>{"Fn::GetAtt": [key, …]}</c>.</summary>
    public CfnEntry? Target(JsonNode? value) => this[RefId(value)];

    /// <summary>
    /// The declaration of the parameter a resolved value still names (one the resolver could not
    /// replace: an SSM parameter type, or no default), e.g. to read an SSM parameter's path.
    /// </summary>
    public JsonObject? ParameterOf(JsonNode? value) => RefId(value) is { } key && _parameters.TryGetValue(key, out var p) ? p : null;

    /// <summary>Whether a stack output exports a reference to the resource (it may be used by stacks outside the set).</summary>
    public bool IsExported(CfnEntry entry) => _exported.Contains(entry.Key);

    /// <summary>The key a resolved reference names, or null for anything else.</summary>
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

    /// <summary>
    /// A value comparable between Availability Zones: the zone's name for a literal, <c>region#az{i}</c>
    /// for the i-th zone of <c>Fn::GetAZs</c>; null when unknown. Literal names and positions cannot be
    /// compared with each other (<see cref="ZonesComparable"/>).
    /// </summary>
    public static string? ZoneKey(JsonNode? value)
    {
        if (Str(value) is { } name)
        {
            return name;
        }

        if (Get(value, "Fn::Select") is JsonArray { Count: 2 } select && Num(select[0]) is { } i && Get(select[1], "Fn::GetAZs") is { } region)
        {
            return $"{Str(region)}#az{i}";
        }

        return null;
    }

    /// <summary>A zone key as a message shows it: the name, or "zone 1 of the region (Fn::GetAZs index 0)".</summary>
    public static string DescribeZone(string key) =>
        key.Split("#az") is [var region, var index]
            ? $"zone {int.Parse(index, System.Globalization.CultureInfo.InvariantCulture) + 1} of {(region.Length > 0 ? region : "the region")} (Fn::GetAZs index {index})"
            : key;

    /// <summary>Whether zone keys are all literal names or all positions in a region's list.</summary>
    public static bool ZonesComparable(IReadOnlyCollection<string> keys) =>
        keys.All(k => k.Contains("#az", StringComparison.Ordinal)) || keys.All(k => !k.Contains("#az", StringComparison.Ordinal));

    /// <summary>
    /// Whether a resource of <paramref name="from"/> references a resource of <paramref name="to"/>
    /// (an import, for stacks of one app): CloudFormation then deploys <paramref name="to"/> first.
    /// </summary>
    public bool TemplateReferences(Templates.CfnTemplate from, Templates.CfnTemplate to) =>
        from != to && All.Where(e => e.Template == from).Any(e => e.Referenced.Any(k => k.StartsWith(to.Key + "::", StringComparison.Ordinal)));

    /// <summary>
    /// Whether <paramref name="resource"/> depends on <paramref name="target"/> (a key), directly or
    /// through other resources: by <c>DependsOn</c> or by referencing it (CloudFormation orders both).
    /// </summary>
    public bool DependsOn(CfnEntry resource, string target)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(resource.DependsOn.Concat(resource.References));
        while (queue.Count > 0)
        {
            var key = queue.Dequeue();
            if (key == target)
            {
                return true;
            }

            if (seen.Add(key) && _byKey.TryGetValue(key, out var next))
            {
                foreach (var dependency in next.DependsOn.Concat(next.References))
                {
                    queue.Enqueue(dependency);
                }
            }
        }

        return false;
    }
}
