using Amazon.CDK.AWS.CodeDeploy;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;

namespace EcsConstructs.Services;

/// <summary>
/// What a service created for blue/green deployments run by AWS CodeDeploy (<see cref="CodeDeployBlueGreenDeploymentOptions"/>):
/// the alternate (green) target group, the optional test listener, the CodeDeploy application and deployment group
/// (whose names a CodeDeploy deployment of a new revision needs), and the deployment configuration.
/// </summary>
public sealed class CodeDeployBlueGreenDeployment : BlueGreenDeployment
{
    internal CodeDeployBlueGreenDeployment(ApplicationTargetGroup alternateTargetGroup, ApplicationListener? testListener,
        EcsApplication application, EcsDeploymentGroup deploymentGroup, IEcsDeploymentConfig deploymentConfig)
        : base(alternateTargetGroup, testListener)
    {
        Application = application;
        DeploymentGroup = deploymentGroup;
        DeploymentConfig = deploymentConfig;
    }

    /// <summary>The CodeDeploy application (compute platform ECS).</summary>
    public EcsApplication Application { get; }

    /// <summary>
    /// The deployment group: the service, blue (the primary target group) and green (<see cref="BlueGreenDeployment.AlternateTargetGroup"/>),
    /// the production and test listeners, the traffic shift, the termination wait, auto-rollback and the deployment alarms.
    /// </summary>
    public EcsDeploymentGroup DeploymentGroup { get; }

    /// <summary>
    /// The deployment configuration of the traffic shift: one of CodeDeploy's predefined configurations, or an
    /// <see cref="EcsDeploymentConfig"/> the service created for another shift.
    /// </summary>
    public IEcsDeploymentConfig DeploymentConfig { get; }
}
