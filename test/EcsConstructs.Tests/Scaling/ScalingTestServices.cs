using Amazon.CDK.AWS.ECS;
using Constructs;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Scaling;

/// <summary>Cheap plain EC2 services for scaling tests that need a service of their own.</summary>
internal static class ScalingTestServices
{
    public static Ec2Service Plain(Construct scope, string id, ICluster cluster, int cpu = 256, int memoryMiB = 512, NetworkMode? networkMode = null, int? hostPort = null)
    {
        var taskDefinition = new Ec2TaskDefinition(scope, id + "Task", new Ec2TaskDefinitionProps { NetworkMode = networkMode ?? NetworkMode.BRIDGE });
        taskDefinition.AddContainer("app", new ContainerDefinitionOptions
        {
            Image = Fixtures.Image,
            Cpu = cpu,
            MemoryReservationMiB = memoryMiB,
            PortMappings = [new PortMapping { ContainerPort = 80, HostPort = networkMode == NetworkMode.AWS_VPC ? null : hostPort ?? 0 }],
        });
        return new Ec2Service(scope, id, new Ec2ServiceProps { Cluster = cluster, TaskDefinition = taskDefinition, DesiredCount = 1 });
    }
}
