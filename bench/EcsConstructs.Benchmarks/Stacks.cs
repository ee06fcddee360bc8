using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Clusters;
using EcsConstructs.Services;

namespace EcsConstructs.Benchmarks;

/// <summary>The N-services stack built with EcsConstructs (the README's quick-start props).</summary>
internal static class OursStack
{
    public static Stack Build(App app, int services)
    {
        var stack = new Stack(app, "Bench", new StackProps { Env = new Amazon.CDK.Environment { Region = "eu-west-1" } });
        var cluster = new EcsCluster(stack, "Cluster", new EcsClusterProps
        {
            AvailabilityZones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
            NatGateways = 1,
            Ec2Capacity =
            [
                new Ec2CapacityOptions
                {
                    Id = "Small",
                    InstanceType = InstanceType.Of(InstanceClass.T3, InstanceSize.SMALL),
                    MinCapacity = 3,
                    MaxCapacity = 3,
                },
            ],
        });

        for (var i = 0; i < services; i++)
        {
            _ = new LoadBalancedEc2Service(stack, $"Web{i}", new LoadBalancedEc2ServiceProps
            {
                Cluster = cluster,
                Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
                ContainerName = "web",
                ContainerPort = 80,
                MemoryLimitMiB = 256,
                DesiredCount = 3,
            });
        }

        return stack;
    }
}
