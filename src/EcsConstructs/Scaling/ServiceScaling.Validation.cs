using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.CloudWatch;
using EcsConstructs.Rules;
using EcsConstructs.Rules.Conditions;
using EcsConstructs.Validation;

namespace EcsConstructs.Scaling;

/// <summary>Fail-fast checks of <see cref="ServiceScalingProps"/>.</summary>
public sealed partial class ServiceScaling
{
    private void Validate(ServiceScalingProps props)
    {
        // A daemon runs one task per instance and has no desired count to scale (template rule ECS072 for other services).
        if (props.Service?.Node.DefaultChild is Amazon.CDK.AWS.ECS.CfnService { SchedulingStrategy: "DAEMON" })
        {
            throw new EcsValidationException(RuleIds.ConflictingProps, Node.Path, nameof(props.Service),
                $"{props.Service.Node.Path} is a DAEMON service: it runs one task on every instance and has no desired count to scale; scale the cluster's EC2 capacity instead.");
        }

        Check.InRange(RuleIds.OutOfRange, this, nameof(props.MinCapacity), props.MinCapacity, 0, MaxTasksPerService);
        Check.InRange(RuleIds.OutOfRange, this, nameof(props.MaxCapacity), props.MaxCapacity, 0, MaxTasksPerService);
        Check.NotGreater(RuleIds.CapacityBounds, this, nameof(props.MinCapacity), props.MinCapacity, nameof(props.MaxCapacity), props.MaxCapacity);

        ValidateTracking(nameof(props.CpuTracking), props.CpuTracking, props.CpuTracking?.TargetPercent, 1, 100, "%");
        ValidateTracking(nameof(props.MemoryTracking), props.MemoryTracking, props.MemoryTracking?.TargetPercent, 1, 100, "%");
        ValidateTracking(nameof(props.RequestCountTracking), props.RequestCountTracking, props.RequestCountTracking?.RequestsPerTarget, 1, MaxTargetValue, "requests per target");
        foreach (var metric in props.MetricTracking)
        {
            var p = $"{nameof(props.MetricTracking)}[{metric.Id}]";
            if (string.IsNullOrWhiteSpace(metric.Id))
            {
                throw new EcsValidationException(RuleIds.InvalidName, Node.Path, $"{p}.{nameof(metric.Id)}",
                    $"'{metric.Id}' is blank; the policy's construct id is required, e.g. \"Backlog\".");
            }
            ValidateTracking(p, metric, metric.TargetValue, double.Epsilon, MaxTargetValue, null);
        }

        foreach (var step in props.StepScaling)
        {
            ValidateStepPolicy(step);
        }

        foreach (var schedule in props.Schedules)
        {
            ValidateSchedule(schedule);
        }

        var ids = props.MetricTracking.Select(m => m.Id)
            .Concat(props.StepScaling.SelectMany(s => new[] { s.Id, s.Id + "Alarm" }))
            .Concat(props.Schedules.Select(s => s.Id))
            .Concat(["Target", "ServiceLinkedRole", "CpuTracking", "MemoryTracking", "RequestCountTracking"]);
        var duplicate = ids.GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new EcsValidationException(RuleIds.InvalidName, Node.Path, "Id",
                $"'{duplicate.Key}' is used more than once (or is reserved: Target, ServiceLinkedRole, CpuTracking, MemoryTracking, RequestCountTracking, <step Id>Alarm); each policy and schedule needs its own id.");
        }
    }

    private void ValidateTracking(string property, TargetTrackingOptions? options, double? target, double min, double max, string? unit)
    {
        if (options is null)
        {
            return;
        }

        if (target is { } t && !Token.IsUnresolved(t) && (double.IsNaN(t) || t < min || t > max))
        {
            var suffix = unit is null ? string.Empty : $" {unit}";
            var lower = min == double.Epsilon ? "greater than 0" : Check.Format(min);
            throw new EcsValidationException(RuleIds.OutOfRange, Node.Path, $"{property}.{(options is MetricTrackingOptions ? "TargetValue" : options is RequestCountTrackingOptions ? "RequestsPerTarget" : "TargetPercent")}",
                $"{Check.Format(t)}{suffix} is out of range; allowed: {lower} to {Check.Format(max)}{suffix}.");
        }

        ValidateCooldown($"{property}.{nameof(options.ScaleInCooldown)}", options.ScaleInCooldown);
        ValidateCooldown($"{property}.{nameof(options.ScaleOutCooldown)}", options.ScaleOutCooldown);
    }

    private void ValidateCooldown(string property, Duration? cooldown)
    {
        // Duration itself rejects negative amounts; CloudFormation takes whole seconds as an integer.
        Check.InRange(RuleIds.OutOfRange, this, property, Check.WholeSeconds(RuleIds.FractionalSeconds, this, property, cooldown), 0, int.MaxValue, "seconds");
    }

    private void ValidateStepPolicy(StepScalingPolicyOptions options)
    {
        var p = $"{nameof(ServiceScalingProps.StepScaling)}[{options.Id}]";
        Check.NotEmpty(RuleIds.InvalidName, this, $"{p}.{nameof(options.Id)}", options.Id);
        ValidateCooldown($"{p}.{nameof(options.Cooldown)}", options.Cooldown);

        var alarm = options.Alarm;
        Check.InRange(RuleIds.OutOfRange, this, $"{p}.Alarm.{nameof(alarm.EvaluationPeriods)}", alarm.EvaluationPeriods, 1, int.MaxValue);
        Check.InRange(RuleIds.OutOfRange, this, $"{p}.Alarm.{nameof(alarm.DatapointsToAlarm)}", alarm.DatapointsToAlarm, 1, alarm.EvaluationPeriods);
        if (alarm.ComparisonOperator != ComparisonOperator.GREATER_THAN_THRESHOLD
            && alarm.ComparisonOperator != ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD
            && alarm.ComparisonOperator != ComparisonOperator.LESS_THAN_THRESHOLD
            && alarm.ComparisonOperator != ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD)
        {
            throw new EcsValidationException(RuleIds.ScalingPolicies, Node.Path, $"{p}.Alarm.{nameof(alarm.ComparisonOperator)}",
                $"{alarm.ComparisonOperator} is an anomaly detection operator; allowed: GREATER_THAN_THRESHOLD, GREATER_THAN_OR_EQUAL_TO_THRESHOLD, LESS_THAN_THRESHOLD, LESS_THAN_OR_EQUAL_TO_THRESHOLD.");
        }

        if (options.MinAdjustmentMagnitude is { } magnitude)
        {
            if (options.AdjustmentType != AdjustmentType.PERCENT_CHANGE_IN_CAPACITY)
            {
                throw new EcsValidationException(RuleIds.ScalingPolicies, Node.Path, $"{p}.{nameof(options.MinAdjustmentMagnitude)}",
                    $"{magnitude} is set with AdjustmentType {options.AdjustmentType}; it applies to PERCENT_CHANGE_IN_CAPACITY only.");
            }

            Check.InRange(RuleIds.OutOfRange, this, $"{p}.{nameof(options.MinAdjustmentMagnitude)}", magnitude, 1, int.MaxValue);
        }

        ValidateSteps(p, options);
    }

    private void ValidateSteps(string p, StepScalingPolicyOptions options)
    {
        var steps = options.Steps;
        var property = $"{p}.{nameof(options.Steps)}";
        if (steps.Count == 0)
        {
            throw new EcsValidationException(RuleIds.ScalingPolicies, Node.Path, property, "is empty; allowed: one or more steps.");
        }

        foreach (var s in steps)
        {
            if (s.LowerBound is { } lo && s.UpperBound is { } hi && lo >= hi)
            {
                throw new EcsValidationException(RuleIds.ScalingPolicies, Node.Path, property,
                    $"has the step {Interval(s)}, whose lower bound is not below its upper bound; allowed: LowerBound < UpperBound.");
            }

            if (options.AdjustmentType == AdjustmentType.EXACT_CAPACITY && s.Adjustment < 0)
            {
                throw new EcsValidationException(RuleIds.ScalingPolicies, Node.Path, property,
                    $"has the step {Interval(s)} with Adjustment {s.Adjustment}; with EXACT_CAPACITY the adjustment is a task count, allowed: 0 or more.");
            }
        }

        var openBelow = steps.Count(s => s.LowerBound is null);
        var openAbove = steps.Count(s => s.UpperBound is null);
        if (openBelow > 1 || openAbove > 1)
        {
            throw new EcsValidationException(RuleIds.ScalingPolicies, Node.Path, property,
                $"has {openBelow} steps without LowerBound and {openAbove} without UpperBound; allowed: at most one open-ended step on each side.");
        }

        var ordered = steps.OrderBy(s => s.LowerBound ?? double.NegativeInfinity).ToList();
        for (var i = 0; i + 1 < ordered.Count; i++)
        {
            var (a, b) = (ordered[i], ordered[i + 1]);
            var end = a.UpperBound ?? double.PositiveInfinity;
            var start = b.LowerBound ?? double.NegativeInfinity;
            if (end != start)
            {
                var problem = end > start ? "overlap" : "leave a gap";
                throw new EcsValidationException(RuleIds.ScalingPolicies, Node.Path, property,
                    $"steps {Interval(a)} and {Interval(b)} {problem}; allowed: contiguous, non-overlapping intervals (each UpperBound equals the next step's LowerBound).");
            }
        }
    }

    private void ValidateSchedule(ScheduledScalingOptions schedule)
    {
        var p = $"{nameof(ServiceScalingProps.Schedules)}[{schedule.Id}]";
        Check.NotEmpty(RuleIds.InvalidName, this, $"{p}.{nameof(schedule.Id)}", schedule.Id);
        if (schedule.MinCapacity is null && schedule.MaxCapacity is null)
        {
            throw new EcsValidationException(RuleIds.ScheduledScaling, Node.Path, p,
                "sets neither MinCapacity nor MaxCapacity; allowed: at least one of them.");
        }

        Check.InRange(RuleIds.OutOfRange, this, $"{p}.{nameof(schedule.MinCapacity)}", schedule.MinCapacity, 0, MaxTasksPerService);
        Check.InRange(RuleIds.OutOfRange, this, $"{p}.{nameof(schedule.MaxCapacity)}", schedule.MaxCapacity, 0, MaxTasksPerService);
        Check.NotGreater(RuleIds.ScheduledScaling, this, $"{p}.{nameof(schedule.MinCapacity)}", schedule.MinCapacity, nameof(schedule.MaxCapacity), schedule.MaxCapacity);

        var expression = schedule.Schedule.ExpressionString;
        if (!Token.IsUnresolved(expression) && ScheduleExpressions.Problem(expression) is { } problem)
        {
            throw new EcsValidationException(RuleIds.ScheduledScaling, Node.Path, $"{p}.{nameof(schedule.Schedule)}", problem);
        }

        if (schedule.TimeZone is not null && !Token.IsUnresolved(expression) && expression.StartsWith("rate(", StringComparison.Ordinal))
        {
            throw new EcsValidationException(RuleIds.ScheduledScaling, Node.Path, $"{p}.{nameof(schedule.TimeZone)}",
                $"is set for '{expression}'; a time zone applies to cron(...) and at(...) expressions only.");
        }

        if (schedule.StartTime is { } start && schedule.EndTime is { } end && start >= end)
        {
            throw new EcsValidationException(RuleIds.ScheduledScaling, Node.Path, $"{p}.{nameof(schedule.EndTime)}",
                $"{end:O} is not after StartTime ({start:O}); allowed: a later time.");
        }
    }

    private static string Interval(ScalingStep s) =>
        $"[{(s.LowerBound is { } lo ? Check.Format(lo) : "-infinity")}, {(s.UpperBound is { } hi ? Check.Format(hi) : "+infinity")})";
}
