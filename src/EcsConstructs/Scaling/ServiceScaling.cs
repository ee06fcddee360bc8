using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EcsConstructs.Rules;
using EcsConstructs.Validation;

namespace EcsConstructs.Scaling;

/// <summary>
/// Service auto scaling: a scalable target on the service's desired count
/// (<c>ecs:service:DesiredCount</c>) with a minimum and maximum, and any mix of target tracking
/// (CPU, memory, ALB requests per target, custom metrics and metric math), step scaling fired by
/// exactly specified CloudWatch alarms, and scheduled changes of the bounds.
/// </summary>
/// <remarks>
/// <para>
/// Auto scaling owns the task count, so the service's <c>DesiredCount</c> is removed from the
/// template (aws-cdk#3919): a redeploy never resets a scaled-out service. ECS starts a new service
/// at 1 task; as soon as the scalable target is registered, Application Auto Scaling raises the
/// count to <see cref="ServiceScalingProps.MinCapacity"/>. An existing service keeps its count.
/// </para>
/// <para>
/// The scalable target uses the ECS service-linked role of Application Auto Scaling, as CDK's
/// <c>AutoScaleTaskCount</c> does; no IAM role is created. One service can be scaled by one
/// <see cref="ServiceScaling"/> only.
/// </para>
/// <para>
/// On EC2 capacity, rule ECS065 warns when <see cref="ServiceScalingProps.MaxCapacity"/> tasks cannot
/// fit the service's capacity at its maximum size (<c>docs/rules.md</c>).
/// </para>
/// </remarks>
public sealed partial class ServiceScaling : Construct
{
    /// <summary>The scalable dimension of an ECS service's task count.</summary>
    public const string ScalableDimension = "ecs:service:DesiredCount";

    /// <summary>The most tasks one ECS service may run (the default service quota).</summary>
    public const int MaxTasksPerService = 5000;

    private const string ClaimId = "EcsConstructsServiceScaling";
    private const double MaxTargetValue = 6.9974e10;

    private readonly List<IConstruct> _metricPolicies = [];
    private readonly List<StepScalingAction> _stepPolicies = [];
    private readonly List<Alarm> _stepAlarms = [];

    /// <summary>Creates the scalable target, its policies, alarms and scheduled actions.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="props">The settings.</param>
    public ServiceScaling(Construct scope, string id, ServiceScalingProps props)
        : base(scope, id)
    {
        Validate(props);
        var service = props.Service;
        var requestCountLabel = props.RequestCountTracking is { } tracking
            ? ResourceLabel(tracking, tracking.TargetGroup ?? ApplicationTargetGroupOf(props.TargetGroup))
            : null;
        ClaimService(service);

        ScalableTarget = new ScalableTarget(this, "Target", new ScalableTargetProps
        {
            ServiceNamespace = ServiceNamespace.ECS,
            ScalableDimension = ScalableDimension,
            ResourceId = $"service/{service.Cluster.ClusterName}/{service.ServiceName}",
            MinCapacity = props.MinCapacity,
            MaxCapacity = props.MaxCapacity,
            // The service-linked role, as CDK's BaseService.AutoScaleTaskCount uses; without a
            // role ScalableTarget would create an IAM role that the service does not need.
            Role = Role.FromRoleArn(this, "ServiceLinkedRole", Stack.Of(this).FormatArn(new ArnComponents
            {
                Region = string.Empty,
                Service = "iam",
                Resource = "role/aws-service-role/ecs.application-autoscaling.amazonaws.com",
                ResourceName = "AWSServiceRoleForApplicationAutoScaling_ECSService",
            })),
        });

        // Auto scaling owns the count: a DesiredCount in the template would reset a scaled-out
        // service on every deploy (aws-cdk#3919). The Ec2Service/FargateService L2 always writes
        // it when given, so it is deleted from the L1 here.
        if (service.Node.DefaultChild is CfnService cfnService)
        {
            cfnService.AddPropertyDeletionOverride("DesiredCount");
        }

        if (props.CpuTracking is { } cpu)
        {
            CpuPolicy = Predefined("CpuTracking", cpu, cpu.TargetPercent, PredefinedMetric.ECS_SERVICE_AVERAGE_CPU_UTILIZATION, null);
        }

        if (props.MemoryTracking is { } memory)
        {
            MemoryPolicy = Predefined("MemoryTracking", memory, memory.TargetPercent, PredefinedMetric.ECS_SERVICE_AVERAGE_MEMORY_UTILIZATION, null);
        }

        if (props.RequestCountTracking is { } requests)
        {
            RequestCountPolicy = Predefined("RequestCountTracking", requests, requests.RequestsPerTarget,
                PredefinedMetric.ALB_REQUEST_COUNT_PER_TARGET, requestCountLabel);
        }

        foreach (var metric in props.MetricTracking)
        {
            _metricPolicies.Add(CustomMetricPolicy(metric));
        }

        foreach (var step in props.StepScaling)
        {
            AddStepPolicy(step);
        }

        foreach (var schedule in props.Schedules)
        {
            ScalableTarget.ScaleOnSchedule(schedule.Id, new ScalingSchedule
            {
                Schedule = schedule.Schedule,
                MinCapacity = schedule.MinCapacity,
                MaxCapacity = schedule.MaxCapacity,
                TimeZone = schedule.TimeZone,
                StartTime = schedule.StartTime,
                EndTime = schedule.EndTime,
            });
        }
    }

    /// <summary>The scalable target on the service's desired count.</summary>
    public ScalableTarget ScalableTarget { get; }

    /// <summary>The CPU target tracking policy, when <see cref="ServiceScalingProps.CpuTracking"/> is set.</summary>
    public TargetTrackingScalingPolicy? CpuPolicy { get; }

    /// <summary>The memory target tracking policy, when <see cref="ServiceScalingProps.MemoryTracking"/> is set.</summary>
    public TargetTrackingScalingPolicy? MemoryPolicy { get; }

    /// <summary>The request-count target tracking policy, when <see cref="ServiceScalingProps.RequestCountTracking"/> is set.</summary>
    public TargetTrackingScalingPolicy? RequestCountPolicy { get; }

    /// <summary>
    /// The custom metric policies, in the order given: a <see cref="TargetTrackingScalingPolicy"/>
    /// for a single metric; for a metric math expression a construct whose default child is a
    /// <see cref="CfnScalingPolicy"/> (CDK 2.160's L2 accepts single metrics only).
    /// </summary>
    public IReadOnlyList<IConstruct> MetricPolicies => _metricPolicies;

    /// <summary>The step scaling policies, in the order given.</summary>
    public IReadOnlyList<StepScalingAction> StepPolicies => _stepPolicies;

    /// <summary>The alarms firing <see cref="StepPolicies"/>, in the same order.</summary>
    public IReadOnlyList<Alarm> StepAlarms => _stepAlarms;

    [GeneratedRegex("^targetgroup/[^/]+/[^/]+$")]
    private static partial Regex TargetGroupFullNamePattern();

    [GeneratedRegex("^app/[^/]+/[^/]+$")]
    private static partial Regex LoadBalancerFullNamePattern();

    private void ClaimService(BaseService service)
    {
        // One scalable target per service and dimension: a second one fails at deploy. An empty
        // marker construct under the service (no resources, no logical ids) records the claim;
        // CDK's own AutoScaleTaskCount creates a child "TaskCount".
        if (service.Node.TryFindChild(ClaimId) is not null || service.Node.TryFindChild("TaskCount") is not null)
        {
            throw new EcsValidationException(RuleIds.ConflictingProps, Node.Path, nameof(ServiceScalingProps.Service),
                $"{service.Node.Path} is already auto scaled; a service has one scalable target, so put all its policies into one ServiceScaling.");
        }

        _ = new Construct(service, ClaimId);
    }

    private TargetTrackingScalingPolicy Predefined(string id, TargetTrackingOptions options, double target, PredefinedMetric metric, string? resourceLabel) =>
        new(this, id, new TargetTrackingScalingPolicyProps
        {
            ScalingTarget = ScalableTarget,
            TargetValue = target,
            PredefinedMetric = metric,
            ResourceLabel = resourceLabel,
            ScaleInCooldown = options.ScaleInCooldown,
            ScaleOutCooldown = options.ScaleOutCooldown,
            DisableScaleIn = options.DisableScaleIn ? true : null,
        });

    /// <summary>The ALB target group for request-count tracking; a Network Load Balancer's target group has no request count per target.</summary>
    private IApplicationTargetGroup? ApplicationTargetGroupOf(ITargetGroup? group) => group switch
    {
        null => null,
        IApplicationTargetGroup application => application,
        _ => throw new EcsValidationException(RuleIds.RequestCountScaling, Node.Path, nameof(ServiceScalingProps.TargetGroup),
            "is a Network Load Balancer's target group, which has no request count per target; request-count tracking needs an Application Load Balancer's target group (use CPU, memory or a metric with an NLB)."),
    };

    private string ResourceLabel(RequestCountTrackingOptions options, IApplicationTargetGroup? group)
    {
        const string p = nameof(ServiceScalingProps.RequestCountTracking);
        var targetGroupName = options.TargetGroupFullName;
        var loadBalancerName = options.LoadBalancerFullName;
        if (group is ApplicationTargetGroup created)
        {
            targetGroupName ??= created.TargetGroupFullName;
            loadBalancerName ??= created.FirstLoadBalancerFullName;
        }
        else if (group is not null && targetGroupName is null)
        {
            // arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>
            targetGroupName = Fn.Select(5, Fn.Split(":", group.TargetGroupArn));
        }

        if (targetGroupName is null)
        {
            throw new EcsValidationException(RuleIds.RequestCountScaling, Node.Path, p,
                "needs a load-balanced service: set ServiceScalingProps.TargetGroup or RequestCountTracking.TargetGroup to the service's ALB target group, or give RequestCountTracking.TargetGroupFullName and LoadBalancerFullName.");
        }

        if (loadBalancerName is null)
        {
            throw new EcsValidationException(RuleIds.RequestCountScaling, Node.Path, $"{p}.{nameof(options.LoadBalancerFullName)}",
                "is not set and cannot be derived from an imported target group; give the load balancer's full name, 'app/<name>/<id>' (ApplicationLoadBalancer.LoadBalancerFullName).");
        }

        if (!Token.IsUnresolved(targetGroupName) && !TargetGroupFullNamePattern().IsMatch(targetGroupName))
        {
            throw new EcsValidationException(RuleIds.ScalingPolicies, Node.Path, $"{p}.{nameof(options.TargetGroupFullName)}",
                $"'{targetGroupName}' is not a target group full name; allowed: 'targetgroup/<name>/<id>'.");
        }

        if (!Token.IsUnresolved(loadBalancerName) && !LoadBalancerFullNamePattern().IsMatch(loadBalancerName))
        {
            var hint = loadBalancerName.StartsWith("net/", StringComparison.Ordinal)
                ? " Network Load Balancers have no request count per target; use an ALB or another metric."
                : string.Empty;
            throw new EcsValidationException(RuleIds.RequestCountScaling, Node.Path, $"{p}.{nameof(options.LoadBalancerFullName)}",
                $"'{loadBalancerName}' is not an Application Load Balancer full name; allowed: 'app/<name>/<id>'.{hint}");
        }

        return $"{loadBalancerName}/{targetGroupName}";
    }

    private IConstruct CustomMetricPolicy(MetricTrackingOptions options)
    {
        var config = options.Metric.ToMetricConfig();
        if (config.MathExpression is null)
        {
            return new TargetTrackingScalingPolicy(this, options.Id, new TargetTrackingScalingPolicyProps
            {
                ScalingTarget = ScalableTarget,
                TargetValue = options.TargetValue,
                CustomMetric = options.Metric,
                ScaleInCooldown = options.ScaleInCooldown,
                ScaleOutCooldown = options.ScaleOutCooldown,
                DisableScaleIn = options.DisableScaleIn ? true : null,
            });
        }

        // L1: CDK 2.160's TargetTrackingScalingPolicy renders a custom metric from
        // toMetricConfig().metricStat only, so a MathExpression cannot be expressed through it.
        // CloudFormation's CustomizedMetricSpecification.Metrics takes the expression and the
        // metrics it uses. The wrapper construct keeps the L2's naming: <Id>/Resource.
        var wrapper = new Construct(this, options.Id);
        var math = config.MathExpression;
        var queries = new List<object>();
        foreach (var (metricId, metric) in math.UsingMetrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var stat = metric.ToMetricConfig().MetricStat ?? throw new EcsValidationException(RuleIds.ScalingPolicies, Node.Path,
                $"{nameof(ServiceScalingProps.MetricTracking)}[{options.Id}].{nameof(options.Metric)}",
                $"uses '{metricId}', which is itself an expression; allowed: an expression over plain metrics.");
            queries.Add(new CfnScalingPolicy.TargetTrackingMetricDataQueryProperty
            {
                Id = metricId,
                ReturnData = false,
                MetricStat = new CfnScalingPolicy.TargetTrackingMetricStatProperty
                {
                    Stat = stat.Statistic,
                    Metric = new CfnScalingPolicy.TargetTrackingMetricProperty
                    {
                        Namespace = stat.Namespace,
                        MetricName = stat.MetricName,
                        Dimensions = stat.Dimensions?.Select(d => (object)new CfnScalingPolicy.TargetTrackingMetricDimensionProperty
                        {
                            Name = d.Name,
                            Value = d.Value as string ?? Convert.ToString(d.Value, System.Globalization.CultureInfo.InvariantCulture)!,
                        }).ToArray(),
                    },
                },
            });
        }

        queries.Add(new CfnScalingPolicy.TargetTrackingMetricDataQueryProperty
        {
            Id = "expression",
            Expression = math.Expression,
            Label = options.Id,
            ReturnData = true,
        });

        _ = new CfnScalingPolicy(wrapper, "Resource", new CfnScalingPolicyProps
        {
            PolicyName = Names.UniqueId(wrapper),
            PolicyType = "TargetTrackingScaling",
            ScalingTargetId = ScalableTarget.ScalableTargetId,
            TargetTrackingScalingPolicyConfiguration = new CfnScalingPolicy.TargetTrackingScalingPolicyConfigurationProperty
            {
                TargetValue = options.TargetValue,
                ScaleInCooldown = options.ScaleInCooldown?.ToSeconds(),
                ScaleOutCooldown = options.ScaleOutCooldown?.ToSeconds(),
                DisableScaleIn = options.DisableScaleIn ? true : null,
                CustomizedMetricSpecification = new CfnScalingPolicy.CustomizedMetricSpecificationProperty
                {
                    Metrics = queries.ToArray(),
                },
            },
        });
        return wrapper;
    }

    private void AddStepPolicy(StepScalingPolicyOptions options)
    {
        // StepScalingAction + Alarm + ApplicationScalingAction rather than ScaleOnMetric, which
        // always writes GreaterThanOrEqualToThreshold / LessThanOrEqualToThreshold alarms with
        // thresholds of its own choosing: here the alarm is exactly what the options say.
        var action = new StepScalingAction(this, options.Id, new StepScalingActionProps
        {
            ScalingTarget = ScalableTarget,
            AdjustmentType = options.AdjustmentType,
            Cooldown = options.Cooldown,
            MetricAggregationType = options.MetricAggregationType,
            MinAdjustmentMagnitude = options.MinAdjustmentMagnitude,
        });
        foreach (var step in options.Steps.OrderBy(s => s.LowerBound ?? double.NegativeInfinity))
        {
            action.AddAdjustment(new AdjustmentTier
            {
                Adjustment = step.Adjustment,
                LowerBound = step.LowerBound,
                UpperBound = step.UpperBound,
            });
        }

        var settings = options.Alarm;
        var alarm = new Alarm(this, options.Id + "Alarm", new AlarmProps
        {
            Metric = settings.Metric,
            Threshold = settings.Threshold,
            ComparisonOperator = settings.ComparisonOperator,
            EvaluationPeriods = settings.EvaluationPeriods,
            DatapointsToAlarm = settings.DatapointsToAlarm,
            TreatMissingData = settings.TreatMissingData,
            AlarmDescription = settings.Description,
        });
        alarm.AddAlarmAction(new ApplicationScalingAction(action));
        _stepPolicies.Add(action);
        _stepAlarms.Add(alarm);
    }
}
