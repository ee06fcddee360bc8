using Amazon.CDK.AWS.ElasticLoadBalancingV2;

namespace EcsConstructs.Services;

/// <summary>
/// What a service created for its blue/green deployments (<see cref="ApplicationLoadBalancerOptions.BlueGreenDeployment"/>),
/// typed by the choice: an <see cref="EcsBlueGreenDeployment"/> (<see cref="EcsBlueGreenDeploymentOptions"/>) or a
/// <see cref="CodeDeployBlueGreenDeployment"/> (<see cref="CodeDeployBlueGreenDeploymentOptions"/>). Both have the
/// alternate target group and the optional test listener.
/// </summary>
public abstract class BlueGreenDeployment
{
    private protected BlueGreenDeployment(ApplicationTargetGroup alternateTargetGroup, ApplicationListener? testListener)
    {
        AlternateTargetGroup = alternateTargetGroup;
        TestListener = testListener;
    }

    /// <summary>The target group a new revision registers with (the primary's settings, the same target type).</summary>
    public ApplicationTargetGroup AlternateTargetGroup { get; }

    /// <summary>The test listener; null without <see cref="BlueGreenDeploymentOptions.TestListenerPort"/>.</summary>
    public ApplicationListener? TestListener { get; }
}
