using EcsConstructs.Rules.Model;

namespace EcsConstructs.Rules.Engine;

/// <summary>What a rule's evaluation reports on one resource; <see cref="Info"/> marks a "cannot check" note.</summary>
internal sealed record Finding(CfnEntry Resource, string Message, bool Info = false);

/// <summary>
/// A rule of the catalog with its evaluation over the indexed templates; null for a rule checked at
/// construction only (its checks live in the library's constructors and throw <c>EcsValidationException</c>).
/// </summary>
internal sealed record RuleEntry(EcsRule Rule, Func<TemplateIndex, IEnumerable<Finding>>? Evaluate);
