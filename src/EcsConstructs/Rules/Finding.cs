namespace EcsConstructs.Rules;

/// <summary>One rule finding on one resource; <see cref="Info"/> marks a "cannot check" note.</summary>
internal sealed record Finding(CfnEntry Resource, string Message, bool Info = false);

/// <summary>
/// A rule of the catalog with its evaluation over a stack's resources; null for a rule checked at
/// construction only (its checks live in the constructors and throw <see cref="Validation.EcsValidationException"/>).
/// </summary>
internal sealed record RuleEntry(EcsRule Rule, Func<TemplateIndex, IEnumerable<Finding>>? Evaluate);
