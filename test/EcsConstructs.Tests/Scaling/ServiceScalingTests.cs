using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.Assertions;
using EcsConstructs.Scaling;
using EcsConstructs.Services;
using EcsConstructs.Tests.Support;
using static EcsConstructs.Tests.Support.Props;

namespace EcsConstructs.Tests.Scaling;

/// <summary>
/// A load-balanced service with every kind of policy: CPU, memory and request-count tracking, a
/// single custom metric, a metric math expression, a step policy plus a scale-in step
/// policy, and cron, rate and one-time schedules. Synthesized once for all facts below.
/// </summary>
public sealed class AllPoliciesFixture
{
    public AllPoliciesFixture()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);
        var web = new LoadBalancedEc2Service(stack, "Web", Fixtures.WebService(cluster));
        var service = web.Service;
        var visible = new Metric(new MetricProps
        {
            Namespace = "AWS/SQS",
            MetricName = "ApproximateNumberOfMessagesVisible",
            DimensionsMap = new Dictionary<string, string> { ["QueueName"] = "orders" },
            Statistic = "Average",
            Period = Duration.Minutes(1),
        });
        var running = new Metric(new MetricProps
        {
            Namespace = "ECS/ContainerInsights",
            MetricName = "RunningTaskCount",
            DimensionsMap = new Dictionary<string, string> { ["ClusterName"] = "c1", ["ServiceName"] = "s1" },
            Statistic = "Average",
            Period = Duration.Minutes(1),
        });

        Scaling = new ServiceScaling(stack, "Scaling", new ServiceScalingProps
        {
            Service = service,
            TargetGroup = web.LoadBalancing.TargetGroup,
            MinCapacity = 2,
            MaxCapacity = 8,
            CpuTracking = new UtilizationTrackingOptions
            {
                TargetPercent = 70,
                ScaleInCooldown = Duration.Seconds(120),
                ScaleOutCooldown = Duration.Seconds(30),
            },
            MemoryTracking = new UtilizationTrackingOptions { TargetPercent = 80, DisableScaleIn = true },
            RequestCountTracking = new RequestCountTrackingOptions { RequestsPerTarget = 500 },
            MetricTracking =
            [
                new MetricTrackingOptions
                {
                    Id = "QueueDepth",
                    Metric = visible,
                    TargetValue = 100,
                },
                new MetricTrackingOptions
                {
                    Id = "BacklogPerTask",
                    Metric = new MathExpression(new MathExpressionProps
                    {
                        Expression = "visible / running",
                        UsingMetrics = new Dictionary<string, IMetric> { ["visible"] = visible, ["running"] = running },
                        Period = Duration.Minutes(1),
                    }),
                    TargetValue = 10,
                    ScaleInCooldown = Duration.Seconds(600),
                },
            ],
            StepScaling =
            [
                new StepScalingPolicyOptions
                {
                    Id = "CpuHigh",
                    Steps = [new ScalingStep { LowerBound = 0, Adjustment = 1 }],
                    Alarm = new StepScalingAlarm
                    {
                        Metric = service.MetricCpuUtilization(new MetricOptions { Period = Duration.Minutes(1), Statistic = "Average" }),
                        Threshold = 60,
                        ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
                        EvaluationPeriods = 5,
                    },
                },
                new StepScalingPolicyOptions
                {
                    Id = "CpuLow",
                    AdjustmentType = AdjustmentType.PERCENT_CHANGE_IN_CAPACITY,
                    MinAdjustmentMagnitude = 1,
                    Cooldown = Duration.Seconds(600),
                    MetricAggregationType = MetricAggregationType.MAXIMUM,
                    Steps =
                    [
                        new ScalingStep { UpperBound = -10, Adjustment = -50 },
                        new ScalingStep { LowerBound = -10, UpperBound = 0, Adjustment = -20 },
                    ],
                    Alarm = new StepScalingAlarm
                    {
                        Metric = service.MetricCpuUtilization(new MetricOptions { Period = Duration.Minutes(5), Statistic = "Maximum" }),
                        Threshold = 20,
                        ComparisonOperator = ComparisonOperator.LESS_THAN_THRESHOLD,
                        EvaluationPeriods = 3,
                        DatapointsToAlarm = 2,
                        TreatMissingData = TreatMissingData.NOT_BREACHING,
                    },
                },
                new StepScalingPolicyOptions
                {
                    Id = "Panic",
                    AdjustmentType = AdjustmentType.EXACT_CAPACITY,
                    Steps = [new ScalingStep { LowerBound = 0, Adjustment = 8 }],
                    Alarm = new StepScalingAlarm
                    {
                        Metric = service.MetricMemoryUtilization(),
                        Threshold = 95,
                        ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                    },
                },
            ],
            Schedules =
            [
                new ScheduledScalingOptions
                {
                    Id = "WeekdayMorning",
                    Schedule = Schedule.Cron(new CronOptions { Minute = "0", Hour = "7", WeekDay = "MON-FRI" }),
                    MinCapacity = 4,
                    TimeZone = Amazon.CDK.TimeZone.EUROPE_BERLIN,
                },
                new ScheduledScalingOptions
                {
                    Id = "Hourly",
                    Schedule = Schedule.Rate(Duration.Hours(1)),
                    MaxCapacity = 8,
                },
                new ScheduledScalingOptions
                {
                    Id = "LaunchDay",
                    Schedule = Schedule.At(new DateTime(2026, 12, 24, 18, 0, 0, DateTimeKind.Utc)),
                    MinCapacity = 6,
                    MaxCapacity = 8,
                    TimeZone = Amazon.CDK.TimeZone.EUROPE_BERLIN,
                },
            ],
        });

        Template = Synthesized.Of(stack);
    }

    internal ServiceScaling Scaling { get; }

    internal Synthesized Template { get; }
}

public sealed class ServiceScalingTests(AllPoliciesFixture fixture) : IClassFixture<AllPoliciesFixture>
{
    private readonly Synthesized _t = fixture.Template;

    private JsonObject Policy(string idPrefix) =>
        _t.Resources("AWS::ApplicationAutoScaling::ScalingPolicy")
            .Single(r => r.Key.StartsWith("Scaling" + idPrefix, StringComparison.Ordinal)).Value["Properties"]!.AsObject();

    private JsonObject Alarm(string idPrefix) =>
        _t.Resources("AWS::CloudWatch::Alarm")
            .Single(r => r.Key.StartsWith("Scaling" + idPrefix, StringComparison.Ordinal)).Value["Properties"]!.AsObject();

    [Fact]
    public void Scalable_target_is_the_services_desired_count_with_min_and_max()
    {
        var target = _t.PropertiesOf("AWS::ApplicationAutoScaling::ScalableTarget");
        Assert.Equal("ecs", target["ServiceNamespace"]!.GetValue<string>());
        Assert.Equal("ecs:service:DesiredCount", target["ScalableDimension"]!.GetValue<string>());
        Assert.Equal(2, target["MinCapacity"]!.GetValue<int>());
        Assert.Equal(8, target["MaxCapacity"]!.GetValue<int>());
        var resourceId = target["ResourceId"]!.ToJsonString();
        Assert.Contains("service/", resourceId, StringComparison.Ordinal);
        Assert.Contains(_t.LogicalId("AWS::ECS::Service"), resourceId, StringComparison.Ordinal);
    }

    [Fact]
    public void Scalable_target_uses_the_ecs_service_linked_role_and_creates_no_role_for_scaling()
    {
        var role = _t.PropertiesOf("AWS::ApplicationAutoScaling::ScalableTarget")["RoleARN"]!.ToJsonString();
        Assert.Contains("role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService", role, StringComparison.Ordinal);
        Assert.DoesNotContain(_t.Resources("AWS::IAM::Role"), r => r.Key.StartsWith("Scaling", StringComparison.Ordinal));
    }

    [Fact]
    public void Service_desired_count_is_left_out_of_the_template()
    {
        Assert.False(_t.PropertiesOf("AWS::ECS::Service").ContainsKey("DesiredCount"));
    }

    [Fact]
    public void Cpu_tracking_targets_average_cpu_with_cooldowns()
    {
        var config = Policy("CpuTracking")["TargetTrackingScalingPolicyConfiguration"]!;
        Assert.Equal("ECSServiceAverageCPUUtilization", config["PredefinedMetricSpecification"]!["PredefinedMetricType"]!.GetValue<string>());
        Assert.Equal(70, config["TargetValue"]!.GetValue<double>());
        Assert.Equal(120, config["ScaleInCooldown"]!.GetValue<int>());
        Assert.Equal(30, config["ScaleOutCooldown"]!.GetValue<int>());
        Assert.Null(config["DisableScaleIn"]);
    }

    [Fact]
    public void Memory_tracking_can_disable_scale_in()
    {
        var config = Policy("MemoryTracking")["TargetTrackingScalingPolicyConfiguration"]!;
        Assert.Equal("ECSServiceAverageMemoryUtilization", config["PredefinedMetricSpecification"]!["PredefinedMetricType"]!.GetValue<string>());
        Assert.Equal(80, config["TargetValue"]!.GetValue<double>());
        Assert.True(config["DisableScaleIn"]!.GetValue<bool>());
    }

    [Fact]
    public void Request_count_tracking_labels_the_load_balancer_and_target_group()
    {
        var spec = Policy("RequestCountTracking")["TargetTrackingScalingPolicyConfiguration"]!["PredefinedMetricSpecification"]!;
        Assert.Equal("ALBRequestCountPerTarget", spec["PredefinedMetricType"]!.GetValue<string>());
        // app/<name>/<id> from the listener ARN (segments 1-3 of ".../listener/app/<name>/<id>/<listener-id>"),
        // then the target group's full name.
        var listener = _t.LogicalId("AWS::ElasticLoadBalancingV2::Listener");
        var group = _t.LogicalId("AWS::ElasticLoadBalancingV2::TargetGroup");
        string Segment(int i) => $$"""{"Fn::Select":[{{i}},{"Fn::Split":["/",{"Ref":"{{listener}}"}]}]}""";
        Assert.Equal(
            $$"""{"Fn::Join":["",[{{Segment(1)}},"/",{{Segment(2)}},"/",{{Segment(3)}},"/",{"Fn::GetAtt":["{{group}}","TargetGroupFullName"]}]]}""",
            spec["ResourceLabel"]!.ToJsonString());
    }

    [Fact]
    public void Custom_metric_tracking_writes_the_metric()
    {
        var spec = Policy("QueueDepth")["TargetTrackingScalingPolicyConfiguration"]!["CustomizedMetricSpecification"]!;
        Assert.Equal("AWS/SQS", spec["Namespace"]!.GetValue<string>());
        Assert.Equal("ApproximateNumberOfMessagesVisible", spec["MetricName"]!.GetValue<string>());
        Assert.Equal("Average", spec["Statistic"]!.GetValue<string>());
    }

    [Fact]
    public void Metric_math_tracking_writes_the_expression_and_its_metrics()
    {
        var config = Policy("BacklogPerTask")["TargetTrackingScalingPolicyConfiguration"]!;
        Assert.Equal(10, config["TargetValue"]!.GetValue<double>());
        Assert.Equal(600, config["ScaleInCooldown"]!.GetValue<int>());
        var metrics = config["CustomizedMetricSpecification"]!["Metrics"]!.AsArray();
        Assert.Equal(["running", "visible", "expression"], metrics.Select(m => m!["Id"]!.GetValue<string>()));
        var expression = metrics[2]!;
        Assert.Equal("visible / running", expression["Expression"]!.GetValue<string>());
        Assert.True(expression["ReturnData"]!.GetValue<bool>());
        var visible = metrics[1]!;
        Assert.False(visible["ReturnData"]!.GetValue<bool>());
        Assert.Equal("Average", visible["MetricStat"]!["Stat"]!.GetValue<string>());
        Assert.Equal("AWS/SQS", visible["MetricStat"]!["Metric"]!["Namespace"]!.GetValue<string>());
        Assert.Equal("orders", visible["MetricStat"]!["Metric"]!["Dimensions"]![0]!["Value"]!.GetValue<string>());
        Assert.False(Policy("BacklogPerTask")["PolicyName"]!.GetValue<string>().Length == 0);
    }

    [Fact]
    public void Step_policy_is_written_exactly()
    {
        _t.Template.HasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Obj(
            ("PolicyType", "StepScaling"),
            ("StepScalingPolicyConfiguration", Match.ObjectEquals(Obj(
                ("AdjustmentType", "ChangeInCapacity"),
                ("Cooldown", 300),
                ("MetricAggregationType", "Average"),
                ("StepAdjustments", new object[] { Obj(("MetricIntervalLowerBound", 0), ("ScalingAdjustment", 1)) }))))));
    }

    [Fact]
    public void Step_alarm_is_greater_than_threshold_on_service_cpu_and_fires_the_step_policy()
    {
        var alarm = Alarm("CpuHighAlarm");
        Assert.Equal("AWS/ECS", alarm["Namespace"]!.GetValue<string>());
        Assert.Equal("CPUUtilization", alarm["MetricName"]!.GetValue<string>());
        Assert.Equal(["ClusterName", "ServiceName"], alarm["Dimensions"]!.AsArray().Select(d => d!["Name"]!.GetValue<string>()).Order());
        Assert.Equal("Average", alarm["Statistic"]!.GetValue<string>());
        Assert.Equal(60, alarm["Period"]!.GetValue<int>());
        Assert.Equal(5, alarm["EvaluationPeriods"]!.GetValue<int>());
        Assert.Equal(60, alarm["Threshold"]!.GetValue<double>());
        Assert.Equal("GreaterThanThreshold", alarm["ComparisonOperator"]!.GetValue<string>());
        var policyId = _t.Resources("AWS::ApplicationAutoScaling::ScalingPolicy").Single(r => r.Key.StartsWith("ScalingCpuHigh", StringComparison.Ordinal)).Key;
        Assert.Equal(policyId, alarm["AlarmActions"]![0]!["Ref"]!.GetValue<string>());
    }

    [Fact]
    public void Scale_in_step_policy_has_its_own_operator_percent_adjustment_and_ordered_steps()
    {
        var config = Policy("CpuLow")["StepScalingPolicyConfiguration"]!;
        Assert.Equal("PercentChangeInCapacity", config["AdjustmentType"]!.GetValue<string>());
        Assert.Equal(1, config["MinAdjustmentMagnitude"]!.GetValue<int>());
        Assert.Equal(600, config["Cooldown"]!.GetValue<int>());
        Assert.Equal("Maximum", config["MetricAggregationType"]!.GetValue<string>());
        var steps = config["StepAdjustments"]!.AsArray();
        Assert.Equal(2, steps.Count);
        Assert.Contains(steps, s => s!["MetricIntervalUpperBound"]?.GetValue<double>() == -10 && s["ScalingAdjustment"]!.GetValue<int>() == -50 && s["MetricIntervalLowerBound"] is null);
        Assert.Contains(steps, s => s!["MetricIntervalLowerBound"]?.GetValue<double>() == -10 && s["MetricIntervalUpperBound"]!.GetValue<double>() == 0 && s["ScalingAdjustment"]!.GetValue<int>() == -20);

        var alarm = Alarm("CpuLowAlarm");
        Assert.Equal("LessThanThreshold", alarm["ComparisonOperator"]!.GetValue<string>());
        Assert.Equal(2, alarm["DatapointsToAlarm"]!.GetValue<int>());
        Assert.Equal("notBreaching", alarm["TreatMissingData"]!.GetValue<string>());
        Assert.Equal("Maximum", alarm["Statistic"]!.GetValue<string>());
    }

    [Fact]
    public void Exact_capacity_step_policy_sets_the_task_count()
    {
        var config = Policy("Panic")["StepScalingPolicyConfiguration"]!;
        Assert.Equal("ExactCapacity", config["AdjustmentType"]!.GetValue<string>());
        Assert.Equal(8, config["StepAdjustments"]![0]!["ScalingAdjustment"]!.GetValue<int>());
        Assert.Equal("GreaterThanOrEqualToThreshold", Alarm("PanicAlarm")["ComparisonOperator"]!.GetValue<string>());
    }

    [Fact]
    public void Schedules_cover_cron_rate_and_one_time_with_time_zone()
    {
        var actions = _t.PropertiesOf("AWS::ApplicationAutoScaling::ScalableTarget")["ScheduledActions"]!.AsArray()
            .ToDictionary(a => a!["ScheduledActionName"]!.GetValue<string>(), a => a!.AsObject());
        Assert.Equal("cron(0 7 ? * MON-FRI *)", actions["WeekdayMorning"]["Schedule"]!.GetValue<string>());
        Assert.Equal("Europe/Berlin", actions["WeekdayMorning"]["Timezone"]!.GetValue<string>());
        Assert.Equal(4, actions["WeekdayMorning"]["ScalableTargetAction"]!["MinCapacity"]!.GetValue<int>());
        Assert.Null(actions["WeekdayMorning"]["ScalableTargetAction"]!["MaxCapacity"]);
        Assert.Equal("rate(1 hour)", actions["Hourly"]["Schedule"]!.GetValue<string>());
        Assert.Equal(8, actions["Hourly"]["ScalableTargetAction"]!["MaxCapacity"]!.GetValue<int>());
        Assert.Equal("at(2026-12-24T18:00:00)", actions["LaunchDay"]["Schedule"]!.GetValue<string>());
        Assert.Equal("Europe/Berlin", actions["LaunchDay"]["Timezone"]!.GetValue<string>());
    }

    [Fact]
    public void Construct_exposes_what_it_created()
    {
        var s = fixture.Scaling;
        Assert.NotNull(s.CpuPolicy);
        Assert.NotNull(s.MemoryPolicy);
        Assert.NotNull(s.RequestCountPolicy);
        Assert.Equal(2, s.MetricPolicies.Count);
        Assert.IsType<TargetTrackingScalingPolicy>(s.MetricPolicies[0]);
        Assert.IsType<CfnScalingPolicy>(s.MetricPolicies[1].Node.DefaultChild);
        Assert.Equal(3, s.StepPolicies.Count);
        Assert.Equal(3, s.StepAlarms.Count);
    }
}
