using Amazon.CDK.AWS.ECS;

namespace EcsConstructs.Services;

/// <summary>Props of <see cref="LoadBalancedFargateService"/>: a Fargate service behind a load balancer; see <see cref="LoadBalancedServiceProps"/> for the settings all services share.</summary>
public sealed class LoadBalancedFargateServiceProps : LoadBalancedServiceProps, IFargateServiceSettings
{
    /// <summary>
    /// Give each task a public IP (tasks in public subnets need it to pull images and send logs).
    /// Default: true when the tasks run in public subnets by default (a VPC without private subnets
    /// with egress and no <see cref="ServiceProps.TaskSubnets"/>), else false.
    /// </summary>
    public bool? AssignPublicIp { get; init; }

    /// <summary>The Fargate platform version. Default: LATEST.</summary>
    public FargatePlatformVersion? PlatformVersion { get; init; }
}
