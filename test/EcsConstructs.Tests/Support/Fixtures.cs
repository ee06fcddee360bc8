using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Clusters;
using EcsConstructs.Services;

namespace EcsConstructs.Tests.Support;

/// <summary>Small, valid building blocks that tests vary one property at a time.</summary>
internal static class Fixtures
{
    public static InstanceType Small => InstanceType.Of(InstanceClass.T3, InstanceSize.SMALL);

    public static Ec2CapacityOptions Capacity(string id = "OnDemand") => new() { Id = id, InstanceType = Small };

    public static EcsCluster Cluster(Stack stack, EcsClusterProps? props = null) =>
        new(stack, "Cluster", props ?? new EcsClusterProps { Ec2Capacity = [Capacity()] });

    public static ContainerImage Image => ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27");

    public static LoadBalancedEc2ServiceProps WebService(ICluster cluster) => new() { Cluster = cluster, Image = Image };
}
