using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Clusters;
using EcsConstructs.Images;
using EcsConstructs.Scaling;
using EcsConstructs.Tasks;
using FsCheck;
using FsCheck.Fluent;

namespace EcsConstructs.Tests.Quality.Generation;

internal sealed record TrackingData(double Target, int? ScaleInCooldownMs, int? ScaleOutCooldownMs, bool DisableScaleIn);

internal sealed record MetricTrackingData(string Id, double Target);

internal sealed record StepData(double? Lower, double? Upper, int Adjustment);

internal sealed record StepPolicyData(
    string Id,
    double Threshold,
    ComparisonOperator Operator,
    int EvaluationPeriods,
    int? DatapointsToAlarm,
    StepData[] Steps,
    AdjustmentType AdjustmentType,
    int? MinAdjustmentMagnitude,
    int CooldownMs);

/// <summary>Schedule: cron, rate or at.</summary>
internal sealed record ScheduleData(string Id, string Kind, int? Min, int? Max, bool TimeZone, int? StartDay, int? EndDay);

internal sealed record RequestCountData(double RequestsPerTarget, string? TargetGroupFullName, string? LoadBalancerFullName);

internal sealed record ScalingData(
    bool Ec2,
    int Min,
    int Max,
    TrackingData? Cpu,
    TrackingData? Memory,
    RequestCountData? RequestCount,
    MetricTrackingData[] Metrics,
    StepPolicyData[] Steps,
    ScheduleData[] Schedules,
    bool ScaleTwice);

/// <summary><see cref="ServiceScaling"/> of a small Fargate or EC2 service: bounds, target tracking, step policies, schedules.</summary>
internal sealed class ServiceScalingCases : PerturbingCaseGenerator<ScalingData>
{
    public override string Name => "ServiceScaling";

    public override int Weight => 25;

    protected override string Owner => "Scaling";

    protected override Gen<ScalingData> Valid =>
        from ec2 in G.Chance(25)
        from min in Gen.Choose(0, 4)
        from extra in Gen.Choose(0, 20)
        from cpu in G.MaybeRef(60, Tracking(1, 100))
        from memory in G.MaybeRef(30, Tracking(1, 100))
        from requests in G.MaybeRef(20, G.Pick(100.0, 1000.0).Select(r => new RequestCountData(r, "targetgroup/orders/0123456789abcdef", "app/orders/0123456789abcdef")))
        from metrics in G.Pick(Array.Empty<MetricTrackingData>(), [new MetricTrackingData("Backlog", 100)], [new MetricTrackingData("Backlog", 0.5), new MetricTrackingData("Latency", 250)])
        from steps in G.Pick(Array.Empty<StepPolicyData>(), [ScaleOut], [ScaleOut, ScaleIn])
        from schedules in G.Pick(Array.Empty<ScheduleData>(), [new ScheduleData("Morning", "cron", min + 1, null, true, null, null)],
            [new ScheduleData("Night", "cron", 0, 2, false, 1, 30), new ScheduleData("Launch", "at", null, min + extra + 5, false, null, null)])
        select new ScalingData(ec2, min, Math.Max(1, min + extra), cpu, memory, requests, metrics, steps, schedules, false);

    private static StepPolicyData ScaleOut => new(
        "ScaleOut", 70, ComparisonOperator.GREATER_THAN_THRESHOLD, 3, 2,
        [new StepData(0, 15, 1), new StepData(15, null, 3)], AdjustmentType.CHANGE_IN_CAPACITY, null, 60_000);

    private static StepPolicyData ScaleIn => new(
        "ScaleIn", 20, ComparisonOperator.LESS_THAN_THRESHOLD, 5, null,
        [new StepData(null, 0, -1)], AdjustmentType.CHANGE_IN_CAPACITY, null, 300_000);

    private static Gen<TrackingData> Tracking(int min, int max) =>
        from target in Gen.Choose(min, max)
        from scaleIn in G.Maybe(30, G.Pick(0, 60_000, 300_000))
        from scaleOut in G.Maybe(30, G.Pick(0, 30_000))
        from disable in G.Chance(20)
        select new TrackingData(target, scaleIn, scaleOut, disable);

    protected override IReadOnlyList<Perturbation<ScalingData>> Perturbations { get; } =
    [
        new("negative MinCapacity", true, ["MinCapacity"], s => Gen.Choose(-5, -1).Select(v => s with { Min = v })),
        new("MaxCapacity above the service quota", true, ["MaxCapacity"], s => G.Pick(5001, 100_000).Select(v => s with { Max = v })),
        new("MinCapacity > MaxCapacity", true, ["MinCapacity", "MaxCapacity"], s => Gen.Choose(1, 10).Select(d => s with { Min = s.Max + d })),
        new("bounds at the edges", false, ["MinCapacity", "MaxCapacity"], s => G.Pick((0, 0), (0, 5000), (5000, 5000)).Select(b => s with { Min = b.Item1, Max = b.Item2, Schedules = [] })),
        new("CPU target out of range", true, ["CpuTracking.TargetPercent"],
            s => G.Pick(0.0, -5.0, 100.5, double.NaN, double.PositiveInfinity).Select(t => s with { Cpu = new TrackingData(t, null, null, false) })),
        new("memory target out of range", true, ["MemoryTracking.TargetPercent"], s => G.Pick(0.5, 101.0).Select(t => s with { Memory = new TrackingData(t, null, null, false) })),
        new("cooldown of a fractional second", true, ["CpuTracking.ScaleInCooldown", "CpuTracking.ScaleOutCooldown"],
            s => G.Pick<(int?, int?)>((1_500, null), (null, 2_250)).Select(c => s with { Cpu = new TrackingData(50, c.Item1, c.Item2, false) })),
        new("custom metric target not above 0", true, ["MetricTracking.TargetValue"],
            s => G.Pick(0.0, -1.0, double.NaN).Select(t => s with { Metrics = [new MetricTrackingData("Backlog", t)] })),
        new("blank custom metric policy id", true, ["MetricTracking.Id"], s => G.Pick("", " ").Select(id => s with { Metrics = [new MetricTrackingData(id, 10)] })),
        new("id used twice", true, ["Id"], s => G.Pick("Target", "CpuTracking", "ScaleOutAlarm", "Dup").Select(id => s with
        {
            Metrics = [new MetricTrackingData(id, 10)],
            Schedules = id == "Dup" ? [new ScheduleData("Dup", "rate", 1, null, false, null, null)] : s.Schedules,
            Steps = id == "ScaleOutAlarm" ? [ScaleOut] : s.Steps,
        })),
        new("overlapping, gapped or inverted steps", true, ["StepScaling.Steps"],
            s => G.Pick<StepData[]>(
                [new StepData(0, 20, 1), new StepData(10, null, 2)],
                [new StepData(0, 10, 1), new StepData(20, null, 2)],
                [new StepData(10, 5, 1)],
                [new StepData(null, 0, -1), new StepData(null, 10, -2)],
                []).Select(steps => s with { Steps = [ScaleOut with { Steps = steps }] })),
        new("negative exact capacity", true, ["StepScaling.Steps"],
            s => Gen.Constant(s with { Steps = [ScaleOut with { AdjustmentType = AdjustmentType.EXACT_CAPACITY, Steps = [new StepData(0, null, -2)] }] })),
        new("MinAdjustmentMagnitude misused", true, ["StepScaling.MinAdjustmentMagnitude"],
            s => G.Pick((AdjustmentType.CHANGE_IN_CAPACITY, 2), (AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, 0), (AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, -3))
                .Select(m => s with { Steps = [ScaleOut with { AdjustmentType = m.Item1, MinAdjustmentMagnitude = m.Item2 }] })),
        new("percent step with magnitude", false, ["StepScaling.MinAdjustmentMagnitude"],
            s => Gen.Constant(s with { Steps = [ScaleOut with { AdjustmentType = AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, MinAdjustmentMagnitude = 2, Steps = [new StepData(0, null, 50)] }] })),
        new("alarm periods invalid", true, ["StepScaling.Alarm.EvaluationPeriods", "StepScaling.Alarm.DatapointsToAlarm"],
            s => G.Pick((0, (int?)null), (2, 3), (3, 0)).Select(p => s with { Steps = [ScaleOut with { EvaluationPeriods = p.Item1, DatapointsToAlarm = p.Item2 }] })),
        new("anomaly detection operator", true, ["StepScaling.Alarm.ComparisonOperator"],
            s => G.Pick(ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD, ComparisonOperator.LESS_THAN_LOWER_OR_GREATER_THAN_UPPER_THRESHOLD)
                .Select(o => s with { Steps = [ScaleOut with { Operator = o }] })),
        new("step cooldown of a fractional second", true, ["StepScaling.Cooldown"], s => Gen.Constant(s with { Steps = [ScaleOut with { CooldownMs = 2_500 }] })),
        new("blank step policy id", true, ["StepScaling.Id"], s => G.Pick("", " ").Select(id => s with { Steps = [ScaleOut with { Id = id }] })),
        new("schedule without bounds", true, ["Schedules"], s => Gen.Constant(s with { Schedules = [new ScheduleData("Empty", "cron", null, null, false, null, null)] })),
        new("schedule bounds invalid", true, ["Schedules.MinCapacity", "Schedules.MaxCapacity"],
            s => G.Pick((5, (int?)2), (-1, null), (0, 5001)).Select(b => s with { Schedules = [new ScheduleData("Bad", "cron", b.Item1, b.Item2, false, null, null)] })),
        new("time zone on a rate schedule", true, ["Schedules.TimeZone"], s => Gen.Constant(s with { Schedules = [new ScheduleData("Rate", "rate", 1, null, true, null, null)] })),
        new("schedule ending before it starts", true, ["Schedules.EndTime"], s => G.Pick(0, 5).Select(d => s with { Schedules = [new ScheduleData("Window", "cron", 1, null, false, 10, 10 - d)] })),
        new("blank schedule id", true, ["Schedules.Id"], s => G.Pick("", " ").Select(id => s with { Schedules = [new ScheduleData(id, "cron", 1, null, false, null, null)] })),
        new("request count without a target group", true, ["RequestCountTracking", "RequestCountTracking.LoadBalancerFullName"],
            s => Gen.Constant(s with { RequestCount = new RequestCountData(100, null, null) })),
        new("request count with malformed full names", true, ["RequestCountTracking.TargetGroupFullName", "RequestCountTracking.LoadBalancerFullName"],
            s => G.Pick(("orders", "app/orders/1"), ("targetgroup/orders/1", "net/orders/1"), ("targetgroup/orders/1", "orders"))
                .Select(n => s with { RequestCount = new RequestCountData(100, n.Item1, n.Item2) })),
        new("requests per target below 1", true, ["RequestCountTracking.RequestsPerTarget"],
            s => G.Pick(0.0, 0.5, -10.0).Select(r => s with { RequestCount = new RequestCountData(r, "targetgroup/orders/1", "app/orders/1") })),
        new("service scaled twice", true, ["Service"], s => Gen.Constant(s with { ScaleTwice = true })),
    ];

    protected override void Build(Stack stack, ScalingData spec)
    {
        var vpc = Fixtures.ImportedVpc(stack);
        var cluster = new EcsCluster(stack, "Cluster", new EcsClusterProps
        {
            Vpc = vpc,
            EnableFargateCapacityProviders = !spec.Ec2,
            Ec2Capacity = spec.Ec2 ? [new Ec2CapacityOptions { Id = "OnDemand", InstanceType = new InstanceType("t3.small"), MaxCapacity = 2 }] : [],
        });
        var image = ImageSource.FromRegistry("public.ecr.aws/nginx/nginx:1.27");
        BaseService service;
        if (spec.Ec2)
        {
            var task = new EcsTaskDefinition(stack, "Task", new EcsTaskDefinitionProps
            {
                Compatibility = Compatibility.EC2,
                Containers = [new ContainerOptions { Name = "app", Image = image, Cpu = 256, MemoryLimitMiB = 256, PortMappings = [new PortMappingOptions { ContainerPort = 80 }] }],
            });
            service = new Ec2Service(stack, "Service", new Ec2ServiceProps { Cluster = cluster.Cluster, TaskDefinition = task.TaskDefinition, DesiredCount = 1 });
        }
        else
        {
            var task = new EcsTaskDefinition(stack, "Task", new EcsTaskDefinitionProps
            {
                Compatibility = Compatibility.FARGATE,
                Cpu = 256,
                MemoryMiB = 512,
                Containers = [new ContainerOptions { Name = "app", Image = image, PortMappings = [new PortMappingOptions { ContainerPort = 80 }] }],
            });
            service = new FargateService(stack, "Service", new FargateServiceProps { Cluster = cluster.Cluster, TaskDefinition = task.TaskDefinition, DesiredCount = 1 });
        }

        var cpuMetric = service.MetricCpuUtilization(new MetricOptions { Period = Duration.Minutes(1), Statistic = "Average" });
        var backlog = new Metric(new MetricProps { Namespace = "Orders", MetricName = "Backlog", Statistic = "Average", Period = Duration.Minutes(1) });

        _ = new ServiceScaling(stack, Owner, Props(spec, service, cpuMetric, backlog));
        if (spec.ScaleTwice)
        {
            _ = new ServiceScaling(stack, Owner + "Again", new ServiceScalingProps { Service = service, MinCapacity = 1, MaxCapacity = 2 });
        }
    }

    private static ServiceScalingProps Props(ScalingData spec, BaseService service, IMetric cpuMetric, IMetric backlog) => new()
    {
        Service = service,
        MinCapacity = spec.Min,
        MaxCapacity = spec.Max,
        CpuTracking = spec.Cpu is { } cpu ? Utilization(cpu) : null,
        MemoryTracking = spec.Memory is { } memory ? Utilization(memory) : null,
        RequestCountTracking = spec.RequestCount is { } r
            ? new RequestCountTrackingOptions { RequestsPerTarget = r.RequestsPerTarget, TargetGroupFullName = r.TargetGroupFullName, LoadBalancerFullName = r.LoadBalancerFullName }
            : null,
        MetricTracking = spec.Metrics.Select(m => new MetricTrackingOptions { Id = m.Id, Metric = backlog, TargetValue = m.Target }).ToArray(),
        StepScaling = spec.Steps.Select(p => new StepScalingPolicyOptions
        {
            Id = p.Id,
            Alarm = new StepScalingAlarm
            {
                Metric = cpuMetric,
                Threshold = p.Threshold,
                ComparisonOperator = p.Operator,
                EvaluationPeriods = p.EvaluationPeriods,
                DatapointsToAlarm = p.DatapointsToAlarm,
            },
            Steps = p.Steps.Select(st => new ScalingStep { LowerBound = st.Lower, UpperBound = st.Upper, Adjustment = st.Adjustment }).ToArray(),
            AdjustmentType = p.AdjustmentType,
            MinAdjustmentMagnitude = p.MinAdjustmentMagnitude,
            Cooldown = Duration.Millis(p.CooldownMs),
        }).ToArray(),
        Schedules = spec.Schedules.Select(s => new ScheduledScalingOptions
        {
            Id = s.Id,
            Schedule = s.Kind switch
            {
                "rate" => Schedule.Rate(Duration.Hours(1)),
                "at" => Schedule.At(new DateTime(2027, 1, 15, 8, 0, 0, DateTimeKind.Utc)),
                _ => Schedule.Cron(new CronOptions { Hour = "8", Minute = "0", WeekDay = "MON-FRI" }),
            },
            MinCapacity = s.Min,
            MaxCapacity = s.Max,
            TimeZone = s.TimeZone ? Amazon.CDK.TimeZone.EUROPE_BERLIN : null,
            StartTime = s.StartDay is { } start ? new DateTime(2027, 1, start, 0, 0, 0, DateTimeKind.Utc) : null,
            EndTime = s.EndDay is { } end ? new DateTime(2027, 1, end, 0, 0, 0, DateTimeKind.Utc) : null,
        }).ToArray(),
    };

    private static UtilizationTrackingOptions Utilization(TrackingData t) => new()
    {
        TargetPercent = t.Target,
        ScaleInCooldown = t.ScaleInCooldownMs is { } i ? Duration.Millis(i) : null,
        ScaleOutCooldown = t.ScaleOutCooldownMs is { } o ? Duration.Millis(o) : null,
        DisableScaleIn = t.DisableScaleIn,
    };
}
