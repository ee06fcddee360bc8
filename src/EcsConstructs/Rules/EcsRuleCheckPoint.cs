namespace EcsConstructs.Rules;

/// <summary>Where a rule of <see cref="EcsRules.Catalog"/> is checked; a rule may be checked at both points.</summary>
[Flags]
public enum EcsRuleCheckPoint
{
    /// <summary>
    /// When a construct of this library is created (or a method such as
    /// <c>AllowEfsAccessFrom</c> is called): invalid input throws an
    /// <see cref="Validation.EcsValidationException"/> carrying the rule id, whatever the rule's
    /// severity. No call to <see cref="EcsRules.Apply"/> is needed.
    /// </summary>
    Construction = 1,

    /// <summary>
    /// At <c>cdk synth</c>, over the L1 resources of every stack, once <see cref="EcsRules.Apply"/>
    /// was called: findings are reported with the rule's severity, for this library's constructs and
    /// raw CDK alike.
    /// </summary>
    Synthesis = 2,
}
