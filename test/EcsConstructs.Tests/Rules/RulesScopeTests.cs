using Amazon.CDK;
using EcsConstructs.Rules;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Rules;

/// <summary>Which stacks <see cref="EcsRules.Apply"/> checks, depending on the scope it is given.</summary>
public sealed class RulesScopeTests
{
    private static readonly Amazon.CDK.Environment Ireland = new() { Region = "eu-west-1" };

    [Fact]
    public void Rules_applied_to_the_app_check_each_of_its_stacks()
    {
        var app = TestApps.NewApp();
        var first = new L1World(new Stack(app, "First", new StackProps { Env = Ireland }));
        var second = new L1World(new Stack(app, "Second", new StackProps { Env = Ireland }));
        first.Group.MaxSize = "0";
        second.Group.MaxSize = "0";
        EcsRules.Apply(app);

        RuleFindings.Of(first.Stack, apply: false).Fired("ECS002", "First/Asg: MaxSize is 0");
        RuleFindings.Of(second.Stack, apply: false).Fired("ECS002", "Second/Asg: MaxSize is 0");
    }

    [Fact]
    public void Rules_applied_to_a_stage_check_the_stacks_of_that_stage()
    {
        var stage = new Stage(TestApps.NewApp(), "Prod", new StageProps { Env = Ireland });
        var world = new L1World(new Stack(stage, "Web"));
        world.Group.MaxSize = "0";
        EcsRules.Apply(stage);

        RuleFindings.Of(world.Stack, apply: false).Fired("ECS002", "Prod/Web/Asg: MaxSize is 0");
    }

    [Fact]
    public void Rules_applied_to_a_nested_stack_check_its_resources()
    {
        var parent = TestApps.NewStack("Parent");
        var world = new L1World(new NestedStack(parent, "Inner"));
        world.Group.MaxSize = "0";
        EcsRules.Apply(world.Stack);

        RuleFindings.Of(parent, apply: false).Fired("ECS002", "Parent/Inner/Asg: MaxSize is 0");
    }

    [Theory]
    [InlineData("app")]
    [InlineData("parent stack")]
    public void Rules_applied_to_the_app_or_the_parent_stack_check_a_nested_stack_too(string scope)
    {
        var parent = TestApps.NewStack("Parent");
        var world = new L1World(new NestedStack(parent, "Inner"));
        world.Group.MaxSize = "0";
        EcsRules.Apply(scope == "app" ? parent.Node.Root : parent);

        RuleFindings.Of(parent, apply: false).Fired("ECS002", "Parent/Inner/Asg: MaxSize is 0");
    }

    [Fact]
    public void Rules_applied_to_the_app_leave_a_nested_stage_to_its_own_apply()
    {
        // A nested stage synthesizes before its app validates; rules applied to the app cannot
        // report into the stage's assembly, so they do not check it (apply them to the stage).
        var app = TestApps.NewApp();
        var world = new L1World(new Stack(new Stage(app, "Prod", new StageProps { Env = Ireland }), "Web"));
        world.Group.MaxSize = "0";
        EcsRules.Apply(app);

        var assembly = app.Synth();

        var nested = assembly.NestedAssemblies.Single();
        Assert.DoesNotContain(nested.NestedAssembly.GetStackArtifact(world.Stack.ArtifactId).Messages, m => m.Entry.Data?.ToString()?.StartsWith("[ECS", StringComparison.Ordinal) == true);
    }
}
