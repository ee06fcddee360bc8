using Amazon.CDK;
using EcsConstructs.Rules;
using EcsConstructs.Rules.Templates;

namespace EcsConstructs.Tests.Rules;

/// <summary>One finding of the rules, as the tests read it.</summary>
internal sealed record Annotation(string Level, string Path, string Text);

/// <summary>
/// Synthesizes a stack's app once (a stack with an EcsCluster cannot be synthesized twice) and
/// runs the rule engine over the whole cloud assembly, as <c>cdk synth</c> with
/// <c>EcsRules.AppProps()</c> and <c>ecs-rules check cdk.out</c> do; keeps the findings on the
/// stack's template and its nested stacks.
/// </summary>
internal sealed class RuleFindings
{
    private RuleFindings(List<Annotation> all, RuleReport report, string assemblyDirectory)
    {
        All = all;
        Report = report;
        AssemblyDirectory = assemblyDirectory;
    }

    /// <summary>The cloud assembly the rules read (the stage's synthesis).</summary>
    public string AssemblyDirectory { get; }

    /// <summary>Every finding on the stack: errors, warnings, acknowledged warnings and notes (level "info").</summary>
    public IReadOnlyList<Annotation> All { get; }

    /// <summary>The engine's report over the whole assembly.</summary>
    public RuleReport Report { get; }

    /// <summary>Errors and warnings of the rules (not notes, not acknowledged warnings).</summary>
    public IEnumerable<Annotation> Findings => All.Where(a => a.Level != "info");

    public static RuleFindings Of(Stack stack)
    {
        var assembly = Stage.Of(stack)!.Synth();
        var report = RuleEngine.Check(TemplateSet.FromCloudAssembly(assembly.Directory));
        var name = stack.Node.Path;
        var all = report.Findings
            .Where(f => f.Template == name || f.Template.StartsWith(name + "/", StringComparison.Ordinal))
            .Select(f => new Annotation(
                f.Severity switch { FindingSeverity.Error => "error", FindingSeverity.Warning when !f.IsAcknowledged => "warning", _ => "info" },
                f.Path,
                f.ToString()))
            .ToList();
        return new RuleFindings(all, report, assembly.Directory);
    }

    /// <summary>The findings of one rule.</summary>
    public List<Annotation> Of(string ruleId) => All.Where(a => a.Text.StartsWith($"[{ruleId}]", StringComparison.Ordinal)).ToList();

    /// <summary>Asserts the rule fired with its severity and a message containing <paramref name="fragment"/>; returns the finding.</summary>
    public Annotation Fired(string ruleId, string fragment)
    {
        var rule = RuleCatalog.Find(ruleId)!;
        var level = rule.Severity == EcsRuleSeverity.Error ? "error" : "warning";
        var found = Of(ruleId).Where(a => a.Level == level).ToList();
        Assert.True(found.Count > 0, $"{ruleId} did not fire. Findings:\n{Dump()}");
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

    /// <summary>Runs the <c>ecs-rules</c> tool as a process on the cloud assembly and asserts it reports no error and no warning.</summary>
    public void AssertToolClean()
    {
        var (exit, output, error) = EcsConstructs.Rules.Tests.Support.EcsRulesTool.Run("check", AssemblyDirectory);
        Assert.True(exit == 0 && error.Length == 0, $"exit {exit}\n{output}{error}");
        Assert.Matches(@"^ecs-rules: 0 errors, 0 warnings(, \d+ notes?)? in \d+ templates?\.$", output.Trim());
    }

    public string Dump() => string.Join("\n", All.Select(a => $"{a.Level} {a.Path}: {a.Text}"));
}
