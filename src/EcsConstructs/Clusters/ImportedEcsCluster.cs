using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;

namespace EcsConstructs.Clusters;

/// <summary>A cluster created outside the library, given to services explicitly (<see cref="EcsCluster.Import"/>).</summary>
internal sealed class ImportedEcsCluster(ICluster cluster) : IEcsCluster
{
    public ICluster Cluster { get; } = cluster;

    public IVpc Vpc => Cluster.Vpc;
}
