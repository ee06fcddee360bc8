using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Clusters;
using EcsConstructs.Images;
using EcsConstructs.Services;

namespace NginxWalkthrough;

/// <summary>
/// The main walkthrough: an nginx service of 3 tasks on an EC2 cluster
/// of 3 small instances spread over three Availability Zones, behind an Application Load
/// Balancer, with dynamic host ports.
/// </summary>
public static class NginxWalkthroughApp
{
    /// <summary>The stack's name.</summary>
    public const string StackName = "NginxWalkthrough";

    /// <summary>Adds the walkthrough stack to <paramref name="app"/>.</summary>
    /// <param name="app">The CDK app.</param>
    /// <returns>The stack.</returns>
    public static Stack Build(App app)
    {
        // The region comes from the context (cdk synth -c region=us-east-1); zones a, b and c of
        // it are used, so no account lookup is needed.
        var region = app.Node.TryGetContext("region") as string ?? "eu-west-1";
        var stack = new Stack(app, StackName, new StackProps
        {
            Env = new Amazon.CDK.Environment { Region = region },
            Description = "EcsConstructs walkthrough: nginx x3 on 3 EC2 instances over 3 AZs behind an ALB (dynamic host ports)",
        });

        var cluster = new EcsCluster(stack, "Cluster", new EcsClusterProps
        {
            AvailabilityZones = [$"{region}a", $"{region}b", $"{region}c"],
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

        _ = new LoadBalancedEc2Service(stack, "Nginx", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = ImageSource.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
            ContainerName = "nginx",
            ContainerPort = 80,
            Cpu = 256,
            MemoryLimitMiB = 256,
            DesiredCount = 3,
        });

        return stack;
    }
}
