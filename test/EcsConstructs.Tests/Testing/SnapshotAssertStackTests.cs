using Amazon.CDK;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;
using EcsConstructs.Testing;
using Xunit.Abstractions;

namespace EcsConstructs.Tests.Testing;

/// <summary>End to end with real synthesis (jsii); kept few because each synthesis costs about a second.</summary>
public sealed class SnapshotAssertStackTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private SnapshotOptions Options(bool update = false) =>
        new() { SnapshotDirectory = _temp.Path, UpdateSnapshots = update, IsContinuousIntegration = false };

    private static Stack OrdersStack(string displayName, bool withQueue = false)
    {
        var app = new App();
        var stack = new Stack(app, "OrdersStack");
        _ = new Topic(stack, "Orders", new TopicProps { DisplayName = displayName });
        if (withQueue)
        {
            _ = new Queue(stack, "DeadLetters");
        }

        return stack;
    }

    [Fact]
    public void Synthesized_stack_is_written_in_update_mode_under_its_path_and_then_matches()
    {
        var stack = OrdersStack("orders");

        SnapshotAssert.MatchesSnapshot(stack, options: Options(update: true));
        SnapshotAssert.MatchesSnapshot(stack, options: Options());

        var snapshot = File.ReadAllText(_temp.File("OrdersStack.template.json"));
        Assert.Contains("\"Type\": \"AWS::SNS::Topic\"", snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain("BootstrapVersion", snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain("aws:cdk:", snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS::CDK::Metadata", snapshot, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("OrdersStack.received.json")));
    }

    [Fact]
    public void Changed_stack_fails_naming_the_changed_and_added_logical_ids()
    {
        SnapshotAssert.MatchesSnapshot(OrdersStack("orders"), options: Options(update: true));

        var ex = Assert.Throws<SnapshotMismatchException>(
            () => SnapshotAssert.MatchesSnapshot(OrdersStack("orders-v2", withQueue: true), options: Options()));
        output.WriteLine(ex.Message);

        Assert.Equal(2, ex.ChangedResources.Count);
        Assert.Contains(ex.ChangedResources, id => id.StartsWith("Orders", StringComparison.Ordinal));
        Assert.Contains(ex.ChangedResources, id => id.StartsWith("DeadLetters", StringComparison.Ordinal));
        Assert.Contains("(AWS::SNS::Topic) changed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(AWS::SQS::Queue) added", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ecs-rules diff " + ex.SnapshotPath + " " + ex.ReceivedPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Deployment review (snapshot -> received):", ex.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(_temp.File("OrdersStack.received.json")));
    }
}
