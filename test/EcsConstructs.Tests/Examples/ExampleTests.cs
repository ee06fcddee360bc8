using EcsConstructs.Testing;

namespace EcsConstructs.Tests.Examples;

/// <summary>
/// What every single-stack example must show, whatever it demonstrates: its template is the reviewed
/// snapshot, and neither the rules at synthesis nor the <c>ecs-rules</c> tool find anything in it. An
/// example's test class derives from this one and adds the tests of what the example is about.
/// </summary>
public abstract class ExampleTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ExampleFixture
{
    /// <summary>The example's one synthesis.</summary>
    private protected TFixture Fixture { get; } = fixture;

    [Fact]
    public void Template_matches_the_reviewed_snapshot()
    {
        SnapshotAssert.MatchesSnapshot(Fixture.Stack);
    }

    [Fact]
    public void No_rule_fires_on_the_example()
    {
        Fixture.Findings.AssertClean();
    }

    [Fact]
    public void The_ecs_rules_tool_finds_nothing_in_the_cloud_assembly()
    {
        Fixture.Findings.AssertToolClean();
    }
}
