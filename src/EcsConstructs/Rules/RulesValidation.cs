using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using Constructs;

namespace EcsConstructs.Rules;

/// <summary>
/// Runs the rule catalog once per synthesis over every stack under the scope given to
/// <see cref="EcsRules.Apply"/>, in the validation phase (after every aspect, since CDK creates
/// the cluster's capacity provider association in one, and after construct dependencies became
/// <c>DependsOn</c>), and reports findings as CDK annotations on the offending L1 resources:
/// errors (which fail <c>cdk synth</c>), warnings with the rule id (unless acknowledged) and
/// informational "cannot check" notes. It never returns validation errors itself and never throws
/// for a rule's sake: a rule that fails on unexpected input is reported as an info note.
/// </summary>
/// <remarks>
/// A validation on the scope rather than an aspect: an aspect is called back from Node.js for
/// every construct of the tree (about 1 ms per construct), this is called once.
/// </remarks>
internal sealed class RulesValidation : DeputyBase, IValidation
{
    private readonly IConstruct _scope;
    private readonly string _scopePath;
    private readonly HashSet<string> _checked = new(StringComparer.Ordinal);

    public RulesValidation(IConstruct scope)
    {
        _scope = scope;
        _scopePath = scope.Node.Path;
    }

    public string[] Validate()
    {
        foreach (var stack in StacksInScope())
        {
            // A stack is checked once per app even if synthesis runs twice.
            if (_checked.Add(stack.Node.Path))
            {
                Check(stack);
            }
        }

        return [];
    }

    /// <summary>
    /// The stacks to check: for an app or stage, its stacks and their nested stacks (not the stacks
    /// of a nested stage, which synthesizes on its own: apply the rules to that stage); for a
    /// stack, the stack and its nested stacks; for another construct, its stack.
    /// </summary>
    private IEnumerable<Stack> StacksInScope()
    {
        if (_scope is not Stage and not Stack)
        {
            return [Stack.Of(_scope)];
        }

        var all = _scope.Node.FindAll();
        var nestedStages = all.OfType<Stage>().Where(s => !ReferenceEquals(s, _scope)).Select(s => s.Node.Path + "/").ToList();
        return all.OfType<Stack>()
            .Where(s => nestedStages.Count == 0 || !nestedStages.Any(n => s.Node.Path.StartsWith(n, StringComparison.Ordinal)));
    }

    private void Check(Stack stack)
    {
        var scopeIsStack = _scope is Stage or Stack;
        var index = TemplateIndex.Build(stack);
        foreach (var path in index.Unreadable.Where(p => scopeIsStack || InScope(p)))
        {
            Annotations.Of(stack).AddInfo($"[EcsRules] {path}: properties could not be resolved; the rules skip this resource.");
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
                Annotations.Of(stack).AddInfo($"[{entry.Rule.Id}] not checked: the rule failed on this stack ({e.GetType().Name}: {e.Message}).");
                continue;
            }

            foreach (var finding in findings.Where(f => scopeIsStack || InScope(f.Resource.Path)).DistinctBy(f => (f.Resource.Path, f.Message)))
            {
                Report(entry.Rule, finding);
            }
        }
    }

    private bool InScope(string path) =>
        path == _scopePath || path.StartsWith(_scopePath + "/", StringComparison.Ordinal);

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
