using EcsConstructs.Testing;

namespace EcsConstructs.Tests.Testing;

/// <summary>Comparison semantics, exercised with raw JSON (no synthesis).</summary>
public sealed class SnapshotAssertTests : IDisposable
{
    private const string Name = "Orders";

    private const string Original = """
        {
          "Resources": {
            "Topic": { "Type": "AWS::SNS::Topic", "Properties": { "DisplayName": "orders" } },
            "Old": { "Type": "AWS::SQS::Queue" }
          },
          "Parameters": { "BootstrapVersion": { "Type": "String" } }
        }
        """;

    private const string Changed = """
        {
          "Resources": {
            "Topic": { "Type": "AWS::SNS::Topic", "Properties": { "DisplayName": "orders-v2" } },
            "New": { "Type": "AWS::SQS::Queue" }
          },
          "Parameters": { "BootstrapVersion": { "Type": "String" } }
        }
        """;

    private readonly TempDirectory _temp = new();

    private string SnapshotPath => _temp.File(Name + ".template.json");

    private string ReceivedPath => _temp.File(Name + ".received.json");

    private SnapshotOptions Options(bool update = false, bool ci = false) =>
        new() { SnapshotDirectory = _temp.Path, UpdateSnapshots = update, IsContinuousIntegration = ci };

    private void WriteSnapshot(string templateJson) =>
        File.WriteAllText(SnapshotPath, TemplateNormalizer.Normalize(templateJson));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Matching_snapshot_passes()
    {
        WriteSnapshot(Original);

        SnapshotAssert.MatchesSnapshot(Original, Name, Options());

        Assert.False(File.Exists(ReceivedPath));
    }

    [Fact]
    public void Matching_snapshot_deletes_a_stale_received_file()
    {
        WriteSnapshot(Original);
        File.WriteAllText(ReceivedPath, "stale");

        SnapshotAssert.MatchesSnapshot(Original, Name, Options());

        Assert.False(File.Exists(ReceivedPath));
    }

    [Fact]
    public void Snapshot_with_crlf_line_endings_still_matches()
    {
        File.WriteAllText(SnapshotPath, TemplateNormalizer.Normalize(Original).Replace("\n", "\r\n", StringComparison.Ordinal));

        SnapshotAssert.MatchesSnapshot(Original, Name, Options());
    }

    [Fact]
    public void Missing_snapshot_fails_locally_writes_the_received_file_and_explains_how_to_accept()
    {
        var ex = Assert.Throws<SnapshotMismatchException>(() => SnapshotAssert.MatchesSnapshot(Original, Name, Options()));

        Assert.False(File.Exists(SnapshotPath));
        Assert.Equal(TemplateNormalizer.Normalize(Original), File.ReadAllText(ReceivedPath));
        Assert.Equal(SnapshotPath, ex.SnapshotPath);
        Assert.Equal(ReceivedPath, ex.ReceivedPath);
        Assert.Equal(["Old", "Topic"], ex.ChangedResources);
        Assert.Contains("Snapshot not found: " + SnapshotPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("set UPDATE_SNAPSHOTS=1 and re-run the tests, or copy the .received.json over the snapshot", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_snapshot_is_written_in_update_mode_and_passes()
    {
        SnapshotAssert.MatchesSnapshot(Original, Name, Options(update: true));

        Assert.Equal(TemplateNormalizer.Normalize(Original), File.ReadAllText(SnapshotPath));
        Assert.False(File.Exists(ReceivedPath));
    }

    [Fact]
    public void Different_snapshot_fails_naming_changed_added_and_removed_resources()
    {
        WriteSnapshot(Original);

        var ex = Assert.Throws<SnapshotMismatchException>(() => SnapshotAssert.MatchesSnapshot(Changed, Name, Options()));

        Assert.Equal(["New", "Old", "Topic"], ex.ChangedResources);
        Assert.Contains("Snapshot mismatch: " + SnapshotPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("+ New (AWS::SQS::Queue) added", ex.Message, StringComparison.Ordinal);
        Assert.Contains("- Old (AWS::SQS::Queue) removed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("~ Topic (AWS::SNS::Topic) changed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Different_snapshot_fails_with_a_line_diff_and_the_review_command()
    {
        WriteSnapshot(Original);

        var ex = Assert.Throws<SnapshotMismatchException>(() => SnapshotAssert.MatchesSnapshot(Changed, Name, Options()));

        Assert.Contains("\"DisplayName\": \"orders\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"DisplayName\": \"orders-v2\"", ex.Message, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^-\s+\d+\s+\|\s+""DisplayName"": ""orders""", ex.Message);
        Assert.Matches(@"(?m)^\+\s+\d+\s+\|\s+""DisplayName"": ""orders-v2""", ex.Message);
        Assert.Contains("set UPDATE_SNAPSHOTS=1 and re-run the tests", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"ecs-rules diff {SnapshotPath} {ReceivedPath}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Different_snapshot_fails_with_what_a_deployment_does_to_each_changed_resource()
    {
        const string Public = """
            {
              "Resources": {
                "Lb": { "Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": { "Scheme": "internet-facing", "Subnets": ["a", "b"] } },
                "Listener": { "Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": { "LoadBalancerArn": { "Ref": "Lb" }, "Port": 80 } },
                "Service": { "Type": "AWS::ECS::Service", "Properties": { "DesiredCount": 1 } }
              }
            }
            """;
        WriteSnapshot(Public);

        var ex = Assert.Throws<SnapshotMismatchException>(() => SnapshotAssert.MatchesSnapshot(
            Public.Replace("internet-facing", "internal", StringComparison.Ordinal).Replace("\"DesiredCount\": 1", "\"DesiredCount\": 2", StringComparison.Ordinal), Name, Options()));

        Assert.Contains("""

            Deployment review (snapshot -> received):
              Lb (AWS::ElasticLoadBalancingV2::LoadBalancer): replaced
                  Scheme: replaced
              Listener (AWS::ElasticLoadBalancingV2::Listener): replaced
                  LoadBalancerArn: replaced (refers to Lb, which is replaced)
              Service (AWS::ECS::Service): updated in place
                  DesiredCount: updated in place

            """.ReplaceLineEndings("\n"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("Diff (- snapshot, + received):", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Different_snapshot_fails_with_the_flags_of_a_stateful_or_custom_named_replacement_first()
    {
        WriteSnapshot("""{ "Resources": { "Logs": { "Type": "AWS::Logs::LogGroup", "Properties": { "LogGroupName": "/ecs/web" } } } }""");

        var ex = Assert.Throws<SnapshotMismatchException>(() => SnapshotAssert.MatchesSnapshot(
            """{ "Resources": { "Logs": { "Type": "AWS::Logs::LogGroup", "Properties": { "LogGroupName": "/ecs/api" } } } }""", Name, Options()));

        Assert.Contains("""
            Deployment review (snapshot -> received):
              error   Logs (AWS::Logs::LogGroup) is replaced (LogGroupName): a stateful resource; the old one is deleted with its data.
              Logs (AWS::Logs::LogGroup): replaced
                  LogGroupName: replaced

            """.ReplaceLineEndings("\n"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Different_snapshot_writes_the_received_file_and_leaves_the_snapshot_unchanged()
    {
        WriteSnapshot(Original);

        var ex = Assert.Throws<SnapshotMismatchException>(() => SnapshotAssert.MatchesSnapshot(Changed, Name, Options()));

        Assert.Equal(ReceivedPath, ex.ReceivedPath);
        Assert.Equal(TemplateNormalizer.Normalize(Changed), File.ReadAllText(ReceivedPath));
        Assert.Equal(TemplateNormalizer.Normalize(Original), File.ReadAllText(SnapshotPath));
    }

    [Fact]
    public void Update_mode_overwrites_a_different_snapshot_and_passes()
    {
        WriteSnapshot(Original);
        File.WriteAllText(ReceivedPath, "stale");

        SnapshotAssert.MatchesSnapshot(Changed, Name, Options(update: true));

        Assert.Equal(TemplateNormalizer.Normalize(Changed), File.ReadAllText(SnapshotPath));
        Assert.False(File.Exists(ReceivedPath));
    }

    [Fact]
    public void On_ci_a_missing_snapshot_fails_and_no_snapshot_is_written()
    {
        var ex = Assert.Throws<SnapshotMismatchException>(() => SnapshotAssert.MatchesSnapshot(Original, Name, Options(ci: true)));

        Assert.False(File.Exists(SnapshotPath));
        Assert.Contains("CI=true", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void On_ci_update_mode_does_not_write_a_missing_snapshot()
    {
        var ex = Assert.Throws<SnapshotMismatchException>(() => SnapshotAssert.MatchesSnapshot(Original, Name, Options(update: true, ci: true)));

        Assert.False(File.Exists(SnapshotPath));
        Assert.Contains("not even with UPDATE_SNAPSHOTS", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void On_ci_update_mode_fails_on_a_different_snapshot_and_leaves_it_unchanged()
    {
        WriteSnapshot(Original);

        var ex = Assert.Throws<SnapshotMismatchException>(() => SnapshotAssert.MatchesSnapshot(Changed, Name, Options(update: true, ci: true)));

        Assert.Equal(TemplateNormalizer.Normalize(Original), File.ReadAllText(SnapshotPath));
        Assert.Contains("CI=true", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Topic", ex.ChangedResources);
    }

    [Fact]
    public void Default_snapshot_directory_is_snapshots_next_to_the_calling_source_file()
    {
        var callerFile = _temp.File("OrdersStackTests.cs");

        SnapshotAssert.MatchesSnapshot(Original, Name, new SnapshotOptions { UpdateSnapshots = true, IsContinuousIntegration = false }, callerFile);

        Assert.True(File.Exists(Path.Combine(_temp.Path, "__snapshots__", Name + ".template.json")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("..")]
    public void Snapshot_names_must_be_plain_file_names(string name) =>
        Assert.Throws<ArgumentException>(() => SnapshotAssert.MatchesSnapshot(Original, name, Options(update: true)));
}
