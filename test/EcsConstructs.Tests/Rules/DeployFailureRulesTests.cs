using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Schedule = Amazon.CDK.AWS.ApplicationAutoScaling.Schedule;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.EFS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Rules;

/// <summary>
/// Deploy failures the rules read from the templates, written as users write them with
/// aws-cdk-lib next to (or instead of) the library: schedules and images the library would refuse
/// (ECS056, ECS057), mixed instance types (ECS066), certificates of another region (ECS067), EFS
/// zones and platform versions (ECS068, ECS069), repositories created beside their service
/// (ECS070) and images without an ECS agent (ECS071). Each has its clean twin.
/// </summary>
public sealed class DeployFailureRulesTests
{
    private const string IrelandCertificate = "arn:aws:acm:eu-west-1:123456789012:certificate/0f3c1e2a-1111-2222-3333-444455556666";
    private const string VirginiaCertificate = "arn:aws:acm:us-east-1:123456789012:certificate/0f3c1e2a-1111-2222-3333-444455556666";

    [Fact]
    public void ECS056_a_cron_schedule_with_both_day_fields_set()
    {
        var w = new FargateWorld();
        w.Service.AutoScaleTaskCount(new EnableScalingProps { MinCapacity = 2, MaxCapacity = 6 })
            .ScaleOnSchedule("Morning", new ScalingSchedule { Schedule = Schedule.Expression("cron(0 7 * * MON-FRI *)"), MinCapacity = 4 });

        w.Synth().Fired("ECS056", "'cron(0 7 * * MON-FRI *)' needs '?' in exactly one of day-of-month and day-of-week");
    }

    [Fact]
    public void ECS056_a_cron_schedule_with_a_question_mark_is_fine()
    {
        var w = new FargateWorld();
        w.Service.AutoScaleTaskCount(new EnableScalingProps { MinCapacity = 2, MaxCapacity = 6 })
            .ScaleOnSchedule("Morning", new ScalingSchedule { Schedule = Schedule.Expression("cron(0 7 ? * MON-FRI *)"), MinCapacity = 4 });

        w.Synth().Silent("ECS056");
    }

    [Fact]
    public void ECS057_an_image_name_with_a_space_written_by_an_override()
    {
        var w = new FargateWorld();
        w.CfnTaskDefinition.AddPropertyOverride("ContainerDefinitions.0.Image", "nginx: 1.27");

        w.Synth().Fired("ECS057", "container 'app' image 'nginx: 1.27' contains whitespace");
    }

    [Fact]
    public void ECS066_a_task_that_fits_only_the_larger_type_of_a_mixed_group()
    {
        var w = MixedGroup("t3.small", "t3.large");
        w.TaskDefinition.ContainerDefinitions = new[] { L1World.Container(memory: 3000) };

        w.Synth().Fired("ECS066", "the task needs 3000 MiB of memory but t3.small instances of Test/Asg offer about 1925 MiB");
    }

    [Fact]
    public void ECS066_a_task_that_fits_every_type_of_a_mixed_group_is_fine()
    {
        var w = MixedGroup("t3.large", "m5.large");
        w.TaskDefinition.ContainerDefinitions = new[] { L1World.Container(memory: 3000) };

        var findings = w.Synth();
        findings.Silent("ECS066");
        findings.Silent("ECS001");
    }

    [Fact]
    public void ECS067_an_https_listener_with_a_certificate_of_another_region()
    {
        var w = new FargateWorld();
        w.LoadBalancer.AddListener("Https", new BaseApplicationListenerProps
        {
            Port = 443,
            Certificates = [ListenerCertificate.FromArn(VirginiaCertificate)],
            DefaultAction = ListenerAction.FixedResponse(404),
        });

        w.Synth().Fired("ECS067", $"uses certificate {VirginiaCertificate} of region us-east-1, but the stack deploys to eu-west-1");
    }

    [Fact]
    public void ECS067_a_certificate_of_the_stacks_region_is_fine()
    {
        var w = new FargateWorld();
        w.LoadBalancer.AddListener("Https", new BaseApplicationListenerProps
        {
            Port = 443,
            Certificates = [ListenerCertificate.FromArn(IrelandCertificate)],
            DefaultAction = ListenerAction.FixedResponse(404),
        });

        w.Synth().Silent("ECS067");
    }

    [Fact]
    public void ECS068_an_efs_file_system_with_a_mount_target_in_one_of_the_tasks_two_zones()
    {
        var w = WithEfs(mountTargetZones: 1);

        w.Synth().Fired("ECS068", "runs tasks in eu-west-1b where EFS file system Test/Fs/Resource has no mount target (it has them in eu-west-1a)");
    }

    [Fact]
    public void ECS068_mount_targets_in_every_zone_of_the_tasks_are_fine()
    {
        var w = WithEfs(mountTargetZones: 2);

        w.Synth().Silent("ECS068");
    }

    [Fact]
    public void ECS069_efs_on_fargate_platform_1_3_0()
    {
        var w = WithEfs(mountTargetZones: 2);
        w.CfnService.PlatformVersion = "1.3.0";

        w.Synth().Fired("ECS069", "mounts EFS volumes on Fargate platform version 1.3.0");
    }

    [Fact]
    public void ECS069_efs_on_fargate_platform_1_4_0_is_fine()
    {
        var w = WithEfs(mountTargetZones: 2);
        w.CfnService.PlatformVersion = "1.4.0";

        w.Synth().Silent("ECS069");
    }

    [Fact]
    public void ECS070_a_service_pulling_from_a_repository_its_own_stack_creates()
    {
        var stack = TestApps.NewStack();
        var repository = new Repository(stack, "Repository", new RepositoryProps { RemovalPolicy = RemovalPolicy.RETAIN });
        FargateServicePulling(stack, ContainerImage.FromEcrRepository(repository, "1.0.0"));

        RuleFindings.Of(stack).Fired("ECS070", "container 'app' pulls its image from Test/Repository/Resource, which this stack creates");
    }

    [Fact]
    public void ECS070_a_repository_of_a_stack_deployed_first_is_fine()
    {
        var images = TestApps.NewStack("Images");
        var repository = new Repository(images, "Repository", new RepositoryProps { RemovalPolicy = RemovalPolicy.RETAIN });
        var stack = new Stack((App)images.Node.Scope!, "Service", new StackProps { Env = new Amazon.CDK.Environment { Region = "eu-west-1" } });
        FargateServicePulling(stack, ContainerImage.FromEcrRepository(repository, "1.0.0"));

        RuleFindings.Of(stack).Silent("ECS070");
    }

    [Fact]
    public void ECS071_capacity_launching_plain_amazon_linux()
    {
        var w = new L1World();
        w.LaunchData.ImageId = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
        w.Update();

        w.Synth().Fired("ECS071", "image of SSM parameter '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', which is not an ECS-optimized image");
    }

    [Fact]
    public void ECS071_capacity_launching_the_ecs_optimized_image_is_fine()
    {
        var w = new L1World();
        w.LaunchData.ImageId = "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";
        w.Update();

        w.Synth().Silent("ECS071");
    }

    private static L1World MixedGroup(params string[] instanceTypes)
    {
        var w = new L1World();
        w.Group.LaunchTemplate = null;
        w.Group.MixedInstancesPolicy = new CfnAutoScalingGroup.MixedInstancesPolicyProperty
        {
            LaunchTemplate = new CfnAutoScalingGroup.LaunchTemplateProperty
            {
                LaunchTemplateSpecification = new CfnAutoScalingGroup.LaunchTemplateSpecificationProperty
                {
                    LaunchTemplateId = w.LaunchTemplate.Ref,
                    Version = w.LaunchTemplate.AttrLatestVersionNumber,
                },
                Overrides = instanceTypes.Select(t => new CfnAutoScalingGroup.LaunchTemplateOverridesProperty { InstanceType = t }).ToArray(),
            },
        };
        return w;
    }

    /// <summary>The Fargate world with an EFS volume on a file system whose mount targets cover the first <paramref name="mountTargetZones"/> zones.</summary>
    private static FargateWorld WithEfs(int mountTargetZones) => new(td =>
    {
        var vpc = (Vpc)td.Node.Scope!.Node.FindChild("Vpc");
        var fs = new Amazon.CDK.AWS.EFS.FileSystem(td.Stack, "Fs", new FileSystemProps
        {
            Vpc = vpc,
            VpcSubnets = new SubnetSelection { Subnets = vpc.PrivateSubnets.Take(mountTargetZones).ToArray() },
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        td.AddVolume(new Amazon.CDK.AWS.ECS.Volume
        {
            Name = "data",
            EfsVolumeConfiguration = new EfsVolumeConfiguration { FileSystemId = fs.FileSystemId, TransitEncryption = "ENABLED" },
        });
    });

    private static void FargateServicePulling(Stack stack, ContainerImage image)
    {
        var vpc = new Vpc(stack, "Vpc", new VpcProps { AvailabilityZones = ["eu-west-1a", "eu-west-1b"], NatGateways = 1, RestrictDefaultSecurityGroup = false });
        var cluster = new Cluster(stack, "Cluster", new ClusterProps { Vpc = vpc });
        var td = new FargateTaskDefinition(stack, "Td", new FargateTaskDefinitionProps { Cpu = 256, MemoryLimitMiB = 512 });
        td.AddContainer("app", new ContainerDefinitionOptions { Image = image, Logging = LogDriver.AwsLogs(new AwsLogDriverProps { StreamPrefix = "app" }) });
        _ = new FargateService(stack, "Service", new FargateServiceProps
        {
            Cluster = cluster,
            TaskDefinition = td,
            DesiredCount = 1,
            CircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
        });
    }
}
