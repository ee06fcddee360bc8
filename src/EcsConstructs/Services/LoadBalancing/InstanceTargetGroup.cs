using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Constructs;

namespace EcsConstructs.Services;

/// <summary>
/// The ALB target group of a bridge or host mode service (target type <c>instance</c>): the rules
/// between the load balancer and the instances are opened once per pair of groups by
/// <see cref="LoadBalancerInstanceRules"/>, instead of by aws-cdk-lib once per service.
/// </summary>
/// <remarks>
/// When a service is added as a target, aws-cdk-lib's target group hands the service to every
/// listener it is (or will be) attached to (<c>registerConnectable</c>), and the listener opens the
/// port from its load balancer to the service's connections. In bridge and host mode those are the
/// instances' security groups, imported under the service when the cluster is in another stack, so
/// every service creates its own copy of the same rules in its own stack. This target group takes
/// over that one registration: the listeners are remembered as they are attached, and each pair of
/// listener and port gets the shared rules. Any other connectable goes to aws-cdk-lib unchanged.
/// </remarks>
internal sealed class InstanceTargetGroup : ApplicationTargetGroup
{
    private readonly BaseService _service;
    private readonly Action<IApplicationListener, Port> _allow;
    private readonly List<IApplicationListener> _listeners = [];
    private readonly List<Port> _ports = [];

    /// <summary>Creates the target group.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="props">The target group's settings.</param>
    /// <param name="service">The bridge or host mode service whose registration this group takes over.</param>
    /// <param name="allow">Opens a port from a listener's load balancer to the instances.</param>
    public InstanceTargetGroup(Construct scope, string id, ApplicationTargetGroupProps props, BaseService service, Action<IApplicationListener, Port> allow)
        : base(scope, id, props)
    {
        _service = service;
        _allow = allow;
    }

    /// <summary>Attaches a listener (aws-cdk-lib calls this for a listener's default action or rule) and opens the known ports from it.</summary>
    /// <param name="listener">The listener.</param>
    /// <param name="associatingConstruct">The construct (e.g. the listener rule) that attaches the group.</param>
    public override void RegisterListener(IApplicationListener listener, IConstruct? associatingConstruct = null)
    {
        base.RegisterListener(listener, associatingConstruct);
        _listeners.Add(listener);
        foreach (var port in _ports)
        {
            _allow(listener, port);
        }
    }

    /// <summary>
    /// Registers a target's connections (aws-cdk-lib calls this when a target is added): for the service,
    /// opens its host port or range from every attached listener; anything else as aws-cdk-lib does.
    /// </summary>
    /// <param name="connectable">The target.</param>
    /// <param name="portRange">The port or port range the target listens on.</param>
    public override void RegisterConnectable(IConnectable connectable, Port? portRange = null)
    {
        if (!ReferenceEquals(connectable, _service) || portRange is null)
        {
            base.RegisterConnectable(connectable, portRange);
            return;
        }

        _ports.Add(portRange);
        foreach (var listener in _listeners)
        {
            _allow(listener, portRange);
        }
    }
}
