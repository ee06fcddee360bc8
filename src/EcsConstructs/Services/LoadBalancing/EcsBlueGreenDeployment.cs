using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;

namespace EcsConstructs.Services;

/// <summary>
/// What a service created for ECS's native blue/green deployments (<see cref="EcsBlueGreenDeploymentOptions"/>):
/// the alternate target group, the listener rules whose weights ECS shifts, and the role it shifts them with.
/// </summary>
public sealed class EcsBlueGreenDeployment : BlueGreenDeployment
{
    internal EcsBlueGreenDeployment(ApplicationTargetGroup alternateTargetGroup, ApplicationListenerRule productionListenerRule,
        ApplicationListener? testListener, ApplicationListenerRule? testListenerRule, Role role)
        : base(alternateTargetGroup, testListener)
    {
        ProductionListenerRule = productionListenerRule;
        TestListenerRule = testListenerRule;
        Role = role;
    }

    /// <summary>The rule (priority 1, path <c>/*</c>) of the production listener that forwards to both groups; ECS re-weights it.</summary>
    public ApplicationListenerRule ProductionListenerRule { get; }

    /// <summary>The test listener's rule (priority 1, path <c>/*</c>, both groups); null without a test listener.</summary>
    public ApplicationListenerRule? TestListenerRule { get; }

    /// <summary>The role ECS assumes to change the listener rules (trusted by <c>ecs.amazonaws.com</c>, with AmazonECSInfrastructureRolePolicyForLoadBalancers).</summary>
    public Role Role { get; }
}
