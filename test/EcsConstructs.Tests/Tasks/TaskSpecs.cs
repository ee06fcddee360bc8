using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Images;
using EcsConstructs.Tasks;

namespace EcsConstructs.Tests.Tasks;

/// <summary>Small, valid task specifications that tests vary one property at a time.</summary>
internal static class TaskSpecs
{
    public static ImageSource Nginx => ImageSource.FromRegistry("public.ecr.aws/nginx/nginx:1.27");

    public static ContainerOptions App(int? memory = 256) => new()
    {
        Name = "app",
        Image = Nginx,
        MemoryLimitMiB = memory,
        PortMappings = [new PortMappingOptions { ContainerPort = 80 }],
    };

    public static EcsTaskDefinitionProps Ec2(params ContainerOptions[] containers) => new()
    {
        Compatibility = Compatibility.EC2,
        Containers = containers.Length == 0 ? [App()] : containers,
    };

    public static EcsTaskDefinitionProps Fargate(int? cpu = 256, int? memory = 512, params ContainerOptions[] containers) => new()
    {
        Compatibility = Compatibility.FARGATE,
        Cpu = cpu,
        MemoryMiB = memory,
        Containers = containers.Length == 0 ? [App(memory: null)] : containers,
    };

    public static EcsTaskDefinition Create(Stack stack, EcsTaskDefinitionProps props) => new(stack, "Task", props);
}
