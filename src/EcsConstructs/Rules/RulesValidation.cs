using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using Constructs;

namespace EcsConstructs.Rules;

/// <summary>
/// Runs the rule catalog over one stack once per synthesis, in the validation phase, and
/// reports findings as CDK annotations on the offending L1 resources: errors (which fail
/// <c>cdk synth</c>), warnings with the rule id (unless acknowledged) and informational
/// "cannot check" notes. It never returns validation errors itself and never throws for a
/// rule's sake: a rule that fails on unexpected input is reported as an info note.
/// </summary>
internal sealed class RulesValidation : DeputyBase, IValidation
{
    private readonly Stack _stack;
    private readonly string _scopePath;
    private bool _done;

    public RulesValidation(Stack stack, string scopePath)
    {
        _stack = stack;
        _scopePath = scopePath;
    }

    public string[] Validate()
    {
        if (_done)
        {
            return [];
        }

        _done = true;
        var index = TemplateIndex.Build(_stack);
        foreach (var path in index.Unreadable.Where(InScope))
        {
            Annotations.Of(_stack).AddInfo($"[EcsRules] {path}: properties could not be resolved; the rules skip this resource.");
        }

        foreach (var entry in RuleCatalog.Entries)
        {
            if (entry.Evaluate is not { } evaluate)
            {
                continue; // checked at construction only
            }

            List<Finding> findings;
            try
            {
                findings = evaluate(index).ToList();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Annotations.Of(_stack).AddInfo($"[{entry.Rule.Id}] not checked: the rule failed on this stack ({e.GetType().Name}: {e.Message}).");
                continue;
            }

            foreach (var finding in findings.Where(f => InScope(f.Resource.Path)).DistinctBy(f => (f.Resource.Path, f.Message)))
            {
                Report(entry.Rule, finding);
            }
        }

        return [];
    }

    private bool InScope(string path) =>
        _scopePath.Length == 0 || path == _scopePath || path.StartsWith(_scopePath + "/", StringComparison.Ordinal);

    private static void Report(EcsRule rule, Finding finding)
    {
        var construct = finding.Resource.Cfn;
        var text = $"[{rule.Id}] {finding.Resource.Path}: {finding.Message}";
        if (finding.Info)
        {
            Annotations.Of(construct).AddInfo(text);
            return;
        }

        text += $" Fix: {rule.Fix}";
        if (rule.Severity == EcsRuleSeverity.Error)
        {
            Annotations.Of(construct).AddError(text);
            return;
        }

        if (Acknowledgements.Find(construct, rule.Id) is { } reason)
        {
            Annotations.Of(construct).AddInfo($"[{rule.Id}] {finding.Resource.Path}: acknowledged ({reason}): {finding.Message}");
            return;
        }

        Annotations.Of(construct).AddWarningV2(rule.Id, text);
    }
}
