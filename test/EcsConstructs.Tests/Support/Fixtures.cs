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

    /// <summary>
    /// An imported two-zone VPC in eu-west-1 (two public, two private subnets): no VPC resources,
    /// flow logs or custom resource in the template, which keeps a synth and its check small.
    /// </summary>
    public static IVpc ImportedVpc(Stack stack) => Vpc.FromVpcAttributes(stack, "Vpc", new VpcAttributes
    {
        VpcId = "vpc-0123456789abcdef0",
        VpcCidrBlock = "10.0.0.0/16",
        AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
        PublicSubnetIds = ["subnet-0a0000000000000a1", "subnet-0a0000000000000a2"],
        PrivateSubnetIds = ["subnet-0b0000000000000b1", "subnet-0b0000000000000b2"],
    });

    public static LoadBalancedEc2ServiceProps WebService(IEcsCluster cluster) => new() { Cluster = cluster, Image = Image };
}
