using Amazon.CDK;
using Amazon.CDK.CXAPI;
using EcsConstructs.Rules;

namespace EcsConstructs.Tests.Rules;

/// <summary>One annotation of a synthesized stack.</summary>
internal sealed record Annotation(string Level, string Path, string Text);

/// <summary>
/// Applies the rules to a stack's app, synthesizes the app once (a stack with an EcsCluster
/// cannot be synthesized twice) and collects the stack's annotations from the assembly.
/// </summary>
internal sealed class RuleFindings
{
    private RuleFindings(List<Annotation> all, CloudAssembly assembly)
    {
        All = all;
        Assembly = assembly;
    }

    public IReadOnlyList<Annotation> All { get; }

    public CloudAssembly Assembly { get; }

    /// <summary>Errors and warnings of the rules (not info notes).</summary>
    public IEnumerable<Annotation> Findings => All.Where(a => a.Level != "info" && a.Text.StartsWith("[ECS", StringComparison.Ordinal));

    public static RuleFindings Of(Stack stack, bool apply = true)
    {
        if (apply)
        {
            EcsRules.Apply(stack.Node.Root);
        }

        var assembly = Stage.Of(stack)!.Synth();
        var artifact = assembly.GetStackArtifact(stack.ArtifactId);
        var all = artifact.Messages.Select(m => new Annotation(
            m.Level switch { SynthesisMessageLevel.ERROR => "error", SynthesisMessageLevel.WARNING => "warning", _ => "info" },
            m.Id,
            Convert.ToString(m.Entry.Data, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)).ToList();
        return new RuleFindings(all, assembly);
    }

    /// <summary>The findings of one rule.</summary>
    public List<Annotation> Of(string ruleId) => All.Where(a => a.Text.StartsWith($"[{ruleId}]", StringComparison.Ordinal)).ToList();

    /// <summary>Asserts the rule fired with its severity and a message containing <paramref name="fragment"/>; returns the finding.</summary>
    public Annotation Fired(string ruleId, string fragment)
    {
        var rule = EcsRules.Catalog.Single(r => r.Id == ruleId);
        var level = rule.Severity == EcsRuleSeverity.Error ? "error" : "warning";
        var found = Of(ruleId).Where(a => a.Level == level).ToList();
        Assert.True(found.Count > 0, $"{ruleId} did not fire. Annotations:\n{Dump()}");
        var match = found.FirstOrDefault(a => a.Text.Contains(fragment, StringComparison.Ordinal));
        Assert.True(match is not null, $"{ruleId} fired without '{fragment}':\n{string.Join("\n", found.Select(f => f.Text))}");
        Assert.Contains("Fix: ", match!.Text, StringComparison.Ordinal);
        return match;
    }

    /// <summary>Asserts the rule reported nothing (errors or warnings).</summary>
    public void Silent(string ruleId) =>
        Assert.True(Of(ruleId).All(a => a.Level == "info"), $"{ruleId} fired:\n{string.Join("\n", Of(ruleId).Select(f => f.Text))}");

    /// <summary>
    /// Asserts that no rule reported an error or a warning, and that ECS044 was not merely
    /// acknowledged (the examples opt into force deletion instead).
    /// </summary>
    public void AssertClean(string? label = null)
    {
        Assert.True(!Findings.Any(), $"{label}{(label is null ? string.Empty : ":\n")}{Dump()}");
        Assert.Empty(Of("ECS044"));
    }

    public string Dump() => string.Join("\n", All.Select(a => $"{a.Level} {a.Path}: {a.Text}"));
}
