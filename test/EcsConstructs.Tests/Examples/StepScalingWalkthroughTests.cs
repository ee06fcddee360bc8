using Amazon.CDK;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;
using StepScalingWalkthrough;

namespace EcsConstructs.Tests.Examples;

public sealed class StepScalingWalkthroughFixture() : ExampleFixture(StepScalingWalkthroughApp.Build);

public sealed class StepScalingWalkthroughTests(StepScalingWalkthroughFixture fixture) : ExampleTests<StepScalingWalkthroughFixture>(fixture)
{
    private readonly Synthesized _t = fixture.Template;

    [Fact]
    public void Images_stack_matches_snapshot()
    {
        SnapshotAssert.MatchesSnapshot((Stack)Fixture.Stack.Node.Scope!.Node.FindChild(StepScalingWalkthroughApp.ImagesStackName));
    }

    [Fact]
    public void Image_comes_from_an_immutable_scanned_retained_ecr_repository_of_a_stack_deployed_first()
    {
        var imagesStack = (Stack)Fixture.Stack.Node.Scope!.Node.FindChild(StepScalingWalkthroughApp.ImagesStackName);
        var images = Synthesized.Of(imagesStack);
        var repository = images.Single("AWS::ECR::Repository");
        Assert.Equal("Retain", repository.Value["DeletionPolicy"]!.GetValue<string>());
        Assert.Equal("IMMUTABLE", repository.Value["Properties"]!["ImageTagMutability"]!.GetValue<string>());
        Assert.True(repository.Value["Properties"]!["ImageScanningConfiguration"]!["ScanOnPush"]!.GetValue<bool>());
        Assert.Contains(imagesStack, Fixture.Stack.Dependencies);
        var image = _t.PropertiesOf("AWS::ECS::TaskDefinition")["ContainerDefinitions"]![0]!["Image"]!.ToJsonString();
        Assert.Contains("Fn::ImportValue", image, StringComparison.Ordinal);
        Assert.Contains(":1.0.0", image, StringComparison.Ordinal);
        Assert.Empty(_t.Resources("AWS::ECR::Repository"));
    }

    [Fact]
    public void Service_rolls_out_between_50_and_200_percent_and_leaves_the_count_to_auto_scaling()
    {
        var service = _t.PropertiesOf("AWS::ECS::Service");
        Assert.Equal(50, service["DeploymentConfiguration"]!["MinimumHealthyPercent"]!.GetValue<int>());
        Assert.Equal(200, service["DeploymentConfiguration"]!["MaximumPercent"]!.GetValue<int>());
        Assert.False(service.ContainsKey("DesiredCount"));
        Assert.Equal(0, _t.PropertiesOf("AWS::ECS::TaskDefinition")["ContainerDefinitions"]![0]!["PortMappings"]![0]!["HostPort"]!.GetValue<int>());
    }

    [Fact]
    public void Step_policy_adds_one_task_after_five_minutes_of_cpu_above_60_percent()
    {
        var policy = _t.PropertiesOf("AWS::ApplicationAutoScaling::ScalingPolicy")["StepScalingPolicyConfiguration"]!;
        Assert.Equal(
            """{"AdjustmentType":"ChangeInCapacity","Cooldown":300,"MetricAggregationType":"Average","StepAdjustments":[{"MetricIntervalLowerBound":0,"ScalingAdjustment":1}]}""",
            policy.ToJsonString());
        var alarm = _t.PropertiesOf("AWS::CloudWatch::Alarm");
        Assert.Equal(
            ("AWS/ECS", "CPUUtilization", "Average", 60, 5, 60.0, "GreaterThanThreshold"),
            (alarm["Namespace"]!.GetValue<string>(), alarm["MetricName"]!.GetValue<string>(), alarm["Statistic"]!.GetValue<string>(),
             alarm["Period"]!.GetValue<int>(), alarm["EvaluationPeriods"]!.GetValue<int>(), alarm["Threshold"]!.GetValue<double>(),
             alarm["ComparisonOperator"]!.GetValue<string>()));
    }

    [Fact]
    public void Cluster_scales_through_the_capacity_provider_between_1_and_6_instances()
    {
        var asg = _t.PropertiesOf("AWS::AutoScaling::AutoScalingGroup");
        Assert.Equal("1", asg["MinSize"]!.GetValue<string>());
        Assert.Equal("6", asg["MaxSize"]!.GetValue<string>());
        Assert.Equal("ENABLED", _t.PropertiesOf("AWS::ECS::CapacityProvider")["AutoScalingGroupProvider"]!["ManagedScaling"]!["Status"]!.GetValue<string>());
    }

    [Fact]
    public void Max_task_count_fits_the_cluster_so_there_is_no_capacity_warning()
    {
        Assert.DoesNotContain("capacityFit", Fixture.Findings.Dump(), StringComparison.Ordinal);
    }
}
