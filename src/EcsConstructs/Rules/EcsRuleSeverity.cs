namespace EcsConstructs.Rules;

/// <summary>How sure a rule is that a deployment would fail.</summary>
public enum EcsRuleSeverity
{
    /// <summary>CloudFormation or ECS would certainly reject the configuration: the finding fails <c>cdk synth</c> (a CDK error annotation).</summary>
    Error,

    /// <summary>The configuration is likely wrong: the finding prints as a CDK warning and can be acknowledged with <see cref="EcsRules.Acknowledge"/>.</summary>
    Warning,
}
