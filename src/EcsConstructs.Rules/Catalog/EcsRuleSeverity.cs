namespace EcsConstructs.Rules;

/// <summary>How sure a rule is that a deployment would fail.</summary>
public enum EcsRuleSeverity
{
    /// <summary>CloudFormation or ECS would certainly reject the configuration: the finding fails <c>cdk synth</c> and <c>ecs-rules check</c> (exit code 1). Errors cannot be acknowledged.</summary>
    Error,

    /// <summary>The configuration is likely wrong: the finding prints with its id and can be acknowledged with a reason (in code, in template metadata or in an acknowledgement file).</summary>
    Warning,
}
