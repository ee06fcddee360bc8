using Amazon.CDK;
using EcsConstructs.Rules;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Rules;

/// <summary>
/// No rule fires on the examples, except ECS044, acknowledged here with its reason: the
/// examples keep managed termination protection (so scale-in never kills tasks) and do not opt
/// into force deletion of their groups.
/// </summary>
public sealed class ExamplesRulesTests
{
    public const string Ecs044Reason =
        "Example stack: managed termination protection is kept on purpose; before deleting, set Ec2CapacityOptions.ForceDeleteOnStackDeletion or scale the service to 0.";

    public static TheoryData<string> Examples => new() { "NginxWalkthrough", "MixedCapacity", "StepScalingWalkthrough" };

    [Theory]
    [MemberData(nameof(Examples))]
    public void No_rule_fires_on_the_example_beyond_the_acknowledged_ECS044(string example)
    {
        var app = TestApps.NewApp();
        Stack stack = example switch
        {
            "NginxWalkthrough" => NginxWalkthrough.NginxWalkthroughApp.Build(app),
            "MixedCapacity" => MixedCapacity.MixedCapacityApp.Build(app),
            _ => StepScalingWalkthrough.StepScalingWalkthroughApp.Build(app),
        };
        EcsRules.Acknowledge(stack, "ECS044", Ecs044Reason);

        var findings = RuleFindings.Of(stack);

        Assert.Empty(findings.Findings);
        Assert.Contains(findings.Of("ECS044"), a => a.Level == "info" && a.Text.Contains("acknowledged (Example stack", StringComparison.Ordinal));
    }
}
