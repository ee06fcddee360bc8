using EcsConstructs.Rules;

namespace EcsConstructs.Validation;

/// <summary>
/// The one exception type the library throws for invalid input, when a construct is created. It
/// names the rule of <see cref="RuleCatalog.Rules"/> it enforces, and its message always starts
/// with that id and the construct path, then names the property, the offending value and what is
/// allowed (<c>[ECS038] App/Task: MemoryMiB: …</c>, the shape of the synthesis findings), so that
/// a failed <c>cdk synth</c> says exactly what to change and where the rule is documented.
/// </summary>
public sealed class EcsValidationException : Exception
{
    /// <summary>Creates the exception for a property of the construct at <paramref name="constructPath"/>.</summary>
    /// <param name="ruleId">The id of the catalog rule the check enforces (e.g. <c>ECS038</c>); the rule must be
    /// checked at <see cref="EcsRuleCheckPoint.Construction"/>.</param>
    /// <param name="constructPath">The construct path (<c>Node.Path</c>) whose input is invalid.</param>
    /// <param name="propertyName">The name of the props property at fault (e.g. <c>DesiredCount</c>).</param>
    /// <param name="problem">What is wrong and what is allowed, as a sentence.</param>
    /// <exception cref="ArgumentException"><paramref name="ruleId"/> is not in the catalog, or names a rule that is not checked at construction.</exception>
    public EcsValidationException(string ruleId, string constructPath, string propertyName, string problem)
        : base($"[{ruleId}] {constructPath}: {propertyName}: {problem}")
    {
        Rule = Find(ruleId);
        ConstructPath = constructPath;
        PropertyName = propertyName;
        Problem = problem;
    }

    /// <summary>The id of the rule the check enforces, e.g. <c>ECS038</c>.</summary>
    public string RuleId => Rule.Id;

    /// <summary>The catalog entry of the rule: its title, the deploy-time message it prevents and the fix.</summary>
    public EcsRule Rule { get; }

    /// <summary>The construct path whose input is invalid.</summary>
    public string ConstructPath { get; }

    /// <summary>The props property at fault.</summary>
    public string PropertyName { get; }

    /// <summary>What is wrong and what is allowed.</summary>
    public string Problem { get; }

    private static EcsRule Find(string ruleId)
    {
        var rule = RuleCatalog.Find(ruleId)
            ?? throw new ArgumentException($"'{ruleId}' is not a rule id of RuleCatalog.Rules; every EcsValidationException names the rule it enforces.", nameof(ruleId));
        if (!rule.CheckedAt.HasFlag(EcsRuleCheckPoint.Construction))
        {
            throw new ArgumentException($"{ruleId} is checked at synthesis only; an EcsValidationException names a rule checked at construction.", nameof(ruleId));
        }

        return rule;
    }
}
