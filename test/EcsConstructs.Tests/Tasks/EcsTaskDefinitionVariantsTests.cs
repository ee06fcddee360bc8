using System.Text.Json.Nodes;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using EcsConstructs.Tasks;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Tasks;

/// <summary>
/// Three EC2 task definitions in one stack, each varying one choice: Docker and host volumes,
/// roles and a log group brought by the user, another log driver, an image built from a
/// Dockerfile; synthesized once.
/// </summary>
public sealed class EcsTaskDefinitionVariantsFixture
{
    public EcsTaskDefinitionVariantsFixture()
    {
        var stack = TestApps.NewStack();
        new EcsTaskDefinition(stack, "Volumes", new EcsTaskDefinitionProps
        {
            Compatibility = Compatibility.EC2,
            NetworkMode = NetworkMode.HOST,
            Volumes =
            [
                TaskVolume.Docker("cache", Scope.SHARED, "local", new Dictionary<string, string> { ["type"] = "tmpfs", ["device"] = "tmpfs" }, autoprovision: true),
                TaskVolume.BindMount("docker-sock", "/var/run/docker.sock"),
            ],
            Containers =
            [
                new ContainerOptions
                {
                    Name = "app",
                    Image = TaskSpecs.Nginx,
                    MemoryReservationMiB = 128,
                    PortMappings = [new PortMappingOptions { ContainerPort = 80 }],
                    MountPoints =
                    [
                        new VolumeMount { Volume = "cache", ContainerPath = "/cache" },
                        new VolumeMount { Volume = "docker-sock", ContainerPath = "/var/run/docker.sock", ReadOnly = true },
                    ],
                },
            ],
        });
        new EcsTaskDefinition(stack, "BroughtRoles", new EcsTaskDefinitionProps
        {
            Compatibility = Compatibility.EC2,
            ExecutionRole = Role.FromRoleArn(stack, "Execution", "arn:aws:iam::123456789012:role/execution"),
            TaskRole = Role.FromRoleArn(stack, "Application", "arn:aws:iam::123456789012:role/application"),
            Logging = new TaskLogging { LogGroup = LogGroup.FromLogGroupName(stack, "Shared", "/ecs/shared"), StreamPrefix = "orders" },
            Containers = [TaskSpecs.App()],
        });
        new EcsTaskDefinition(stack, "OtherDriver", new EcsTaskDefinitionProps
        {
            Compatibility = Compatibility.EC2,
            Logging = new TaskLogging { Driver = LogDrivers.JsonFile(new JsonFileLogDriverProps { MaxSize = "10m" }) },
            Containers = [TaskSpecs.App()],
        });
        var buildContext = Path.Combine(Path.GetTempPath(), "ecs-dockerfile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(buildContext);
        File.WriteAllText(Path.Combine(buildContext, "Dockerfile"), "FROM public.ecr.aws/nginx/nginx:1.27\n");
        try
        {
            new EcsTaskDefinition(stack, "Built", new EcsTaskDefinitionProps
            {
                Compatibility = Compatibility.EC2,
                Containers = [new ContainerOptions { Name = "app", Image = EcsConstructs.Images.ImageSource.FromDockerfile(buildContext), MemoryLimitMiB = 256 }],
            });
            Template = Synthesized.Of(stack);
        }
        finally
        {
            Directory.Delete(buildContext, recursive: true);
        }
    }

    internal Synthesized Template { get; }
}

public sealed class EcsTaskDefinitionVariantsTests(EcsTaskDefinitionVariantsFixture fixture) : IClassFixture<EcsTaskDefinitionVariantsFixture>
{
    private readonly Synthesized _t = fixture.Template;

    private JsonObject TaskProps(string id) =>
        _t.Resources("AWS::ECS::TaskDefinition").Single(r => r.Key.StartsWith(id + "TaskDefinition", StringComparison.Ordinal)).Value["Properties"]!.AsObject();

    [Fact]
    public void Docker_volume_is_written_with_scope_driver_options_and_autoprovision()
    {
        var docker = TaskProps("Volumes")["Volumes"]![0]!["DockerVolumeConfiguration"]!;
        Assert.Equal("shared", docker["Scope"]!.GetValue<string>());
        Assert.Equal("local", docker["Driver"]!.GetValue<string>());
        Assert.Equal("tmpfs", docker["DriverOpts"]!["type"]!.GetValue<string>());
        Assert.True(docker["Autoprovision"]!.GetValue<bool>());
    }

    [Fact]
    public void Bind_mount_with_a_host_path_mounts_the_instance_path()
    {
        var volume = TaskProps("Volumes")["Volumes"]![1]!;
        Assert.Equal("/var/run/docker.sock", volume["Host"]!["SourcePath"]!.GetValue<string>());
    }

    [Fact]
    public void Host_mode_writes_the_container_port_as_host_port()
    {
        var mapping = TaskProps("Volumes")["ContainerDefinitions"]![0]!["PortMappings"]![0]!;
        Assert.Equal("host", TaskProps("Volumes")["NetworkMode"]!.GetValue<string>());
        Assert.Equal(80, mapping["HostPort"]!.GetValue<int>());
    }

    [Fact]
    public void Brought_roles_are_used_and_no_role_is_created_for_that_task()
    {
        var props = TaskProps("BroughtRoles");
        Assert.Equal("arn:aws:iam::123456789012:role/execution", props["ExecutionRoleArn"]!.GetValue<string>());
        Assert.Equal("arn:aws:iam::123456789012:role/application", props["TaskRoleArn"]!.GetValue<string>());
        Assert.DoesNotContain(_t.Resources("AWS::IAM::Role"), r => r.Key.StartsWith("BroughtRoles", StringComparison.Ordinal));
    }

    [Fact]
    public void Brought_log_group_is_used_with_the_given_stream_prefix()
    {
        var options = TaskProps("BroughtRoles")["ContainerDefinitions"]![0]!["LogConfiguration"]!["Options"]!;
        Assert.Equal("/ecs/shared", options["awslogs-group"]!.GetValue<string>());
        Assert.Equal("orders", options["awslogs-stream-prefix"]!.GetValue<string>());
    }

    [Fact]
    public void Another_log_driver_replaces_awslogs_and_no_log_group_is_created_for_it()
    {
        var log = TaskProps("OtherDriver")["ContainerDefinitions"]![0]!["LogConfiguration"]!;
        Assert.Equal("json-file", log["LogDriver"]!.GetValue<string>());
        Assert.DoesNotContain(_t.Resources("AWS::Logs::LogGroup"), r => r.Key.StartsWith("OtherDriver", StringComparison.Ordinal));
        Assert.Equal(2, _t.Resources("AWS::Logs::LogGroup").Count);
    }

    [Fact]
    public void Image_built_from_a_dockerfile_is_pulled_from_the_asset_repository_by_the_execution_role()
    {
        var image = TaskProps("Built")["ContainerDefinitions"]![0]!["Image"]!.ToJsonString();
        Assert.Contains("container-assets", image, StringComparison.Ordinal);
        var role = TaskProps("Built")["ExecutionRoleArn"]!["Fn::GetAtt"]![0]!.GetValue<string>();
        var policy = _t.Resources("AWS::IAM::Policy").Single(p => p.Value["Properties"]!["Roles"]![0] is JsonObject r && r["Ref"]!.GetValue<string>() == role).Value;
        Assert.Contains("ecr:BatchGetImage", policy.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("AwsSolutions-IAM5", policy["Metadata"]!["cdk_nag"]!["rules_to_suppress"]![0]!["id"]!.GetValue<string>());
    }
}
