using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using EcsConstructs.Clusters;
using EcsConstructs.Images;
using EcsConstructs.Services;

namespace BlueGreen;

/// <summary>
/// Both kinds of blue/green deployments in one cluster of EC2 and Fargate capacity: a Fargate web service with
/// ECS's native blue/green deployments (a test listener on 8080, a canary of 10 % for 5 minutes, then a 10-minute
/// bake time), and an EC2 service deployed by AWS CodeDeploy (deployment controller CODE_DEPLOY: a CodeDeploy
/// application and deployment group, a test listener on 8080, CodeDeploy's canary of 10 % for 5 minutes).
/// </summary>
public static class BlueGreenApp
{
    /// <summary>The stack's name.</summary>
    public const string StackName = "BlueGreen";

    /// <summary>Adds the stack to <paramref name="app"/>.</summary>
    /// <param name="app">The CDK app.</param>
    /// <returns>The stack.</returns>
    public static Stack Build(App app)
    {
        var region = app.Node.TryGetContext("region") as string ?? "eu-west-1";
        var stack = new Stack(app, StackName, new StackProps
        {
            Env = new Amazon.CDK.Environment { Region = region },
            Description = "EcsConstructs example: native ECS blue/green (canary) on Fargate and CodeDeploy blue/green on EC2",
        });

        var cluster = new EcsCluster(stack, "Cluster", new EcsClusterProps
        {
            AvailabilityZones = [$"{region}a", $"{region}b"],
            EnableFargateCapacityProviders = true,
            Ec2Capacity =
            [
                new Ec2CapacityOptions
                {
                    Id = "OnDemand",
                    InstanceType = InstanceType.Of(InstanceClass.T3, InstanceSize.SMALL),
                    MinCapacity = 2,
                    MaxCapacity = 4,
                },
            ],
        });

        // ECS's own blue/green deployments: `cdk deploy` of a new image starts the new revision in the alternate
        // target group, sends test traffic on :8080 to it, moves 10 % of production traffic for 5 minutes, then
        // the rest, and keeps the old tasks for the bake time (10 minutes) before it stops them.
        _ = new LoadBalancedFargateService(stack, "Web", new LoadBalancedFargateServiceProps
        {
            Cluster = cluster,
            Image = ImageSource.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
            ContainerName = "web",
            LoadBalancer = new ApplicationLoadBalancerOptions
            {
                BlueGreenDeployment = new EcsBlueGreenDeploymentOptions
                {
                    TestListenerPort = 8080,
                    TrafficShift = new CanaryTrafficShift { CanaryPercent = 10, CanaryBakeTime = Duration.Minutes(5) },
                },
            },
        });

        // CodeDeploy's blue/green deployments, where the native ones are not available: a new revision ships with
        // `aws deploy create-deployment` (the stack outputs name the application and the deployment group), not
        // with `cdk deploy` (docs/services.md, "The release path with CodeDeploy").
        _ = new LoadBalancedEc2Service(stack, "Api", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = ImageSource.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
            ContainerName = "api",
            MemoryLimitMiB = 256,
            LoadBalancer = new ApplicationLoadBalancerOptions
            {
                BlueGreenDeployment = new CodeDeployBlueGreenDeploymentOptions { TestListenerPort = 8080 },
            },
        });

        return stack;
    }
}
