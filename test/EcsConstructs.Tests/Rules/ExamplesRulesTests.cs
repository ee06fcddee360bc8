using Amazon.CDK;
using EcsConstructs.Rules;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Rules;

/// <summary>
/// No rule fires on the examples (their Program.cs applies the rules to every synth). They keep
/// managed termination protection and opt into force deletion of their groups, so ECS044 is
/// satisfied rather than acknowledged.
/// </summary>
public sealed class ExamplesRulesTests
{
    public static TheoryData<string> Examples => new() { "NginxWalkthrough", "MixedCapacity", "StepScalingWalkthrough", "FargateWorker", "ExistingInfrastructure" };

    [Theory]
    [MemberData(nameof(Examples))]
    public void No_rule_fires_on_the_example(string example)
    {
        var app = TestApps.NewApp();
        Stack stack = example switch
        {
            "NginxWalkthrough" => NginxWalkthrough.NginxWalkthroughApp.Build(app),
            "MixedCapacity" => MixedCapacity.MixedCapacityApp.Build(app),
            "FargateWorker" => FargateWorker.FargateWorkerApp.Build(app),
            "ExistingInfrastructure" => ExistingInfrastructure.ExistingInfrastructureApp.Build(app),
            _ => StepScalingWalkthrough.StepScalingWalkthroughApp.Build(app),
        };
        var findings = RuleFindings.Of(stack);

        Assert.Empty(findings.Findings);
        Assert.Empty(findings.Of("ECS044"));
    }

    [Fact]
    public void No_rule_fires_on_any_stack_of_the_multi_stack_example()
    {
        var stacks = MultiStack.MultiStackApp.Build(TestApps.NewApp()).All;
        EcsRules.Apply(stacks[0].Node.Root);

        foreach (var stack in stacks)
        {
            var findings = RuleFindings.Of(stack, apply: false);
            Assert.True(!findings.Findings.Any(), $"{stack.StackName}:\n{findings.Dump()}");
            Assert.Empty(findings.Of("ECS044"));
        }
    }

    [Fact]
    public void Imported_infrastructure_example_synthesizes_with_the_rules_without_any_warning()
    {
        // The rules walk a stack whose VPC, cluster, capacity provider and listener are imported: nothing
        // throws, and neither the rules nor CDK itself (e.g. subnets without route tables) warn.
        var findings = RuleFindings.Of(ExistingInfrastructure.ExistingInfrastructureApp.Build(TestApps.NewApp()));

        Assert.True(findings.All.All(a => a.Level == "info"), findings.Dump());
    }
}
