using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Templates;

namespace EcsConstructs.Rules.Review;

/// <summary>Compares one stack's baseline template with its current one (see <see cref="TemplateReview"/>).</summary>
internal static class StackComparison
{
    private const string CdkMetadataType = "AWS::CDK::Metadata";

    /// <summary>Resource attributes besides <c>Type</c> and <c>Properties</c>: their changes update nothing in the resource itself.</summary>
    private static readonly string[] Attributes = ["Condition", "CreationPolicy", "DeletionPolicy", "DependsOn", "Metadata", "UpdatePolicy", "UpdateReplacePolicy"];

    /// <summary>Template sections besides <c>Resources</c>, compared entry by entry when they are objects.</summary>
    private static readonly string[] Sections = ["AWSTemplateFormatVersion", "Conditions", "Description", "Mappings", "Metadata", "Outputs", "Parameters", "Rules", "Transform"];

    public static (StackReview Stack, List<ReviewFlag> Flags) Compare(string name, CfnTemplate? before, CfnTemplate? after)
    {
        var old = Resources(before);
        var now = Resources(after);
        var flags = new List<ReviewFlag>();
        if (before is null || after is null)
        {
            // A new stack is created whole; a stack the app no longer has is not deleted by cdk deploy: no flags.
            var only = before is null
                ? now.Select(r => new ResourceReview(r.Key, null, TypeOf(r.Value), ResourceChangeKind.Added, UpdateEffect.InPlace, []))
                : old.Select(r => new ResourceReview(r.Key, null, TypeOf(r.Value), ResourceChangeKind.Removed, UpdateEffect.InPlace, []));
            return (new StackReview(name, before is not null, after is not null, only.OrderBy(r => r.LogicalId, StringComparer.Ordinal).ToList(), [], false), flags);
        }

        var removed = old.Keys.Where(k => !now.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var added = now.Keys.Where(k => !old.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var moves = FindMoves(before, after, old, now, removed, added);

        // Direct changes: what the template text says.
        var changes = new Dictionary<string, List<PropertyChange>>(StringComparer.Ordinal);
        foreach (var id in old.Keys.Where(now.ContainsKey))
        {
            var list = Diff(old[id], now[id]);
            if (list.Count > 0)
            {
                changes[id] = list;
            }
        }

        foreach (var (id, move) in moves)
        {
            changes[id] = Diff(old[move.From], now[id]);
        }

        var existing = old.Keys.Where(now.ContainsKey).Concat(moves.Keys).ToHashSet(StringComparer.Ordinal);
        Propagate(now, existing, changes, moves);

        var resources = new List<ResourceReview>();
        foreach (var (id, list) in changes)
        {
            var moved = moves.TryGetValue(id, out var move);
            var effect = moved ? UpdateEffect.Replaced : Strongest(list);
            var review = new ResourceReview(id, moved ? move.From : null, TypeOf(now[id]), moved ? ResourceChangeKind.Moved : ResourceChangeKind.Modified,
                effect, list.OrderBy(c => c.Name, StringComparer.Ordinal).ToList());
            resources.Add(review);
            if (effect != UpdateEffect.InPlace)
            {
                FlagReplacement(name, review, moved ? move : null, old[moved ? move.From : id], now[id], flags);
            }

            if (effect != UpdateEffect.Replaced && !moved)
            {
                FlagCodeDeployUpdate(name, review, now[id], flags);
            }
        }

        var movedFrom = moves.Values.Select(m => m.From).ToHashSet(StringComparer.Ordinal);
        foreach (var id in removed.Where(r => !movedFrom.Contains(r)))
        {
            var review = new ResourceReview(id, null, TypeOf(old[id]), ResourceChangeKind.Removed, UpdateEffect.InPlace, []);
            resources.Add(review);
            if (UpdateBehaviourTable.IsStateful(review.Type))
            {
                flags.Add(new ReviewFlag(ReviewFlagKind.StatefulRemoval, name, id, review.Type, true,
                    $"{id} ({review.Type}) is removed: a stateful resource; {Outcome(old[id]["DeletionPolicy"], "DeletionPolicy")}."));
            }
        }

        resources.AddRange(added.Where(a => !moves.ContainsKey(a)).Select(id => new ResourceReview(id, null, TypeOf(now[id]), ResourceChangeKind.Added, UpdateEffect.InPlace, [])));
        var others = OtherChanges(before.Root, after.Root);
        others.AddRange(OutputsOfReplaced(before, after, resources));
        var metadataOnly = resources.Count == 0 && others.Count == 0 && !TemplateValues.Same(before.Root, after.Root);
        return (new StackReview(name, true, true, resources.OrderBy(r => r.LogicalId, StringComparer.Ordinal).ToList(), others, metadataOnly), flags);
    }

    /// <summary>The resources of a template, without CDK's version reporting resource.</summary>
    private static Dictionary<string, JsonObject> Resources(CfnTemplate? template)
    {
        var resources = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (id, node) in template?.Resources ?? [])
        {
            if (node is JsonObject resource && TypeOf(resource) != CdkMetadataType)
            {
                resources[id] = resource;
            }
        }

        return resources;
    }

    private static string TypeOf(JsonObject resource) => TemplateValues.Text(resource["Type"]) ?? "(no type)";

    /// <summary>A resource whose logical ID changed, with how it was recognized.</summary>
    private readonly record struct Move(string From, string How);

    /// <summary>
    /// Pairs removed and added resources of the same type that are one resource under a new logical ID: the
    /// same construct path, else the same custom name, else (only when exactly one of each) the same properties.
    /// </summary>
    private static Dictionary<string, Move> FindMoves(CfnTemplate before, CfnTemplate after, Dictionary<string, JsonObject> old, Dictionary<string, JsonObject> now, List<string> removed, List<string> added)
    {
        var moves = new Dictionary<string, Move>(StringComparer.Ordinal);
        var free = new HashSet<string>(added, StringComparer.Ordinal);
        foreach (var from in removed)
        {
            var type = TypeOf(old[from]);
            var candidates = free.Where(a => TypeOf(now[a]) == type).Order(StringComparer.Ordinal).ToList();
            var path = before.PathOf(from);
            var nameProperty = UpdateBehaviourTable.CustomNameProperty(type);
            var oldName = nameProperty is null ? null : old[from]["Properties"]?[nameProperty];
            string? to = null;
            string? how = null;
            if (path is not null && candidates.FirstOrDefault(a => after.PathOf(a) == path) is { } samePath)
            {
                (to, how) = (samePath, $"same construct path {path}");
            }
            else if (oldName is not null && candidates.FirstOrDefault(a => TemplateValues.Same(now[a]["Properties"]?[nameProperty!], oldName)) is { } sameName)
            {
                (to, how) = (sameName, $"same {nameProperty}");
            }
            else
            {
                var sameProperties = candidates.Where(a => TemplateValues.Same(now[a]["Properties"], old[from]["Properties"])).ToList();
                var rivals = removed.Count(r => r != from && TypeOf(old[r]) == type && TemplateValues.Same(old[r]["Properties"], old[from]["Properties"]));
                if (sameProperties.Count == 1 && rivals == 0)
                {
                    (to, how) = (sameProperties[0], "same type and properties");
                }
            }

            if (to is not null)
            {
                moves[to] = new Move(from, how!);
                free.Remove(to);
            }
        }

        return moves;
    }

    /// <summary>The changed properties and attributes of a resource present on both sides, with the effect of each change.</summary>
    private static List<PropertyChange> Diff(JsonObject old, JsonObject now)
    {
        var changes = new List<PropertyChange>();
        var type = TypeOf(now);
        if (TypeOf(old) != type)
        {
            changes.Add(new PropertyChange("Type", UpdateEffect.Replaced, $"was {TypeOf(old)}", true));
            return changes;
        }

        var before = old["Properties"] as JsonObject ?? [];
        var after = now["Properties"] as JsonObject ?? [];
        foreach (var property in before.Select(p => p.Key).Union(after.Select(p => p.Key), StringComparer.Ordinal))
        {
            if (!TemplateValues.Same(before[property], after[property]))
            {
                var (effect, cause) = EffectOf(type, property);
                changes.Add(new PropertyChange(property, effect, cause, false));
            }
        }

        foreach (var attribute in Attributes)
        {
            var (a, b) = attribute == "Metadata"
                ? (TemplateValues.Metadata(old[attribute]), TemplateValues.Metadata(now[attribute]))
                : (old[attribute], now[attribute]);
            if (!TemplateValues.Same(a, b))
            {
                changes.Add(new PropertyChange(attribute, UpdateEffect.InPlace,
                    attribute == "Condition" ? "the resource is created or deleted where the condition's value changes" : null, true));
            }
        }

        return changes;
    }

    /// <summary>What a change of the property does: the table's behaviour; custom resources update in place; unknown types may be replaced.</summary>
    private static (UpdateEffect Effect, string? Cause) EffectOf(string type, string property)
    {
        if (type.StartsWith("Custom::", StringComparison.Ordinal) || type == "AWS::CloudFormation::CustomResource")
        {
            return (UpdateEffect.InPlace, null);
        }

        return UpdateBehaviourTable.Of(type, property) is { } effect
            ? (effect, null)
            : (UpdateEffect.MayBeReplaced, $"{type} is not in the update-behaviour table");
    }

    /// <summary>
    /// A property that refers to a replaced resource changes although its text does not (the physical ID and
    /// attributes are new): adds it with its own update behaviour, until nothing more changes.
    /// </summary>
    /// <param name="now">The current resources.</param>
    /// <param name="existing">The resources that exist on both sides (only they are updated; an added one is created).</param>
    /// <param name="changes">The changes so far, by current logical ID; completed here.</param>
    /// <param name="moves">The moved resources (replaced).</param>
    private static void Propagate(Dictionary<string, JsonObject> now, HashSet<string> existing, Dictionary<string, List<PropertyChange>> changes, Dictionary<string, Move> moves)
    {
        var references = new Dictionary<(string Id, string Property), HashSet<string>>();
        foreach (var (id, resource) in now.Where(r => existing.Contains(r.Key)))
        {
            foreach (var (property, value) in resource["Properties"] as JsonObject ?? [])
            {
                var targets = TemplateValues.References(value);
                targets.IntersectWith(now.Keys);
                if (targets.Count > 0)
                {
                    references[(id, property)] = targets;
                }
            }
        }

        UpdateEffect EffectOfResource(string id) =>
            moves.ContainsKey(id) ? UpdateEffect.Replaced : changes.TryGetValue(id, out var list) ? Strongest(list) : UpdateEffect.InPlace;

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var ((id, property), targets) in references)
            {
                var target = targets.Where(t => t != id).Select(t => (Id: t, Effect: EffectOfResource(t)))
                    .Where(t => t.Effect != UpdateEffect.InPlace)
                    .OrderByDescending(t => t.Effect).ThenBy(t => t.Id, StringComparer.Ordinal)
                    .FirstOrDefault();
                if (target.Id is null)
                {
                    continue;
                }

                var list = changes.TryGetValue(id, out var known) ? known : changes[id] = [];
                var current = list.FindIndex(c => !c.IsAttribute && c.Name == property);
                if (current >= 0 && list[current].Cause is null)
                {
                    continue; // its text changed: the change is already there
                }

                var (own, _) = EffectOf(TypeOf(now[id]), property);
                var effect = target.Effect == UpdateEffect.Replaced || own != UpdateEffect.Replaced ? own : UpdateEffect.MayBeReplaced;
                var cause = $"refers to {target.Id}, which {(target.Effect == UpdateEffect.Replaced ? "is" : "may be")} replaced";
                if (current >= 0 && list[current].Effect == effect && list[current].Cause == cause)
                {
                    continue;
                }

                var change = new PropertyChange(property, effect, cause, false);
                if (current >= 0)
                {
                    list[current] = change;
                }
                else
                {
                    list.Add(change);
                }

                changed = true;
            }
        }
    }

    private static UpdateEffect Strongest(List<PropertyChange> changes) =>
        changes.Count == 0 ? UpdateEffect.InPlace : changes.Max(c => c.Effect);

    private static void FlagReplacement(string stack, ResourceReview review, Move? move, JsonObject old, JsonObject now, List<ReviewFlag> flags)
    {
        var certain = review.Effect == UpdateEffect.Replaced;
        var verb = certain ? "is replaced" : "may be replaced";
        var reason = move is { } m
            ? $"logical ID moved from {m.From}, {m.How}"
            : string.Join("; ", review.Properties.Where(p => p.Effect == review.Effect).Select(p => p.Cause is null ? p.Name : $"{p.Name}: {p.Cause}"));
        if (UpdateBehaviourTable.IsStateful(review.Type))
        {
            var outcome = move is not null
                ? Outcome(old["DeletionPolicy"], "DeletionPolicy")
                : Outcome(now["UpdateReplacePolicy"], "UpdateReplacePolicy");
            flags.Add(new ReviewFlag(ReviewFlagKind.StatefulReplacement, stack, review.LogicalId, review.Type, certain,
                $"{review.LogicalId} ({review.Type}) {verb} ({reason}): a stateful resource; {outcome}."));
        }

        if (UpdateBehaviourTable.CustomNameProperty(review.Type) is { } nameProperty
            && now["Properties"]?[nameProperty] is { } name
            && TemplateValues.Same(old["Properties"]?[nameProperty], name))
        {
            var shown = TemplateValues.Text(name) is { } text ? $"\"{text}\"" : "(a computed value)";
            flags.Add(new ReviewFlag(ReviewFlagKind.CustomNameReplacement, stack, review.LogicalId, review.Type, certain,
                $"{review.LogicalId} ({review.Type}) {verb} ({reason}) and keeps its custom name {nameProperty} {shown}: CloudFormation creates the new resource before it deletes the old one, so the name is taken and the update fails; give it a new name, or none."));
        }
    }

    /// <summary>The properties of a <c>CODE_DEPLOY</c> service that ECS updates only through a CodeDeploy deployment.</summary>
    private static readonly string[] CodeDeployOnlyProperties = ["LoadBalancers", "NetworkConfiguration", "PlatformVersion", "TaskDefinition"];

    /// <summary>
    /// A <c>CODE_DEPLOY</c> service updated (not replaced) with a new task definition, load balancers, network
    /// configuration or platform version: ECS's UpdateService refuses them for such a service, so the stack update fails.
    /// </summary>
    private static void FlagCodeDeployUpdate(string stack, ResourceReview review, JsonObject now, List<ReviewFlag> flags)
    {
        if (review.Type != "AWS::ECS::Service" || TemplateValues.Text(now["Properties"]?["DeploymentController"]?["Type"]) != "CODE_DEPLOY")
        {
            return;
        }

        var blocked = review.Properties.Where(p => !p.IsAttribute && CodeDeployOnlyProperties.Contains(p.Name, StringComparer.Ordinal)).ToList();
        if (blocked.Count == 0)
        {
            return;
        }

        // Certain when the text changed or a referenced resource is certainly replaced; a reference to a resource that
        // may be replaced may keep its value.
        var certain = blocked.Any(p => p.Cause is null || p.Cause.EndsWith("which is replaced", StringComparison.Ordinal));
        var what = string.Join(", ", blocked.Select(p => p.Cause is null ? p.Name : $"{p.Name} ({p.Cause})"));
        flags.Add(new ReviewFlag(ReviewFlagKind.CodeDeployServiceUpdate, stack, review.LogicalId, review.Type, certain,
            $"{review.LogicalId} ({review.Type}) uses the CODE_DEPLOY deployment controller and {(certain ? "changes" : "may change")} {what}: ECS refuses to update these " +
            "on such a service (\"Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.\"), " +
            "so the stack update fails; ship the change with a CodeDeploy deployment (an AppSpec naming the new task definition) and keep the service's template values."));
    }

    /// <summary>What happens to the old resource's data under its deletion or replace policy.</summary>
    private static string Outcome(JsonNode? policy, string attribute) => TemplateValues.Text(policy) switch
    {
        "Retain" or "RetainExceptOnCreate" => $"the old one is orphaned ({attribute} Retain): kept in the account with its data, no longer in the stack",
        "Snapshot" => $"a snapshot is taken ({attribute} Snapshot), then the old one is deleted",
        _ => "the old one is deleted with its data",
    };

    private static List<string> OtherChanges(JsonObject before, JsonObject after)
    {
        var changes = new List<string>();
        foreach (var section in Sections)
        {
            var (a, b) = (before[section], after[section]);
            if (a is JsonObject or null && b is JsonObject or null && (a ?? b) is JsonObject && section != "Metadata")
            {
                var x = a as JsonObject ?? [];
                var y = b as JsonObject ?? [];
                foreach (var key in x.Select(e => e.Key).Union(y.Select(e => e.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal))
                {
                    if (IsNoiseEntry(section, key) || TemplateValues.Same(x[key], y[key]))
                    {
                        continue;
                    }

                    changes.Add($"{section}: {key} {(!x.ContainsKey(key) ? "added" : !y.ContainsKey(key) ? "removed" : "changed")}");
                }
            }
            else if (!TemplateValues.Same(section == "Metadata" ? TemplateValues.Metadata(a) : a, section == "Metadata" ? TemplateValues.Metadata(b) : b))
            {
                changes.Add($"{section} changed");
            }
        }

        return changes;
    }

    /// <summary>Outputs whose text is unchanged but whose value changes: they refer to a replaced resource.</summary>
    private static IEnumerable<string> OutputsOfReplaced(CfnTemplate before, CfnTemplate after, List<ResourceReview> resources)
    {
        var replaced = resources.Where(r => r.Kind != ResourceChangeKind.Added && r.Effect != UpdateEffect.InPlace)
            .ToDictionary(r => r.LogicalId, r => r.Effect, StringComparer.Ordinal);
        foreach (var (key, output) in after.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            if (!TemplateValues.Same(before.Outputs[key], output))
            {
                continue; // already listed as changed
            }

            var target = TemplateValues.References(output?["Value"]).Where(replaced.ContainsKey).Order(StringComparer.Ordinal)
                .OrderByDescending(t => replaced[t]).FirstOrDefault();
            if (target is not null)
            {
                yield return $"Outputs: {key} changes (refers to {target}, which {(replaced[target] == UpdateEffect.Replaced ? "is" : "may be")} replaced)";
            }
        }
    }

    /// <summary>The bootstrap version check and the version reporting condition that the CDK adds to every template.</summary>
    private static bool IsNoiseEntry(string section, string key) =>
        (section, key) is ("Parameters", "BootstrapVersion") or ("Rules", "CheckBootstrapVersion") or ("Conditions", "CDKMetadataAvailable");
}
