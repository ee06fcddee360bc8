namespace EcsConstructs.Rules;

/// <summary>Where a rule of <see cref="RuleCatalog.Rules"/> is checked; a rule may be checked at both points.</summary>
[Flags]
public enum EcsRuleCheckPoint
{
    /// <summary>
    /// When a construct of the EcsConstructs library is created (or a method such as
    /// <c>AllowEfsAccessFrom</c> is called): invalid input throws an <c>EcsValidationException</c>
    /// carrying the rule id, whatever the rule's severity. Nothing needs to be enabled.
    /// </summary>
    Construction = 1,

    /// <summary>
    /// Over the synthesized CloudFormation templates (<see cref="RuleEngine"/>): at <c>cdk synth</c>
    /// when the app opts in (<c>EcsRules.Synth(app)</c> in place of <c>app.Synth()</c>), with <c>ecs-rules check</c> on any
    /// cloud assembly or template, and in tests. Findings are reported with the rule's severity, for
    /// the library's constructs, raw CDK, overrides and hand-written templates alike.
    /// </summary>
    Synthesis = 2,
}
