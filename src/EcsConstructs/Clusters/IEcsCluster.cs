using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;

namespace EcsConstructs.Clusters;

/// <summary>
/// The cluster a service runs in, as services take it: the library's <see cref="EcsCluster"/>
/// (whose capacities, default strategy and ECS Exec logging the services know and check), or a
/// cluster created elsewhere, given explicitly with <see cref="EcsCluster.Import"/> (then the
/// services name its capacity providers as they are and check nothing about them).
/// </summary>
public interface IEcsCluster
{
    /// <summary>The CDK cluster.</summary>
    ICluster Cluster { get; }

    /// <summary>The cluster's VPC, where the services' load balancers and <c>awsvpc</c> tasks go.</summary>
    IVpc Vpc { get; }
}
