using Amazon.CDK.AWS.ECS;
using Amazon.CDK.Assertions;
using EcsConstructs.Images;
using EcsConstructs.Tasks;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;
using static EcsConstructs.Tests.Support.Props;
using Duration = Amazon.CDK.Duration;

namespace EcsConstructs.Tests.Tasks;

/// <summary>
/// An EC2 bridge-mode task: an nginx app and a log-shipping sidecar sharing a bind mount,
/// synthesized once (and snapshotted) for all facts below.
/// </summary>
public sealed class TwoContainerTaskFixture
{
    public TwoContainerTaskFixture()
    {
        Stack = TestApps.NewStack("TwoContainerTask");
        TaskDefinition = new EcsTaskDefinition(Stack, "Task", new EcsTaskDefinitionProps
        {
            Compatibility = Compatibility.EC2,
            MemoryMiB = 512,
            Volumes = [TaskVolume.BindMount("logs")],
            Containers =
            [
                new ContainerOptions
                {
                    Name = "app",
                    Image = TaskSpecs.Nginx,
                    Cpu = 256,
                    MemoryLimitMiB = 384,
                    MemoryReservationMiB = 256,
                    PortMappings = [new PortMappingOptions { ContainerPort = 80, Name = "http" }],
                    Environment = new Dictionary<string, string> { ["NGINX_PORT"] = "80" },
                    HealthCheck = new ContainerHealthCheck
                    {
                        Command = ["CMD-SHELL", "curl -f http://localhost/ || exit 1"],
                        StartPeriod = Duration.Seconds(15),
                    },
                    MountPoints = [new VolumeMount { Volume = "logs", ContainerPath = "/var/log/nginx" }],
                    StopTimeout = Duration.Seconds(20),
                    Ulimits = [new Ulimit { Name = UlimitName.NOFILE, SoftLimit = 4096, HardLimit = 8192 }],
                },
                new ContainerOptions
                {
                    Name = "log-shipper",
                    Image = ImageSource.FromRegistry("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2"),
                    Essential = false,
                    MemoryReservationMiB = 64,
                    ReadonlyRootFilesystem = true,
                    Command = ["/fluent-bit/bin/fluent-bit", "-i", "tail", "-p", "path=/logs/*.log", "-o", "stdout"],
                    MountPoints = [new VolumeMount { Volume = "logs", ContainerPath = "/logs", ReadOnly = true }],
                    DependsOn = [new ContainerStartDependency { Container = "app", Condition = ContainerDependencyCondition.HEALTHY }],
                    Links = ["app"],
                },
            ],
        });
        Template = Synthesized.Of(Stack);
    }

    internal Amazon.CDK.Stack Stack { get; }

    internal EcsTaskDefinition TaskDefinition { get; }

    internal Synthesized Template { get; }
}

public sealed class TwoContainerTaskTests(TwoContainerTaskFixture fixture) : IClassFixture<TwoContainerTaskFixture>
{
    private static readonly string[] Ec2Only = ["EC2"];

    private readonly Synthesized _t = fixture.Template;

    private System.Text.Json.Nodes.JsonNode Container(string name) =>
        _t.PropertiesOf("AWS::ECS::TaskDefinition")["ContainerDefinitions"]!.AsArray().Single(c => c!["Name"]!.GetValue<string>() == name)!;

    [Fact]
    public void Template_matches_the_reviewed_snapshot()
    {
        SnapshotAssert.MatchesSnapshot(fixture.Stack);
    }

    [Fact]
    public void Task_runs_in_bridge_mode_on_ec2_by_default()
    {
        _t.Template.HasResourceProperties("AWS::ECS::TaskDefinition", Obj(
            ("NetworkMode", "bridge"), ("RequiresCompatibilities", Ec2Only), ("Memory", "512")));
    }

    [Fact]
    public void Unset_host_port_in_bridge_mode_is_written_as_dynamic_port_zero()
    {
        var mapping = Container("app")["PortMappings"]![0]!;
        Assert.Equal(0, mapping["HostPort"]!.GetValue<int>());
        Assert.Equal(80, mapping["ContainerPort"]!.GetValue<int>());
        Assert.Equal("http", mapping["Name"]!.GetValue<string>());
    }

    [Fact]
    public void App_and_sidecar_share_the_bind_mount_volume()
    {
        var volume = Assert.Single(_t.PropertiesOf("AWS::ECS::TaskDefinition")["Volumes"]!.AsArray())!;
        Assert.Equal("logs", volume["Name"]!.GetValue<string>());
        Assert.Null(volume["Host"]);
        Assert.Equal("/var/log/nginx", Container("app")["MountPoints"]![0]!["ContainerPath"]!.GetValue<string>());
        var sidecarMount = Container("log-shipper")["MountPoints"]![0]!;
        Assert.Equal("logs", sidecarMount["SourceVolume"]!.GetValue<string>());
        Assert.True(sidecarMount["ReadOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void Sidecar_starts_after_the_app_is_healthy_and_links_to_it()
    {
        var sidecar = Container("log-shipper");
        Assert.Equal("HEALTHY", sidecar["DependsOn"]![0]!["Condition"]!.GetValue<string>());
        Assert.Equal("app", sidecar["DependsOn"]![0]!["ContainerName"]!.GetValue<string>());
        Assert.Equal("app:app", sidecar["Links"]![0]!.GetValue<string>());
        Assert.False(sidecar["Essential"]!.GetValue<bool>());
        Assert.True(sidecar["ReadonlyRootFilesystem"]!.GetValue<bool>());
    }

    [Fact]
    public void Container_health_check_stop_timeout_and_ulimits_are_written()
    {
        var app = Container("app");
        var hc = app["HealthCheck"]!;
        Assert.Equal("CMD-SHELL", hc["Command"]![0]!.GetValue<string>());
        Assert.Equal(30, hc["Interval"]!.GetValue<int>());
        Assert.Equal(5, hc["Timeout"]!.GetValue<int>());
        Assert.Equal(3, hc["Retries"]!.GetValue<int>());
        Assert.Equal(15, hc["StartPeriod"]!.GetValue<int>());
        Assert.Equal(20, app["StopTimeout"]!.GetValue<int>());
        Assert.Equal("nofile", app["Ulimits"]![0]!["Name"]!.GetValue<string>());
        Assert.Equal(384, app["Memory"]!.GetValue<int>());
        Assert.Equal(256, app["MemoryReservation"]!.GetValue<int>());
    }

    [Fact]
    public void Containers_log_with_awslogs_into_the_task_log_group_under_their_name()
    {
        var logGroup = _t.LogicalId("AWS::Logs::LogGroup");
        foreach (var name in new[] { "app", "log-shipper" })
        {
            var log = Container(name)["LogConfiguration"]!;
            Assert.Equal("awslogs", log["LogDriver"]!.GetValue<string>());
            Assert.Equal(logGroup, log["Options"]!["awslogs-group"]!["Ref"]!.GetValue<string>());
            Assert.Equal(name, log["Options"]!["awslogs-stream-prefix"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Log_group_keeps_30_days_and_is_retained()
    {
        var logGroup = _t.Single("AWS::Logs::LogGroup").Value;
        Assert.Equal(30, logGroup["Properties"]!["RetentionInDays"]!.GetValue<int>());
        Assert.Equal("Retain", logGroup["DeletionPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void Execution_and_task_roles_are_two_separate_roles()
    {
        var props = _t.PropertiesOf("AWS::ECS::TaskDefinition");
        var execution = props["ExecutionRoleArn"]!["Fn::GetAtt"]![0]!.GetValue<string>();
        var task = props["TaskRoleArn"]!["Fn::GetAtt"]![0]!.GetValue<string>();
        Assert.NotEqual(execution, task);
        Assert.Equal(2, _t.Resources("AWS::IAM::Role").Count);
        _t.Template.AllResourcesProperties("AWS::IAM::Role", Obj(("AssumeRolePolicyDocument", Obj(("Statement", new object[]
        {
            Match.ObjectLike(Obj(("Action", "sts:AssumeRole"), ("Effect", "Allow"), ("Principal", Obj(("Service", "ecs-tasks.amazonaws.com"))))),
        })))));
    }

    [Fact]
    public void Task_role_trusts_only_ecs_tasks_of_this_account()
    {
        var taskRole = _t.PropertiesOf("AWS::ECS::TaskDefinition")["TaskRoleArn"]!["Fn::GetAtt"]![0]!.GetValue<string>();
        var statement = _t.Json["Resources"]![taskRole]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!;
        Assert.Equal("{\"Ref\":\"AWS::AccountId\"}", statement["Condition"]!["StringEquals"]!["aws:SourceAccount"]!.ToJsonString());
        Assert.Contains(":ecs:eu-west-1:", statement["Condition"]!["ArnLike"]!["aws:SourceArn"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Execution_role_may_only_write_logs_for_public_images()
    {
        var policy = Assert.Single(_t.Resources("AWS::IAM::Policy")).Value;
        var actions = policy["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()
            .SelectMany(s => s!["Action"] is System.Text.Json.Nodes.JsonArray a ? a.Select(x => x!.GetValue<string>()) : [s["Action"]!.GetValue<string>()])
            .Order().ToArray();
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], actions);
    }

    [Fact]
    public void Environment_variables_carry_an_ecs2_suppression_with_a_reason()
    {
        var metadata = _t.Single("AWS::ECS::TaskDefinition").Value["Metadata"]!["cdk_nag"]!["rules_to_suppress"]![0]!;
        Assert.Equal("AwsSolutions-ECS2", metadata["id"]!.GetValue<string>());
    }

    [Fact]
    public void Default_container_is_the_first_essential_one()
    {
        Assert.Equal("app", fixture.TaskDefinition.DefaultContainer.ContainerName);
        Assert.Equal(["app", "log-shipper"], fixture.TaskDefinition.Containers.Keys.Order().ToArray());
    }
}
