using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using EcsConstructs.Rules.Templates;

namespace EcsConstructs.Rules;

/// <summary>
/// Checks CloudFormation templates against every synthesis rule of the catalog
/// (<see cref="RuleCatalog.Rules"/>): plain .NET over the template JSON, the same engine behind
/// <c>cdk synth</c> (the library's <c>EcsRules.Synth</c>), the <c>ecs-rules</c> command-line tool
/// and the tests. The templates of a set are read together, so rules see across stacks.
/// </summary>
/// <remarks>
/// A value the resolver cannot know (<see cref="Resolver"/>) never produces a finding; a resource
/// whose existence depends on an unknown condition is used as evidence but gets no finding itself.
/// A rule that fails on unexpected input is reported as an info note, never as an error.
/// </remarks>
public static class RuleEngine
{
    /// <summary>
    /// Starts checking a representative template (the nginx walkthrough's, embedded) on a thread-pool
    /// thread, so that .NET loads and compiles the engine while the caller waits for something else:
    /// <c>EcsRules.Synth</c> calls it before <c>app.Synth()</c>, which spends its time in Node.js. The
    /// check that follows then runs warm (milliseconds instead of a cold start's 100-250 ms).
    /// </summary>
    /// <returns>The warm-up; it never fails (a failure only means the check runs cold).</returns>
    internal static Task WarmUp() => Task.Run(() =>
    {
        try
        {
            using var stream = typeof(RuleEngine).Assembly.GetManifestResourceStream("EcsConstructs.Rules.WarmUp.template.json");
            if (stream is not null)
            {
                using var reader = new StreamReader(stream);
                _ = Check(TemplateSet.FromText(reader.ReadToEnd(), "warm-up.template.json", "eu-west-1", "WarmUp")).ToText();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Nothing to do: the real check compiles what it needs itself.
        }
    });

    /// <summary>Checks every template of <paramref name="templates"/>.</summary>
    /// <param name="templates">The templates, read together.</param>
    /// <param name="acknowledgements">Acknowledgements beyond those in the templates' metadata (e.g. from a file); default none.</param>
    /// <returns>The findings, ordered by template, resource and rule.</returns>
    public static RuleReport Check(TemplateSet templates, IReadOnlyList<Acknowledgement>? acknowledgements = null)
    {
        ArgumentNullException.ThrowIfNull(templates);
        acknowledgements ??= [];
        var index = new TemplateIndex(templates);
        var findings = new List<RuleFinding>();
        foreach (var entry in RuleCatalog.Entries)
        {
            if (entry.Evaluate is not { } evaluate)
            {
                continue; // checked at construction only
            }

            List<Finding> raw;
            try
            {
                raw = evaluate(index).ToList();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var first = index.Templates[0];
                findings.Add(new RuleFinding(entry.Rule, FindingSeverity.Info, first.Name, first.FilePath, string.Empty, string.Empty, first.Name,
                    $"not checked: the rule failed on these templates ({e.GetType().Name}: {e.Message}).", null, null));
                continue;
            }

            foreach (var finding in raw.DistinctBy(f => (f.Resource.Key, f.Message)))
            {
                if (!finding.Info && finding.Resource.Exists is null)
                {
                    continue; // the resource may not exist (its condition is unknown): never a finding
                }

                var severity = finding.Info ? FindingSeverity.Info : entry.Rule.Severity == EcsRuleSeverity.Error ? FindingSeverity.Error : FindingSeverity.Warning;
                var acknowledged = severity == FindingSeverity.Warning ? Acknowledgement.Find(finding.Resource, entry.Rule.Id, acknowledgements) : null;
                var resource = finding.Resource;
                findings.Add(new RuleFinding(entry.Rule, severity, resource.Template.Name, resource.Template.FilePath, resource.LogicalId, resource.Type,
                    resource.Path, finding.Message, acknowledged, resource.Template.LineOf(resource.LogicalId)));
            }
        }

        var order = index.Templates.Select((t, i) => (t.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        return new RuleReport(
            findings.OrderBy(f => order.GetValueOrDefault(f.Template)).ThenBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.RuleId, StringComparer.Ordinal).ToList(),
            index.Templates.Select(t => t.Name).ToList());
    }
}
