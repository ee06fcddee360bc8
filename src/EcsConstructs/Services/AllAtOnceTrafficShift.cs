namespace EcsConstructs.Services;

/// <summary>
/// All production traffic moves to the new revision at once (ECS: <c>Strategy</c> <c>BLUE_GREEN</c>; CodeDeploy:
/// <c>CodeDeployDefault.ECSAllAtOnce</c>).
/// </summary>
public sealed class AllAtOnceTrafficShift : TrafficShift
{
}
