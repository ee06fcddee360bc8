using System.Diagnostics;
using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Review;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Rules.Tests.Data;

/// <summary>
/// The update-behaviour table the template review reads: generated from @aws-cdk/aws-service-spec by
/// node tools/update-behaviour/generate.js into src/EcsConstructs.Rules/Data/UpdateBehaviours.g.cs.
/// </summary>
public sealed class UpdateBehaviourTableTests
{
    [Fact]
    public async Task The_generated_file_is_what_the_pinned_resource_database_gives()
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryFolder.Root };
        start.ArgumentList.Add(Path.Combine("tools", "update-behaviour", "generate.js"));
        start.ArgumentList.Add("--check");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"generate.js --check exited with {process.ExitCode}: {await error}{await output}");
    }

    [Fact]
    public void The_table_covers_every_resource_type_that_a_snapshot_or_example_template_emits()
    {
        var types = SnapshotTemplates()
            .SelectMany(file => (JsonNode.Parse(File.ReadAllText(file))!["Resources"] as JsonObject ?? []).Select(r => r.Value?["Type"]?.GetValue<string>()))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("AWS::ECS::Service", types);

        // Custom resources are not CloudFormation types: the review updates them in place (their provider decides).
        // AWS::CDK::Metadata (CDK's version reporting, in the known-good cloud assemblies) is noise the review ignores.
        var missing = types.Where(t => !t.StartsWith("Custom::", StringComparison.Ordinal) && t != "AWS::CDK::Metadata" && !UpdateBehaviourTable.IsKnown(t)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void The_table_lists_every_resource_type_of_the_database()
    {
        Assert.True(UpdateBehaviourTable.Count > 1500, $"{UpdateBehaviourTable.Count} types");
        Assert.True(UpdateBehaviourTable.IsKnown("AWS::ACMPCA::Certificate"));
        Assert.True(UpdateBehaviourTable.IsKnown("AWS::XRay::SamplingRule"));
        Assert.False(UpdateBehaviourTable.IsKnown("AWS::ECS::Nothing"));
        Assert.False(UpdateBehaviourTable.IsKnown("Custom::VpcRestrictDefaultSG"));
    }

    [Theory]
    [InlineData("AWS::ECS::Service", "DesiredCount", UpdateEffect.InPlace)]
    [InlineData("AWS::ECS::Service", "TaskDefinition", UpdateEffect.InPlace)]
    [InlineData("AWS::ECS::Service", "LaunchType", UpdateEffect.Replaced)]
    [InlineData("AWS::ECS::Service", "ServiceName", UpdateEffect.Replaced)]
    [InlineData("AWS::ElasticLoadBalancingV2::LoadBalancer", "Scheme", UpdateEffect.Replaced)]
    [InlineData("AWS::ElasticLoadBalancingV2::LoadBalancer", "Subnets", UpdateEffect.InPlace)]
    [InlineData("AWS::ElasticLoadBalancingV2::Listener", "LoadBalancerArn", UpdateEffect.Replaced)]
    [InlineData("AWS::ElasticLoadBalancingV2::Listener", "DefaultActions", UpdateEffect.InPlace)]
    [InlineData("AWS::Logs::LogGroup", "LogGroupName", UpdateEffect.Replaced)]
    [InlineData("AWS::Logs::LogGroup", "RetentionInDays", UpdateEffect.InPlace)]
    [InlineData("AWS::EC2::Subnet", "Ipv6CidrBlock", UpdateEffect.MayBeReplaced)]
    [InlineData("AWS::ECS::CapacityProvider", "AutoScalingGroupProvider", UpdateEffect.MayBeReplaced)]
    public void A_property_change_has_the_update_behaviour_of_the_database(string type, string property, UpdateEffect effect)
    {
        Assert.Equal(effect, UpdateBehaviourTable.Of(type, property));
    }

    [Fact]
    public void An_unknown_type_has_no_update_behaviour()
    {
        Assert.Null(UpdateBehaviourTable.Of("Custom::AWS", "Create"));
    }

    [Theory]
    [InlineData("AWS::Logs::LogGroup", true)]
    [InlineData("AWS::ECR::Repository", true)]
    [InlineData("AWS::EFS::FileSystem", true)]
    [InlineData("AWS::SecretsManager::Secret", true)]
    [InlineData("AWS::SSM::Parameter", false)]
    [InlineData("AWS::ECS::Service", false)]
    public void Types_that_hold_data_are_stateful(string type, bool stateful)
    {
        Assert.Equal(stateful, UpdateBehaviourTable.IsStateful(type));
    }

    [Theory]
    [InlineData("AWS::ECS::Cluster", "ClusterName")]
    [InlineData("AWS::ECS::Service", "ServiceName")]
    [InlineData("AWS::Logs::LogGroup", "LogGroupName")]
    [InlineData("AWS::ECR::Repository", "RepositoryName")]
    [InlineData("AWS::ElasticLoadBalancingV2::LoadBalancer", "Name")]
    [InlineData("AWS::ElasticLoadBalancingV2::TargetGroup", "Name")]
    [InlineData("AWS::EC2::SecurityGroup", "GroupName")]
    [InlineData("AWS::RDS::DBInstance", "DBInstanceIdentifier")]
    [InlineData("AWS::ECS::TaskDefinition", null)]
    [InlineData("AWS::ElasticLoadBalancingV2::Listener", null)]
    public void The_custom_name_property_is_the_one_that_names_the_resource(string type, string? property)
    {
        Assert.Equal(property, UpdateBehaviourTable.CustomNameProperty(type));
    }

    /// <summary>Every committed snapshot template (test/**/__snapshots__, the examples' included) and the known-good templates.</summary>
    internal static List<string> SnapshotTemplates()
    {
        var test = Path.Combine(RepositoryFolder.Root, "test");
        var snapshots = Directory.EnumerateFiles(test, "*.template.json", SearchOption.AllDirectories)
            .Where(f => f.Split(Path.DirectorySeparatorChar).Contains("__snapshots__") || f.Contains($"{Path.DirectorySeparatorChar}KnownGood{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains(snapshots, f => f.EndsWith("NginxWalkthrough.template.json", StringComparison.Ordinal));
        return snapshots;
    }
}
