namespace EcsConstructs.Services;

/// <summary>
/// Blue/green deployments of a service behind an Application Load Balancer it creates
/// (<see cref="ApplicationLoadBalancerOptions.BlueGreenDeployment"/>): a new revision starts beside the old one
/// in an alternate target group (the primary's settings), production traffic moves to it, and the old tasks stop
/// once the new revision has proven itself. One of two choices:
/// <list type="bullet">
/// <item><see cref="EcsBlueGreenDeploymentOptions"/>: ECS's own blue/green deployments (deployment controller
/// <c>ECS</c>): <c>cdk deploy</c> of a new task definition runs them; the choice where ECS offers them;</item>
/// <item><see cref="CodeDeployBlueGreenDeploymentOptions"/>: blue/green deployments run by AWS CodeDeploy
/// (deployment controller <c>CODE_DEPLOY</c>), for regions and accounts without the native ones; a new
/// revision ships through a CodeDeploy deployment, not through <c>cdk deploy</c>.</item>
/// </list>
/// The result is <see cref="ApplicationLoadBalancing.BlueGreenDeployment"/>: an <see cref="EcsBlueGreenDeployment"/>
/// or a <see cref="CodeDeployBlueGreenDeployment"/>.
/// </summary>
public abstract class BlueGreenDeploymentOptions
{
    private protected BlueGreenDeploymentOptions()
    {
    }

    /// <summary>
    /// Port of a test listener on the same load balancer (same protocol and certificate as the production
    /// listener, open to the same <see cref="NewLoadBalancerOptions.IngressCidrs"/>) that reaches the new revision
    /// before production traffic moves to it. Allowed: 1 to 65535, not the production listener's port nor the
    /// redirect listener's port 80. Default: none (no test listener).
    /// </summary>
    public int? TestListenerPort { get; init; }
}
