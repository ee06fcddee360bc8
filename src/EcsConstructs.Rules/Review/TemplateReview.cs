using EcsConstructs.Rules.Templates;

namespace EcsConstructs.Rules.Review;

/// <summary>
/// Compares a baseline set of templates with the current one, stack by stack, and says what a
/// deployment of the current templates does to each resource: added, removed, updated in place,
/// replaced (naming the property that forces it), or may be replaced. The same review backs
/// <c>ecs-rules diff</c> and the snapshot mismatch messages of EcsConstructs.Testing.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><description>Update behaviour per top-level property comes from CloudFormation's resource
/// database (the AWS CDK's <c>@aws-cdk/aws-service-spec</c>, compiled in); a changed <c>Type</c> replaces
/// the resource; a type the database does not know may be replaced; a <c>Custom::</c> resource is updated
/// in place (its provider decides).</description></item>
/// <item><description>A property that refers (<c>Ref</c>, <c>Fn::GetAtt</c>, <c>Fn::Sub</c>) to a replaced
/// resource changes too, even when its template text does not: a listener whose <c>LoadBalancerArn</c>
/// refers to a replaced load balancer is replaced. This is followed transitively.</description></item>
/// <item><description>A removed and an added resource of the same type with the same construct path
/// (<c>aws:cdk:path</c>), the same custom name, or (templates without construct paths, such as snapshots)
/// the same properties, are one resource whose logical ID moved: a replacement.</description></item>
/// <item><description>Noise is ignored: <c>aws:cdk:</c> and <c>aws:asset:</c> metadata, the <c>CDKMetadata</c>
/// resource, the bootstrap version parameter and rule, key order, and 64-hex asset hashes where the other
/// side has a snapshot's <c>[ASSET_HASH]</c>.</description></item>
/// </list>
/// </remarks>
public static class TemplateReview
{
    /// <summary>
    /// Reviews the change from <paramref name="baseline"/> to <paramref name="current"/>. Stacks are matched
    /// by display name (cloud assemblies, <c>/</c> read as <c>-</c>) or file name without <c>.template.json</c>
    /// (template files and snapshot folders), so snapshots match a <c>cdk.out</c>; when each side has one
    /// template, the two are compared whatever their names.
    /// </summary>
    /// <param name="baseline">The templates deployed now (or the committed snapshots).</param>
    /// <param name="current">The templates to deploy.</param>
    /// <returns>The review.</returns>
    public static ReviewReport Compare(TemplateSet baseline, TemplateSet current)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        return CompareAs(baseline, current, string.Join(' ', baseline.TemplateNames), string.Join(' ', current.TemplateNames));
    }

    /// <summary>Reviews the change, naming the two sides as given (for the report's header).</summary>
    internal static ReviewReport CompareAs(TemplateSet baseline, TemplateSet current, string baselineName, string currentName)
    {
        var before = baseline.Templates;
        var after = current.Templates;
        var pairs = new List<(string Name, CfnTemplate? Before, CfnTemplate? After)>();
        if (before.Count == 1 && after.Count == 1)
        {
            pairs.Add((StackName(after[0]), before[0], after[0]));
        }
        else
        {
            var byName = before.GroupBy(StackName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var matched = new HashSet<string>(StringComparer.Ordinal);
            foreach (var template in after)
            {
                var name = StackName(template);
                if (matched.Add(name))
                {
                    pairs.Add((name, byName.GetValueOrDefault(name), template));
                }
            }

            pairs.AddRange(byName.Where(b => !matched.Contains(b.Key)).Select(b => (b.Key, (CfnTemplate?)b.Value, (CfnTemplate?)null)));
        }

        var stacks = new List<StackReview>();
        var flags = new List<ReviewFlag>();
        foreach (var (name, old, now) in pairs.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var (stack, stackFlags) = StackComparison.Compare(name, old, now);
            stacks.Add(stack);
            flags.AddRange(stackFlags);
        }

        return new ReviewReport(baselineName, currentName, stacks, flags.OrderByDescending(f => f.IsCertain).ToList());
    }

    /// <summary>
    /// How stacks are matched and named: a cloud assembly's stack by its display name and a nested stack by
    /// its path, with <c>/</c> as <c>-</c> (<c>Prod/Web</c> is <c>Prod-Web</c>, the default snapshot name); a
    /// template file by its file name without <c>.template.json</c>, <c>.received.json</c> or its extension.
    /// So a folder of snapshots matches a <c>cdk.out</c> of the same app.
    /// </summary>
    private static string StackName(CfnTemplate template)
    {
        if (template.StackName is not null || template.Parent is not null)
        {
            return template.Name.Replace('/', '-');
        }

        var file = Path.GetFileName(template.FilePath);
        foreach (var suffix in Suffixes)
        {
            if (file.Length > suffix.Length && file.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return file[..^suffix.Length];
            }
        }

        return file;
    }

    private static readonly string[] Suffixes = [".template.json", ".received.json", ".template.yaml", ".template.yml", ".json", ".yaml", ".yml", ".template"];
}
