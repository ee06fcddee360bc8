using Amazon.CDK;
using EcsConstructs.Clusters;
using EcsConstructs.Images;
using EcsConstructs.Services;

namespace EcsApp;

/// <summary>The app's stack: a cluster with Fargate capacity and one load-balanced Fargate service.</summary>
public static class EcsAppStack
{
    /// <summary>Adds the stack to <paramref name="app"/>. The region comes from the context (<c>-c region=...</c>), default TEMPLATE_REGION.</summary>
    /// <param name="app">The CDK app.</param>
    /// <returns>The stack.</returns>
    public static Stack Build(App app)
    {
        var region = app.Node.TryGetContext("region") as string ?? "TEMPLATE_REGION";
        var stack = new Stack(app, "EcsApp", new StackProps
        {
            Env = new Amazon.CDK.Environment { Region = region },
            Description = "EcsApp: a Fargate service behind an Application Load Balancer",
        });

        var cluster = new EcsCluster(stack, "Cluster", new EcsClusterProps
        {
            AvailabilityZones = [$"{region}a", $"{region}b"],
            EnableFargateCapacityProviders = true,
        });

        _ = new LoadBalancedFargateService(stack, "Web", new LoadBalancedFargateServiceProps
        {
            Cluster = cluster,
            Image = ImageSource.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
            ContainerPort = 80,
            Cpu = 256,
            MemoryMiB = 512,
            DesiredCount = 2,
        });

        return stack;
    }
}
