using Amazon.CDK;

namespace EcsConstructs.Services;

/// <summary>
/// Blue/green deployments run by AWS CodeDeploy (deployment controller <c>CODE_DEPLOY</c>), for the regions and
/// accounts where ECS's native blue/green deployments (<see cref="EcsBlueGreenDeploymentOptions"/>) are not
/// available. The service creates an alternate target group (the primary's settings), an optional test listener,
/// a CodeDeploy application and a deployment group (blue: the primary target group, green: the alternate, the
/// service's listener as the production listener), which rolls a deployment back when it fails (while
/// <see cref="ServiceProps.CircuitBreakerRollback"/> is true, the default) and, with
/// <see cref="ServiceProps.DeploymentAlarmNames"/>, when an alarm goes off (with
/// <see cref="Amazon.CDK.AWS.ECS.AlarmBehavior.ROLLBACK_ON_ALARM"/>, the default; else the alarm only stops it).
/// The ECS service itself gets neither the circuit breaker nor deployment alarms (ECS ignores them with this
/// controller) nor <see cref="ServiceProps.MinHealthyPercent"/> / <see cref="ReplicaServiceProps.MaxHealthyPercent"/>
/// (ECS refuses custom values for EC2 tasks; only the defaults are accepted).
/// <para>
/// A new revision ships through a CodeDeploy deployment (an AppSpec naming the new task definition), not through
/// <c>cdk deploy</c>: CloudFormation cannot update the task definition of such a service. See the release path in
/// docs/services.md. The result is a <see cref="CodeDeployBlueGreenDeployment"/>.
/// </para>
/// </summary>
public sealed class CodeDeployBlueGreenDeploymentOptions : BlueGreenDeploymentOptions
{
    internal static readonly Duration DefaultTerminationWait = Duration.Minutes(10);

    internal static readonly TrafficShift DefaultTrafficShift = new CanaryTrafficShift { CanaryPercent = 10, CanaryBakeTime = Duration.Minutes(5) };

    /// <summary>
    /// How CodeDeploy moves production traffic to the new revision: <see cref="AllAtOnceTrafficShift"/>,
    /// <see cref="LinearTrafficShift"/> or <see cref="CanaryTrafficShift"/> (whole percents from 1 to 99, bake times
    /// of 1 to 2880 whole minutes). The five shifts CodeDeploy predefines (all at once, linear 10 % every 1 or 3
    /// minutes, canary 10 % for 5 or 15 minutes) use its predefined deployment configurations; any other creates
    /// an <c>AWS::CodeDeploy::DeploymentConfig</c>. Default: a canary of 10 % for 5 minutes
    /// (<c>CodeDeployDefault.ECSCanary10Percent5Minutes</c>): a revision that passes its health checks but
    /// misbehaves under real traffic reaches a tenth of the users for five minutes, during which the deployment
    /// alarms (or a person) can stop and roll it back, instead of all users at once; the whole shift still ends
    /// five minutes later.
    /// </summary>
    public TrafficShift TrafficShift { get; init; } = DefaultTrafficShift;

    /// <summary>
    /// How long CodeDeploy keeps the old tasks after all production traffic moved to the new revision; until it
    /// ends, a deployment alarm or a stop with rollback returns traffic to them at once (like the native
    /// <see cref="EcsBlueGreenDeploymentOptions.BakeTime"/>). Allowed: 0 to 2880 minutes (2 days), whole minutes.
    /// Default: 10 minutes.
    /// </summary>
    public Duration TerminationWait { get; init; } = DefaultTerminationWait;

    /// <summary>The traffic shift; a null from code without nullable checks means the default.</summary>
    internal TrafficShift TrafficShiftOrDefault => TrafficShift ?? DefaultTrafficShift;

    /// <summary>The termination wait; a null from code without nullable checks means the default.</summary>
    internal Duration TerminationWaitOrDefault => TerminationWait ?? DefaultTerminationWait;
}
