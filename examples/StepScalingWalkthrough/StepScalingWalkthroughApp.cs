using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Clusters;
using EcsConstructs.Images;
using EcsConstructs.Scaling;
using EcsConstructs.Services;

namespace StepScalingWalkthrough;

/// <summary>
/// The step scaling walkthrough: an application image from an ECR repository (in a stack of its
/// own, deployed and filled first), a service on an EC2 cluster behind an Application Load Balancer with dynamic host ports,
/// rolling deployments bounded by 50 % / 200 %, a step scaling policy fired by a CPU alarm
/// (one more task while the service's average CPU stays above 60 % for five minutes), and
/// cluster scaling through the capacity provider's managed scaling.
/// </summary>
public static class StepScalingWalkthroughApp
{
    /// <summary>The service stack's name.</summary>
    public const string StackName = "StepScalingWalkthrough";

    /// <summary>The name of the stack that holds the image repository (deployed first).</summary>
    public const string ImagesStackName = "StepScalingWalkthrough-Images";

    /// <summary>
    /// Adds the walkthrough's two stacks to <paramref name="app"/>: the image repository, and the
    /// cluster and service that pull from it.
    /// </summary>
    /// <param name="app">The CDK app.</param>
    /// <returns>The service stack (it depends on the images stack).</returns>
    public static Stack Build(App app)
    {
        var region = app.Node.TryGetContext("region") as string ?? "eu-west-1";
        var env = new Amazon.CDK.Environment { Region = region };

        // The application's images, in a stack of their own: a service created in the same stack
        // as its repository would wait for an image nobody could push yet (rule ECS070). Deploy
        // this stack, push the image, then deploy the service stack. The repository is kept when
        // the stack is deleted (the images are the releases); tags are immutable, so "1.0.0"
        // always means the same image.
        var images = new Stack(app, ImagesStackName, new StackProps
        {
            Env = env,
            Description = "EcsConstructs walkthrough: the application's ECR repository (deploy and push before the service stack)",
        });
        var repository = new Repository(images, "Repository", new RepositoryProps
        {
            ImageScanOnPush = true,
            ImageTagMutability = TagMutability.IMMUTABLE,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        var stack = new Stack(app, StackName, new StackProps
        {
            Env = env,
            Description = "EcsConstructs walkthrough: ECR image on an EC2 cluster behind an ALB, step scaling on CPU, cluster scaling by capacity provider",
        });

        // Instance scaling: the capacity provider's managed scaling keeps the group between 1
        // and 6 instances, sized to the tasks the service asks for.
        var cluster = new EcsCluster(stack, "Cluster", new EcsClusterProps
        {
            AvailabilityZones = [$"{region}a", $"{region}b"],
            NatGateways = 1,
            Ec2Capacity =
            [
                new Ec2CapacityOptions
                {
                    Id = "Web",
                    InstanceType = InstanceType.Of(InstanceClass.T3, InstanceSize.SMALL),
                    MinCapacity = 1,
                    MaxCapacity = 6,
                },
            ],
        });

        var web = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = ImageSource.FromEcrTag(repository, "1.0.0"),
            ContainerName = "app",
            ContainerPort = 8080,
            Cpu = 256,
            MemoryLimitMiB = 512,
            DesiredCount = 2,
            MinHealthyPercent = 50,
            MaxHealthyPercent = 200,
        });

        // Task scaling: one step policy. Average CPU of the service over 1-minute
        // periods, above 60 % (strictly) for 5 periods -> add one task, then wait 300 s.
        _ = new ServiceScaling(stack, "Scaling", new ServiceScalingProps
        {
            Service = web.Service,
            TargetGroup = web.LoadBalancing.TargetGroup,
            MinCapacity = 2,
            MaxCapacity = 10,
            StepScaling =
            [
                new StepScalingPolicyOptions
                {
                    Id = "CpuHigh",
                    AdjustmentType = AdjustmentType.CHANGE_IN_CAPACITY,
                    Cooldown = Duration.Seconds(300),
                    MetricAggregationType = MetricAggregationType.AVERAGE,
                    Steps = [new ScalingStep { LowerBound = 0, Adjustment = 1 }],
                    Alarm = new StepScalingAlarm
                    {
                        Metric = web.Service.MetricCpuUtilization(new MetricOptions
                        {
                            Period = Duration.Minutes(1),
                            Statistic = "Average",
                        }),
                        Threshold = 60,
                        ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
                        EvaluationPeriods = 5,
                        Description = "Service CPU above 60 % for 5 minutes: add a task",
                    },
                },
            ],
        });

        return stack;
    }
}
