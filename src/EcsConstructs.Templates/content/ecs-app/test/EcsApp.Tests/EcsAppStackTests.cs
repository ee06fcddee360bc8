using Amazon.CDK;
using EcsConstructs.Rules;
using EcsConstructs.Rules.Templates;
using EcsConstructs.Testing;

namespace EcsApp.Tests;

public sealed class EcsAppStackTests
{
    [Fact]
    public void The_stack_matches_its_reviewed_snapshot()
    {
        var stack = EcsAppStack.Build(NewApp());

        SnapshotAssert.MatchesSnapshot(stack);
    }

    [Fact]
    public void No_rule_reports_an_error_or_a_warning()
    {
        var app = NewApp();
        EcsAppStack.Build(app);

        var report = RuleEngine.Check(TemplateSet.FromCloudAssembly(app.Synth().Directory));

        Assert.True(!report.Errors.Any() && !report.Warnings.Any(), report.ToText());
    }

    /// <summary>The app as `cdk synth` builds it: with the feature flags of the app's cdk.json.</summary>
    private static App NewApp() => CdkJson.NewApp();
}
