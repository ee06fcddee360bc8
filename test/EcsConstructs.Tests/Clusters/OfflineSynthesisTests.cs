using Amazon.CDK;
using EcsConstructs.Clusters;
using EcsConstructs.Services;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;
using EcsConstructs.Tests.Testing;

namespace EcsConstructs.Tests.Clusters;

/// <summary>
/// What a cluster given its zones needs to synthesize without AWS credentials (docs/clusters.md,
/// "Synthesizing offline"): a lookup the synthesis asks for is listed in the cloud assembly's
/// <c>missing</c> entries, which <c>cdk synth</c> then resolves with AWS calls.
/// </summary>
public sealed class OfflineSynthesisTests
{
    private const string Account = "123456789012";
    private const string Region = "eu-west-1";
    private const string ZonesEntry = $"availability-zones:account={Account}:region={Region}";

    private static readonly string[] Zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

    [Fact]
    public void A_stack_with_a_region_and_no_account_needs_no_lookup_when_the_zones_are_named()
    {
        var app = TestApps.NewApp();
        AddClusterAndService(app, new Amazon.CDK.Environment { Region = Region });

        Assert.Empty(MissingContext(app));
    }

    [Fact]
    public void A_stack_with_an_account_asks_for_the_zones_of_its_account_and_region_even_when_they_are_named()
    {
        // aws-cdk-lib 2.160's Vpc checks given zones against the stack's, which a stack with an
        // account and a region only knows from this context entry.
        var app = TestApps.NewApp();
        AddClusterAndService(app, new Amazon.CDK.Environment { Account = Account, Region = Region });

        Assert.Equal([ZonesEntry], MissingContext(app));
    }

    [Fact]
    public void A_stack_with_an_account_synthesizes_offline_with_the_zones_entry_in_cdk_context_json()
    {
        using var folder = new TempDirectory();
        File.Copy(Path.Combine(TestApps.RepositoryRoot, CdkJson.FileName), folder.File(CdkJson.FileName));
        File.WriteAllText(folder.File(CdkJson.ContextFileName), $$"""{ "{{ZonesEntry}}": ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }""");
        var app = CdkJson.NewApp(folder.File(CdkJson.FileName));
        var stack = AddClusterAndService(app, new Amazon.CDK.Environment { Account = Account, Region = Region });

        Assert.Empty(MissingContext(app));
        var subnetZones = Synthesized.Of(stack).Resources("AWS::EC2::Subnet")
            .Select(s => s.Value["Properties"]!["AvailabilityZone"]!.GetValue<string>()).Distinct().Order();
        Assert.Equal(Zones, subnetZones);
    }

    /// <summary>The quick-start stack: a cluster given its zones with EC2 capacity, and a load-balanced EC2 service.</summary>
    private static Stack AddClusterAndService(App app, Amazon.CDK.Environment env)
    {
        var stack = new Stack(app, "S", new StackProps { Env = env });
        var cluster = new EcsCluster(stack, "Cluster", new EcsClusterProps { AvailabilityZones = Zones, Ec2Capacity = [Fixtures.Capacity()] });
        _ = new LoadBalancedEc2Service(stack, "Web", Fixtures.WebService(cluster));
        return stack;
    }

    private static IEnumerable<string> MissingContext(App app) =>
        (app.Synth().Manifest.Missing ?? []).Select(m => m.Key).Order(StringComparer.Ordinal);
}
