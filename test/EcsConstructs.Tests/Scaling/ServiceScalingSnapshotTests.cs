using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.CloudWatch;
using EcsConstructs.Scaling;
using EcsConstructs.Services;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Scaling;

public sealed class ServiceScalingSnapshotTests
{
    /// <summary>
    /// A step policy on a CPU alarm beside CPU target tracking at 70 % and a
    /// weekday-morning scale-up: the shape a reviewer reads in the snapshot.
    /// </summary>
    [Fact]
    public void Step_policy_with_cpu_tracking_and_weekday_schedule_matches_snapshot()
    {
        var stack = TestApps.NewStack("ScalingSteps");
        var cluster = Fixtures.Cluster(stack);
        var web = new LoadBalancedEc2Service(stack, "Web", Fixtures.WebService(cluster));
        _ = new ServiceScaling(stack, "Scaling", new ServiceScalingProps
        {
            Service = web.Service,
            TargetGroup = web.LoadBalancing.TargetGroup,
            MinCapacity = 2,
            MaxCapacity = 6,
            CpuTracking = new UtilizationTrackingOptions { TargetPercent = 70 },
            StepScaling =
            [
                new StepScalingPolicyOptions
                {
                    Id = "CpuHigh",
                    AdjustmentType = AdjustmentType.CHANGE_IN_CAPACITY,
                    Cooldown = Duration.Seconds(300),
                    MetricAggregationType = MetricAggregationType.AVERAGE,
                    Steps = [new ScalingStep { LowerBound = 0, Adjustment = 1 }],
                    Alarm = new StepScalingAlarm
                    {
                        Metric = web.Service.MetricCpuUtilization(new MetricOptions { Period = Duration.Minutes(1), Statistic = "Average" }),
                        Threshold = 60,
                        ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
                        EvaluationPeriods = 5,
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
                    Id = "WeekdayEvening",
                    Schedule = Schedule.Cron(new CronOptions { Minute = "0", Hour = "20", WeekDay = "MON-FRI" }),
                    MinCapacity = 2,
                    TimeZone = Amazon.CDK.TimeZone.EUROPE_BERLIN,
                },
            ],
        });

        SnapshotAssert.MatchesSnapshot(stack, "ServiceScalingSteps");
    }
}
