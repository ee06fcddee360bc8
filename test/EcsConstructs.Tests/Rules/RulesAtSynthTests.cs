using Amazon.CDK;
using EcsConstructs.Rules;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Rules;

/// <summary>
/// What the rules check when an app is synthesized: every stack of the cloud assembly (nested stacks
/// and the stacks of stages included), and the opt-in at <c>cdk synth</c> (<see cref="EcsRules.Synth"/>).
/// </summary>
public sealed class RulesAtSynthTests
{
    private static readonly Amazon.CDK.Environment Ireland = new() { Region = "eu-west-1" };

    [Fact]
    public void The_rules_check_each_stack_of_the_app()
    {
        var app = TestApps.NewApp();
        var first = new L1World(new Stack(app, "First", new StackProps { Env = Ireland }));
        var second = new L1World(new Stack(app, "Second", new StackProps { Env = Ireland }));
        first.Group.MaxSize = "0";
        second.Group.MaxSize = "0";

        RuleFindings.Of(first.Stack).Fired("ECS002", "First/Asg: MaxSize is 0");
        RuleFindings.Of(second.Stack).Fired("ECS002", "Second/Asg: MaxSize is 0");
    }

    [Fact]
    public void The_rules_check_the_stacks_of_a_stage_inside_the_app()
    {
        var app = TestApps.NewApp();
        var world = new L1World(new Stack(new Stage(app, "Prod", new StageProps { Env = Ireland }), "Web"));
        world.Group.MaxSize = "0";

        var report = RuleEngine.Check(EcsConstructs.Rules.Templates.TemplateSet.FromCloudAssembly(app.Synth().Directory));

        Assert.Contains(report.Findings, f => f.RuleId == "ECS002" && f.Template == "Prod/Web" && f.Path == "Prod/Web/Asg");
    }

    [Fact]
    public void The_rules_check_the_resources_of_a_nested_stack_with_their_construct_paths()
    {
        var parent = TestApps.NewStack("Parent");
        var world = new L1World(new NestedStack(parent, "Inner"));
        world.Group.MaxSize = "0";

        RuleFindings.Of(parent).Fired("ECS002", "Parent/Inner/Asg: MaxSize is 0");
    }

    [Fact]
    public void Acknowledge_on_a_construct_writes_the_acknowledgement_into_the_template_where_every_run_point_reads_it()
    {
        var w = new L1World();
        w.Group.MaxSize = "0";
        EcsRules.Acknowledge(w.Group, "ECS002", "The batch group is started by hand.");

        var findings = w.Synth();
        var template = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(findings.AssemblyDirectory, "Test.template.json")))!;

        findings.Silent("ECS002");
        Assert.Contains(findings.Of("ECS002"), a => a.Text.Contains("acknowledged (The batch group is started by hand.)", StringComparison.Ordinal));
        Assert.Equal("""{"acknowledge":[{"id":"ECS002","reason":"The batch group is started by hand."}]}""",
            template["Resources"]!["Asg"]!["Metadata"]!["ecs-rules"]!.ToJsonString());
    }

    [Fact]
    public void Acknowledge_on_a_stack_writes_the_template_metadata_and_merges_with_other_rules()
    {
        var w = new L1World();
        w.Group.MaxSize = "0";
        w.Service.DeploymentConfiguration = new Amazon.CDK.AWS.ECS.CfnService.DeploymentConfigurationProperty { MinimumHealthyPercent = 50, MaximumPercent = 200 };
        EcsRules.Acknowledge(w.Stack, "ECS002", "The batch group is started by hand.");
        EcsRules.Acknowledge(w.Stack, "ECS046", "Rollbacks are handled by the pipeline.");

        var findings = w.Synth();

        findings.Silent("ECS002");
        findings.Silent("ECS046");
        Assert.Equal(2, findings.All.Count(a => a.Text.Contains("acknowledged (", StringComparison.Ordinal)));
    }

    [Fact]
    public void EcsRules_Synth_prints_errors_and_exits_with_code_1()
    {
        var app = TestApps.NewApp();
        var world = new L1World(new Stack(app, "Web", new StackProps { Env = Ireland }));
        world.Service.DeploymentConfiguration = new Amazon.CDK.AWS.ECS.CfnService.DeploymentConfigurationProperty { MinimumHealthyPercent = 100, MaximumPercent = 100 };

        var (exitCode, output) = ProcessState.Capture(() => EcsRules.Synth(app));

        Assert.Equal(1, exitCode);
        Assert.Contains("error [ECS047] Web/Service: with DesiredCount 2, MinimumHealthyPercent 100", output, StringComparison.Ordinal);
        Assert.Contains("ecs-rules: 1 error", output, StringComparison.Ordinal);
    }

    [Fact]
    public void EcsRules_Synth_prints_warnings_and_exits_with_code_0()
    {
        var app = TestApps.NewApp();
        var world = new L1World(new Stack(app, "Web", new StackProps { Env = Ireland }));
        world.Group.MaxSize = "0";

        var (exitCode, output) = ProcessState.Capture(() => EcsRules.Synth(app));

        Assert.Equal(0, exitCode);
        Assert.Contains("warning [ECS002] Web/Asg: MaxSize is 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public void EcsRules_Synth_returns_the_cloud_assembly()
    {
        var app = TestApps.NewApp();
        _ = new L1World(new Stack(app, "Web", new StackProps { Env = Ireland }));

        var (_, _) = ProcessState.Capture(() => Assert.Contains(EcsRules.Synth(app).Stacks, s => s.StackName == "Web"));
    }

    [Fact]
    public void EcsRules_Synth_prints_nothing_when_the_templates_are_clean()
    {
        var app = TestApps.NewApp();
        var world = new L1World(new Stack(app, "Web", new StackProps { Env = Ireland }));

        var (exitCode, output) = ProcessState.Capture(() => EcsRules.Synth(app));

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("ecs-rules", output, StringComparison.Ordinal);
    }

    [Fact]
    public void App_Synth_alone_runs_no_rule()
    {
        var app = TestApps.NewApp();
        var world = new L1World(new Stack(app, "Web", new StackProps { Env = Ireland }));
        world.Group.MaxSize = "0";

        var (exitCode, output) = ProcessState.Capture(() => app.Synth());

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("ECS002", output, StringComparison.Ordinal);
    }
}
