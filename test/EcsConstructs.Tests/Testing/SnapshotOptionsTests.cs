using EcsConstructs.Testing;

namespace EcsConstructs.Tests.Testing;

public class SnapshotOptionsTests
{
    private static SnapshotOptions FromVariables(string? update, string? ci) =>
        SnapshotOptions.FromEnvironment(name => name switch
        {
            "UPDATE_SNAPSHOTS" => update,
            "CI" => ci,
            _ => null,
        });

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData(" True ")]
    public void Update_snapshots_is_on_when_the_variable_is_1_or_true(string value) =>
        Assert.True(FromVariables(value, null).UpdateSnapshots);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData("yes")]
    public void Update_snapshots_is_off_for_any_other_value(string? value) =>
        Assert.False(FromVariables(value, null).UpdateSnapshots);

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData(null, false)]
    public void Continuous_integration_follows_the_CI_variable(string? value, bool expected) =>
        Assert.Equal(expected, FromVariables(null, value).IsContinuousIntegration);

    [Fact]
    public void Snapshot_directory_defaults_to_null_meaning_next_to_the_caller() =>
        Assert.Null(FromVariables("1", "1").SnapshotDirectory);
}
