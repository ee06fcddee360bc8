using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using EcsConstructs.Clusters;
using EcsConstructs.Scaling;
using EcsConstructs.Tests.Support;
using EcsConstructs.Validation;

namespace EcsConstructs.Tests.Scaling;

/// <summary>One stack with a cluster and a service; each test adds a scaling construct with a fresh id. Nothing is synthesized.</summary>
public sealed class ValidationStackFixture
{
    private int _next;

    public ValidationStackFixture()
    {
        Stack = TestApps.NewStack();
        Cluster = Fixtures.Cluster(Stack);
        Service = ScalingTestServices.Plain(Stack, "Svc", Cluster.Cluster);
        CpuMetric = Service.MetricCpuUtilization();
    }

    internal Stack Stack { get; }

    internal EcsCluster Cluster { get; }

    internal Ec2Service Service { get; }

    internal IMetric CpuMetric { get; }

    internal string NextId() => "S" + Interlocked.Increment(ref _next);
}

public sealed class ServiceScalingValidationTests(ValidationStackFixture fixture) : IClassFixture<ValidationStackFixture>
{
    private static readonly ScalingStep Up = new() { LowerBound = 0, Adjustment = 1 };

    private ServiceScalingProps Valid => new() { Service = fixture.Service, MinCapacity = 1, MaxCapacity = 4 };

    private StepScalingPolicyOptions Step(IReadOnlyList<ScalingStep> steps, AdjustmentType? type = null, int? magnitude = null) => new()
    {
        Id = "Out",
        Steps = steps,
        AdjustmentType = type ?? AdjustmentType.CHANGE_IN_CAPACITY,
        MinAdjustmentMagnitude = magnitude,
        Alarm = new StepScalingAlarm { Metric = fixture.CpuMetric, Threshold = 60, ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD },
    };

    // expected: the message without the construct path (it holds the fresh id), e.g. "[ECS049] MinCapacity: …".
    private void Throws(Func<ServiceScalingProps, ServiceScalingProps> change, string expected)
    {
        var id = fixture.NextId();
        var e = Assert.Throws<EcsValidationException>(() => new ServiceScaling(fixture.Stack, id, change(Valid)));
        var rule = expected[..(expected.IndexOf(' ', StringComparison.Ordinal) + 1)];
        Assert.Equal($"{rule}Test/{id}: {expected[rule.Length..]}", e.Message);
    }

    [Fact]
    public void Min_capacity_below_zero_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = -1, MaxCapacity = 4 },
            "[ECS049] MinCapacity: -1 is out of range; allowed: 0 to 5000.");

    [Fact]
    public void Max_capacity_above_the_service_quota_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 5001 },
            "[ECS049] MaxCapacity: 5001 is out of range; allowed: 0 to 5000.");

    [Fact]
    public void Min_above_max_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 5, MaxCapacity = 2 },
            "[ECS042] MinCapacity: 5 is greater than MaxCapacity (2); MinCapacity must be less than or equal to MaxCapacity.");

    [Fact]
    public void Cpu_target_above_100_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, CpuTracking = new() { TargetPercent = 101 } },
            "[ECS049] CpuTracking.TargetPercent: 101 % is out of range; allowed: 1 to 100 %.");

    [Fact]
    public void Memory_target_below_1_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, MemoryTracking = new() { TargetPercent = 0.5 } },
            "[ECS049] MemoryTracking.TargetPercent: 0.5 % is out of range; allowed: 1 to 100 %.");

    [Fact]
    public void Request_count_target_below_1_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, RequestCountTracking = new() { RequestsPerTarget = 0 } },
            "[ECS049] RequestCountTracking.RequestsPerTarget: 0 requests per target is out of range; allowed: 1 to 69974000000 requests per target.");

    [Fact]
    public void Custom_metric_target_of_zero_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, MetricTracking = [new() { Id = "Q", Metric = fixture.CpuMetric, TargetValue = 0 }] },
            "[ECS049] MetricTracking[Q].TargetValue: 0 is out of range; allowed: greater than 0 to 69974000000.");

    [Fact]
    public void Cooldown_beyond_an_integer_number_of_seconds_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, CpuTracking = new() { TargetPercent = 50, ScaleInCooldown = Duration.Days(30000) } },
            "[ECS049] CpuTracking.ScaleInCooldown: 2592000000 seconds is out of range; allowed: 0 to 2147483647 seconds.");

    [Fact]
    public void Step_policy_cooldown_beyond_an_integer_number_of_seconds_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, StepScaling = [new() { Id = "Out", Steps = [Up], Cooldown = Duration.Days(30000), Alarm = Step([Up]).Alarm }] },
            "[ECS049] StepScaling[Out].Cooldown: 2592000000 seconds is out of range; allowed: 0 to 2147483647 seconds.");

    [Fact]
    public void Request_count_tracking_needs_a_load_balanced_service() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, RequestCountTracking = new() { RequestsPerTarget = 100 } },
            "[ECS043] RequestCountTracking: needs a load-balanced service: set ServiceScalingProps.TargetGroup or RequestCountTracking.TargetGroup to the service's ALB target group, or give RequestCountTracking.TargetGroupFullName and LoadBalancerFullName.");

    [Fact]
    public void Request_count_tracking_refuses_a_network_load_balancers_target_group()
    {
        var group = NetworkTargetGroup.FromTargetGroupAttributes(fixture.Stack, fixture.NextId(), new TargetGroupAttributes
        {
            TargetGroupArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tcp/0123456789abcdef",
        });
        Throws(p => new() { Service = p.Service, TargetGroup = group, MinCapacity = 1, MaxCapacity = 4, RequestCountTracking = new() { RequestsPerTarget = 100 } },
            "[ECS043] TargetGroup: is a Network Load Balancer's target group, which has no request count per target; request-count tracking needs an Application Load Balancer's target group (use CPU, memory or a metric with an NLB).");
    }

    [Fact]
    public void Imported_target_group_needs_the_load_balancer_full_name()
    {
        var group = ApplicationTargetGroup.FromTargetGroupAttributes(fixture.Stack, fixture.NextId(), new TargetGroupAttributes
        {
            TargetGroupArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef",
        });
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, TargetGroup = group, RequestCountTracking = new() { RequestsPerTarget = 100 } },
            "[ECS043] RequestCountTracking.LoadBalancerFullName: is not set and cannot be derived from an imported target group; give the load balancer's full name, 'app/<name>/<id>' (ApplicationLoadBalancer.LoadBalancerFullName).");
    }

    [Fact]
    public void Network_load_balancer_is_rejected_for_request_count_tracking() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, RequestCountTracking = new() { RequestsPerTarget = 100, TargetGroupFullName = "targetgroup/t/1", LoadBalancerFullName = "net/nlb/2" } },
            "[ECS043] RequestCountTracking.LoadBalancerFullName: 'net/nlb/2' is not an Application Load Balancer full name; allowed: 'app/<name>/<id>'. Network Load Balancers have no request count per target; use an ALB or another metric.");

    [Fact]
    public void Malformed_target_group_full_name_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, RequestCountTracking = new() { RequestsPerTarget = 100, TargetGroupFullName = "web", LoadBalancerFullName = "app/a/1" } },
            "[ECS055] RequestCountTracking.TargetGroupFullName: 'web' is not a target group full name; allowed: 'targetgroup/<name>/<id>'.");

    [Fact]
    public void Steps_with_a_gap_are_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, StepScaling = [Step([new() { LowerBound = 0, UpperBound = 10, Adjustment = 1 }, new() { LowerBound = 20, Adjustment = 2 }])] },
            "[ECS055] StepScaling[Out].Steps: steps [0, 10) and [20, +infinity) leave a gap; allowed: contiguous, non-overlapping intervals (each UpperBound equals the next step's LowerBound).");

    [Fact]
    public void Overlapping_steps_are_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, StepScaling = [Step([new() { LowerBound = 0, UpperBound = 20, Adjustment = 1 }, new() { LowerBound = 10, Adjustment = 2 }])] },
            "[ECS055] StepScaling[Out].Steps: steps [0, 20) and [10, +infinity) overlap; allowed: contiguous, non-overlapping intervals (each UpperBound equals the next step's LowerBound).");

    [Fact]
    public void Two_steps_open_at_the_top_are_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, StepScaling = [Step([new() { LowerBound = 0, Adjustment = 1 }, new() { LowerBound = 10, Adjustment = 2 }])] },
            "[ECS055] StepScaling[Out].Steps: has 0 steps without LowerBound and 2 without UpperBound; allowed: at most one open-ended step on each side.");

    [Fact]
    public void Empty_steps_are_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, StepScaling = [Step([])] },
            "[ECS055] StepScaling[Out].Steps: is empty; allowed: one or more steps.");

    [Fact]
    public void Step_with_lower_bound_not_below_upper_bound_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, StepScaling = [Step([new() { LowerBound = 10, UpperBound = 10, Adjustment = 1 }])] },
            "[ECS055] StepScaling[Out].Steps: has the step [10, 10), whose lower bound is not below its upper bound; allowed: LowerBound < UpperBound.");

    [Fact]
    public void Negative_exact_capacity_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, StepScaling = [Step([new() { LowerBound = 0, Adjustment = -1 }], AdjustmentType.EXACT_CAPACITY)] },
            "[ECS055] StepScaling[Out].Steps: has the step [0, +infinity) with Adjustment -1; with EXACT_CAPACITY the adjustment is a task count, allowed: 0 or more.");

    [Fact]
    public void Min_adjustment_magnitude_without_percent_change_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, StepScaling = [Step([Up], AdjustmentType.CHANGE_IN_CAPACITY, 2)] },
            "[ECS055] StepScaling[Out].MinAdjustmentMagnitude: 2 is set with AdjustmentType CHANGE_IN_CAPACITY; it applies to PERCENT_CHANGE_IN_CAPACITY only.");

    [Fact]
    public void Min_adjustment_magnitude_below_1_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, StepScaling = [Step([Up], AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, 0)] },
            "[ECS049] StepScaling[Out].MinAdjustmentMagnitude: 0 is out of range; allowed: 1 to 2147483647.");

    [Fact]
    public void Datapoints_to_alarm_above_evaluation_periods_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, StepScaling = [new() { Id = "Out", Steps = [Up], Alarm = new() { Metric = fixture.CpuMetric, Threshold = 60, ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD, EvaluationPeriods = 3, DatapointsToAlarm = 4 } }] },
            "[ECS049] StepScaling[Out].Alarm.DatapointsToAlarm: 4 is out of range; allowed: 1 to 3.");

    [Fact]
    public void Anomaly_detection_operator_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, StepScaling = [new() { Id = "Out", Steps = [Up], Alarm = new() { Metric = fixture.CpuMetric, Threshold = 60, ComparisonOperator = ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD } }] },
            "[ECS055] StepScaling[Out].Alarm.ComparisonOperator: GREATER_THAN_UPPER_THRESHOLD is an anomaly detection operator; allowed: GREATER_THAN_THRESHOLD, GREATER_THAN_OR_EQUAL_TO_THRESHOLD, LESS_THAN_THRESHOLD, LESS_THAN_OR_EQUAL_TO_THRESHOLD.");

    [Fact]
    public void Schedule_without_min_or_max_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, Schedules = [new() { Id = "Night", Schedule = Schedule.Rate(Duration.Hours(1)) }] },
            "[ECS056] Schedules[Night]: sets neither MinCapacity nor MaxCapacity; allowed: at least one of them.");

    [Fact]
    public void Schedule_min_above_max_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, Schedules = [new() { Id = "Night", Schedule = Schedule.Rate(Duration.Hours(1)), MinCapacity = 3, MaxCapacity = 2 }] },
            "[ECS056] Schedules[Night].MinCapacity: 3 is greater than MaxCapacity (2); Schedules[Night].MinCapacity must be less than or equal to MaxCapacity.");

    [Fact]
    public void Schedule_min_below_zero_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, Schedules = [new() { Id = "Night", Schedule = Schedule.Rate(Duration.Hours(1)), MinCapacity = -1 }] },
            "[ECS049] Schedules[Night].MinCapacity: -1 is out of range; allowed: 0 to 5000.");

    [Fact]
    public void Time_zone_on_a_rate_schedule_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, Schedules = [new() { Id = "Night", Schedule = Schedule.Rate(Duration.Hours(1)), MinCapacity = 1, TimeZone = Amazon.CDK.TimeZone.EUROPE_BERLIN }] },
            "[ECS056] Schedules[Night].TimeZone: is set for 'rate(1 hour)'; a time zone applies to cron(...) and at(...) expressions only.");

    [Fact]
    public void Schedule_ending_before_it_starts_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, Schedules = [new() { Id = "Night", Schedule = Schedule.Rate(Duration.Hours(1)), MinCapacity = 1, StartTime = new DateTime(2027, 1, 2, 0, 0, 0, DateTimeKind.Utc), EndTime = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc) }] },
            "[ECS056] Schedules[Night].EndTime: 2027-01-01T00:00:00.0000000Z is not after StartTime (2027-01-02T00:00:00.0000000Z); allowed: a later time.");

    [Fact]
    public void Cron_with_both_day_fields_set_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, Schedules = [new() { Id = "Night", Schedule = Schedule.Expression("cron(0 22 * * MON-FRI *)"), MinCapacity = 1 }] },
            "[ECS056] Schedules[Night].Schedule: 'cron(0 22 * * MON-FRI *)' needs '?' in exactly one of day-of-month and day-of-week.");

    [Fact]
    public void Cron_with_five_fields_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, Schedules = [new() { Id = "Night", Schedule = Schedule.Expression("cron(0 22 ? * MON-FRI)"), MinCapacity = 1 }] },
            "[ECS056] Schedules[Night].Schedule: 'cron(0 22 ? * MON-FRI)' has 5 fields; allowed: 6 (minutes hours day-of-month month day-of-week year).");

    [Fact]
    public void Cron_with_an_hour_out_of_range_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, Schedules = [new() { Id = "Night", Schedule = Schedule.Expression("cron(0 25 ? * MON-FRI *)"), MinCapacity = 1 }] },
            "[ECS056] Schedules[Night].Schedule: 'cron(0 25 ? * MON-FRI *)' has hours '25': '25' is outside 0-23.");

    [Fact]
    public void Rate_with_an_unknown_unit_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, Schedules = [new() { Id = "Night", Schedule = Schedule.Expression("rate(2 weeks)"), MinCapacity = 1 }] },
            "[ECS056] Schedules[Night].Schedule: 'rate(2 weeks)' has the unit 'weeks'; allowed: minute(s), hour(s), day(s).");

    [Fact]
    public void At_with_an_impossible_date_is_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, Schedules = [new() { Id = "Night", Schedule = Schedule.Expression("at(2027-02-30T22:00:00)"), MinCapacity = 1 }] },
            "[ECS056] Schedules[Night].Schedule: 'at(2027-02-30T22:00:00)' names no valid date and time; allowed: at(yyyy-mm-ddThh:mm:ss).");

    [Fact]
    public void Duplicate_ids_are_rejected() =>
        Throws(p => new() { Service = p.Service, MinCapacity = 1, MaxCapacity = 4, StepScaling = [Step([Up])], Schedules = [new() { Id = "Out", Schedule = Schedule.Rate(Duration.Hours(1)), MinCapacity = 1 }] },
            "[ECS048] Id: 'Out' is used more than once (or is reserved: Target, ServiceLinkedRole, CpuTracking, MemoryTracking, RequestCountTracking, <step Id>Alarm); each policy and schedule needs its own id.");

    [Fact]
    public void A_service_can_be_scaled_by_one_construct_only()
    {
        var service = ScalingTestServices.Plain(fixture.Stack, fixture.NextId(), fixture.Cluster.Cluster);
        _ = new ServiceScaling(fixture.Stack, fixture.NextId(), new ServiceScalingProps { Service = service, MinCapacity = 1, MaxCapacity = 2 });
        var id = fixture.NextId();
        var e = Assert.Throws<EcsValidationException>(() => new ServiceScaling(fixture.Stack, id, new ServiceScalingProps { Service = service, MinCapacity = 1, MaxCapacity = 2 }));
        Assert.Equal($"[ECS059] Test/{id}: Service: Test/{service.Node.Id} is already auto scaled; a service has one scalable target, so put all its policies into one ServiceScaling.", e.Message);
    }

    [Fact]
    public void A_service_scaled_with_cdks_auto_scale_task_count_is_rejected()
    {
        var service = ScalingTestServices.Plain(fixture.Stack, fixture.NextId(), fixture.Cluster.Cluster);
        service.AutoScaleTaskCount(new Amazon.CDK.AWS.ApplicationAutoScaling.EnableScalingProps { MaxCapacity = 2 });
        var id = fixture.NextId();
        var e = Assert.Throws<EcsValidationException>(() => new ServiceScaling(fixture.Stack, id, new ServiceScalingProps { Service = service, MinCapacity = 1, MaxCapacity = 2 }));
        Assert.StartsWith($"[ECS059] Test/{id}: Service: Test/{service.Node.Id} is already auto scaled", e.Message, StringComparison.Ordinal);
    }
}
