namespace EcsConstructs.Services;

/// <summary>
/// How a blue/green deployment moves production traffic from the old revision to the new one, one of three
/// choices: <see cref="AllAtOnceTrafficShift"/>, <see cref="LinearTrafficShift"/> or <see cref="CanaryTrafficShift"/>.
/// Used by <see cref="EcsBlueGreenDeploymentOptions.TrafficShift"/> and
/// <see cref="CodeDeployBlueGreenDeploymentOptions.TrafficShift"/>.
/// </summary>
public abstract class TrafficShift
{
    private protected TrafficShift()
    {
    }
}
