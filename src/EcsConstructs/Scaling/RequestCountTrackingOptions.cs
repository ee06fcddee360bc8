using Amazon.CDK.AWS.ElasticLoadBalancingV2;

namespace EcsConstructs.Scaling;

/// <summary>
/// Target tracking on the Application Load Balancer's request count per target
/// (<c>ALBRequestCountPerTarget</c>). The policy needs a resource label
/// <c>app/&lt;load-balancer&gt;/&lt;id&gt;/targetgroup/&lt;target-group&gt;/&lt;id&gt;</c>; it is built from
/// a target group created in the same app, or from the full names given here, so imported
/// target groups and groups in other stacks work too (CDK's <c>ScaleOnRequestCount</c> needs a
/// concrete group, aws-cdk#16933). Network Load Balancer target groups cannot be used.
/// </summary>
public sealed class RequestCountTrackingOptions : TargetTrackingOptions
{
    /// <summary>Requests per target per minute to keep the service at. Allowed: 1 or more.</summary>
    public required double RequestsPerTarget { get; init; }

    /// <summary>
    /// The service's ALB target group. Default: <see cref="ServiceScalingProps.TargetGroup"/>.
    /// A group created in the app gives both full names itself; for an imported group give
    /// <see cref="LoadBalancerFullName"/> (the group's full name is derived from its ARN).
    /// </summary>
    public IApplicationTargetGroup? TargetGroup { get; init; }

    /// <summary>
    /// The target group's full name, <c>targetgroup/&lt;name&gt;/&lt;id&gt;</c> (the CloudWatch
    /// <c>TargetGroup</c> dimension). Default: taken from <see cref="TargetGroup"/>.
    /// </summary>
    public string? TargetGroupFullName { get; init; }

    /// <summary>
    /// The load balancer's full name, <c>app/&lt;name&gt;/&lt;id&gt;</c> (the CloudWatch
    /// <c>LoadBalancer</c> dimension). Default: the first load balancer of
    /// <see cref="TargetGroup"/> when that group was created in the app; required otherwise.
    /// </summary>
    public string? LoadBalancerFullName { get; init; }
}
