// A separate CDK app built against the packed EcsConstructs package. It synthesizes one stack
// with an EC2 cluster and a load-balanced service, into CDK_OUTDIR (or cdk.out).
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Clusters;
using EcsConstructs.Rules;
using EcsConstructs.Services;

var app = new App();
var stack = new Stack(app, "Consumer", new StackProps { Env = new Amazon.CDK.Environment { Region = "eu-west-1" } });

var cluster = new EcsCluster(stack, "Cluster", new EcsClusterProps
{
    AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
    Ec2Capacity =
    [
        new Ec2CapacityOptions
        {
            Id = "Small",
            InstanceType = InstanceType.Of(InstanceClass.T3, InstanceSize.SMALL),
            MinCapacity = 1,
            MaxCapacity = 2,
        },
    ],
});

_ = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
{
    Cluster = cluster.Cluster,
    Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
    ContainerName = "web",
    ContainerPort = 80,
    MemoryLimitMiB = 256,
    DesiredCount = 2,
});

// Synthesizes, then checks the templates with the rules (errors make the app exit with code 1).
var assembly = EcsRules.Synth(app);
Console.WriteLine($"synthesized {stack.StackName} into {assembly.Directory}");
