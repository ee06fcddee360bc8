using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Clusters;
using EcsConstructs.Images;
using EcsConstructs.Services;

namespace MixedCapacity;

/// <summary>
/// A production-shaped cluster: an on-demand Auto Scaling group, a Spot group over three
/// instance types (with Spot draining), Fargate and Fargate Spot, and a web service that keeps
/// its first two tasks on on-demand capacity and puts three of every four further tasks on Spot,
/// and a log router as a daemon: one task on every instance of both groups.
/// </summary>
public static class MixedCapacityApp
{
    /// <summary>The stack's name.</summary>
    public const string StackName = "MixedCapacity";

    /// <summary>Adds the stack to <paramref name="app"/>.</summary>
    /// <param name="app">The CDK app.</param>
    /// <returns>The stack.</returns>
    public static Stack Build(App app)
    {
        var region = app.Node.TryGetContext("region") as string ?? "eu-west-1";
        var stack = new Stack(app, StackName, new StackProps
        {
            Env = new Amazon.CDK.Environment { Region = region },
            Description = "EcsConstructs example: on-demand + Spot EC2 capacity providers and Fargate Spot in one cluster",
        });

        var cluster = new EcsCluster(stack, "Cluster", new EcsClusterProps
        {
            AvailabilityZones = [$"{region}a", $"{region}b", $"{region}c"],
            EnableFargateCapacityProviders = true,
            ExecuteCommandLogging = true,
            Ec2Capacity =
            [
                new Ec2CapacityOptions
                {
                    Id = "OnDemand",
                    InstanceType = InstanceType.Of(InstanceClass.M6I, InstanceSize.LARGE),
                    MinCapacity = 1,
                    MaxCapacity = 4,
                    EnableSsmSessionManager = true,
                },
                new Ec2CapacityOptions
                {
                    Id = "Spot",
                    InstanceType = InstanceType.Of(InstanceClass.M6I, InstanceSize.LARGE),
                    AdditionalInstanceTypes =
                    [
                        InstanceType.Of(InstanceClass.M5, InstanceSize.LARGE),
                        InstanceType.Of(InstanceClass.M5A, InstanceSize.LARGE),
                    ],
                    Spot = new SpotCapacityOptions { AllocationStrategy = SpotAllocation.PriceCapacityOptimized },
                    MinCapacity = 0,
                    MaxCapacity = 12,
                    EnableSsmSessionManager = true,
                },
            ],
            DefaultCapacityProviderStrategy =
            [
                new CapacityProviderShare { Provider = "OnDemand", Base = 2, Weight = 1 },
                new CapacityProviderShare { Provider = "Spot", Weight = 3 },
            ],
        });

        _ = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = ImageSource.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
            ContainerName = "web",
            MemoryLimitMiB = 512,
            DesiredCount = 6,
        });

        // One log router on every EC2 instance (on-demand and Spot): a DAEMON service says
        // LaunchType EC2 and has no strategy, so the cluster's default strategy does not apply to it.
        // Its 128 CPU units and 256 MiB come off every instance before the web tasks are placed.
        _ = new Ec2DaemonService(stack, "LogRouter", new Ec2DaemonServiceProps
        {
            Cluster = cluster,
            Image = ImageSource.FromRegistry("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4"),
            ContainerName = "log-router",
        });

        return stack;
    }
}
