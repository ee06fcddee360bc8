using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.EFS;
using EcsConstructs.Tasks;
using EcsConstructs.Tests.Support;
using EcsConstructs.Validation;

namespace EcsConstructs.Tests.Tasks;

public sealed class EcsTaskDefinitionValidationTests
{
    private static EcsValidationException Invalid(EcsTaskDefinitionProps props) =>
        Assert.Throws<EcsValidationException>(() => TaskSpecs.Create(TestApps.NewStack(), props));

    private static ContainerOptions Named(string name, int? memory = 128, bool essential = true) =>
        new() { Name = name, Image = TaskSpecs.Nginx, MemoryLimitMiB = memory, Essential = essential };

    [Fact]
    public void Fargate_256_cpu_with_4096_mib_is_rejected_naming_the_allowed_memory()
    {
        var e = Invalid(TaskSpecs.Fargate(cpu: 256, memory: 4096));
        Assert.Equal("[ECS038] Test/Task: MemoryMiB: 4096 MiB is not allowed with 256 CPU units on Fargate; allowed: 512, 1024, 2048 MiB.", e.Message);
    }

    [Fact]
    public void Fargate_1024_cpu_with_1024_mib_is_rejected_naming_the_range()
    {
        var e = Invalid(TaskSpecs.Fargate(cpu: 1024, memory: 1024));
        Assert.Equal("[ECS038] Test/Task: MemoryMiB: 1024 MiB is not allowed with 1024 CPU units on Fargate; allowed: 2048 to 8192 MiB in steps of 1024 MiB.", e.Message);
    }

    [Fact]
    public void Fargate_cpu_outside_the_table_is_rejected()
    {
        var e = Invalid(TaskSpecs.Fargate(cpu: 300, memory: 1024));
        Assert.Equal("[ECS038] Test/Task: Cpu: 300 CPU units is not a Fargate size; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384.", e.Message);
    }

    [Fact]
    public void Fargate_without_task_cpu_is_rejected()
    {
        var e = Invalid(TaskSpecs.Fargate(cpu: null, memory: 512));
        Assert.Equal("[ECS038] Test/Task: Cpu: is not set; Fargate requires task-level CPU and memory; allowed CPU units: 256, 512, 1024, 2048, 4096, 8192, 16384.", e.Message);
    }

    [Fact]
    public void Fargate_without_task_memory_is_rejected()
    {
        var e = Invalid(TaskSpecs.Fargate(cpu: 512, memory: null));
        Assert.Equal("[ECS038] Test/Task: MemoryMiB: is not set; Fargate requires task-level CPU and memory; allowed with 512 CPU units: 1024, 2048, 3072, 4096 MiB.", e.Message);
    }

    [Fact]
    public void Fargate_with_bridge_mode_is_rejected()
    {
        var p = TaskSpecs.Fargate();
        var e = Invalid(new EcsTaskDefinitionProps { Compatibility = p.Compatibility, Cpu = p.Cpu, MemoryMiB = p.MemoryMiB, Containers = p.Containers, NetworkMode = NetworkMode.BRIDGE });
        Assert.Equal("[ECS024] Test/Task: NetworkMode: BRIDGE is not supported on Fargate; allowed: AWS_VPC.", e.Message);
    }

    [Fact]
    public void Awsvpc_host_port_different_from_the_container_port_is_rejected()
    {
        var app = new ContainerOptions { Name = "app", Image = TaskSpecs.Nginx, PortMappings = [new PortMappingOptions { ContainerPort = 80, HostPort = 8080 }] };
        var e = Invalid(TaskSpecs.Fargate(containers: app));
        Assert.Equal("[ECS024] Test/Task: Containers[app].PortMappings: host port 8080 differs from container port 80; with AWS_VPC the host port must be unset or equal to the container port.", e.Message);
    }

    [Fact]
    public void Port_mappings_in_none_mode_are_rejected()
    {
        var e = Invalid(new EcsTaskDefinitionProps { Compatibility = Compatibility.EC2, NetworkMode = NetworkMode.NONE, Containers = [TaskSpecs.App()] });
        Assert.Equal("[ECS052] Test/Task: Containers[app].PortMappings: are ignored with the NONE network mode (no external network); remove them or use BRIDGE, HOST or AWS_VPC.", e.Message);
    }

    [Fact]
    public void Links_outside_bridge_mode_are_rejected()
    {
        var app = new ContainerOptions { Name = "app", Image = TaskSpecs.Nginx, Links = ["db"] };
        var e = Invalid(TaskSpecs.Fargate(memory: 1024, containers: [app, new ContainerOptions { Name = "db", Image = TaskSpecs.Nginx }]));
        Assert.Equal("[ECS024] Test/Task: Containers[app].Links: links are supported only with the BRIDGE network mode, but the task uses AWS_VPC; containers of an AWS_VPC or HOST task reach each other on localhost.", e.Message);
    }

    [Fact]
    public void A_link_to_an_unknown_container_is_rejected()
    {
        var app = new ContainerOptions { Name = "app", Image = TaskSpecs.Nginx, MemoryLimitMiB = 128, Links = ["cache"] };
        var e = Invalid(TaskSpecs.Ec2(app, Named("db")));
        Assert.Equal("[ECS052] Test/Task: Containers[app].Links: 'cache' is not another container of the task; allowed: db.", e.Message);
    }

    [Fact]
    public void A_container_memory_above_the_task_memory_is_rejected()
    {
        var p = TaskSpecs.Fargate(cpu: 256, memory: 512, containers: Named("app", memory: 1024));
        var e = Invalid(p);
        Assert.Equal("[ECS039] Test/Task: Containers[app].MemoryLimitMiB: 1024 MiB is greater than the task's MemoryMiB (512 MiB); a container's memory must fit in the task's.", e.Message);
    }

    [Fact]
    public void Container_memory_adding_up_beyond_the_task_memory_is_rejected()
    {
        var e = Invalid(TaskSpecs.Fargate(cpu: 256, memory: 512, containers: [Named("app", memory: 384), Named("sidecar", memory: 256, essential: false)]));
        Assert.Equal("[ECS052] Test/Task: Containers: reserve 640 MiB of memory in total (app 384, sidecar 256), more than the task's MemoryMiB (512 MiB).", e.Message);
    }

    [Fact]
    public void Container_cpu_adding_up_beyond_the_task_cpu_is_rejected()
    {
        var app = new ContainerOptions { Name = "app", Image = TaskSpecs.Nginx, Cpu = 200 };
        var sidecar = new ContainerOptions { Name = "sidecar", Image = TaskSpecs.Nginx, Cpu = 100, Essential = false };
        var e = Invalid(TaskSpecs.Fargate(cpu: 256, memory: 512, containers: [app, sidecar]));
        Assert.Equal("[ECS052] Test/Task: Containers: reserve 300 CPU units in total (app 200, sidecar 100), more than the task's Cpu (256 CPU units).", e.Message);
    }

    [Fact]
    public void A_reservation_above_the_hard_limit_is_rejected()
    {
        var app = new ContainerOptions { Name = "app", Image = TaskSpecs.Nginx, MemoryLimitMiB = 256, MemoryReservationMiB = 512 };
        var e = Invalid(TaskSpecs.Ec2(app));
        Assert.Equal("[ECS039] Test/Task: Containers[app].MemoryReservationMiB: 512 MiB is greater than MemoryLimitMiB (256 MiB); the reservation must be less than or equal to the hard limit.", e.Message);
    }

    [Fact]
    public void An_ec2_container_without_memory_and_without_task_memory_is_rejected()
    {
        var e = Invalid(TaskSpecs.Ec2(Named("app", memory: null)));
        Assert.Equal("[ECS039] Test/Task: Containers[app].MemoryLimitMiB: and MemoryReservationMiB are both unset; on EC2 without task-level MemoryMiB each container needs at least one of them.", e.Message);
    }

    [Fact]
    public void A_task_without_an_essential_container_is_rejected()
    {
        var e = Invalid(TaskSpecs.Ec2(Named("app", essential: false)));
        Assert.Equal("[ECS052] Test/Task: Containers: has no essential container; at least one container must be essential.", e.Message);
    }

    [Fact]
    public void Two_containers_with_one_name_are_rejected()
    {
        var e = Invalid(TaskSpecs.Ec2(Named("app"), Named("app")));
        Assert.Equal("[ECS048] Test/Task: Containers: uses the name 'app' more than once; container names must be unique in a task.", e.Message);
    }

    [Fact]
    public void Waiting_for_an_essential_container_to_complete_is_rejected()
    {
        var app = new ContainerOptions
        {
            Name = "app", Image = TaskSpecs.Nginx, MemoryLimitMiB = 128,
            DependsOn = [new ContainerStartDependency { Container = "migrate", Condition = ContainerDependencyCondition.SUCCESS }],
        };
        var e = Invalid(TaskSpecs.Ec2(app, Named("migrate")));
        Assert.Equal("[ECS052] Test/Task: Containers[app].DependsOn: condition SUCCESS on 'migrate', an essential container; COMPLETE and SUCCESS need a non-essential container (Essential = false), such as an init container.", e.Message);
    }

    [Fact]
    public void Waiting_for_health_of_a_container_without_health_check_is_rejected()
    {
        var app = new ContainerOptions
        {
            Name = "app", Image = TaskSpecs.Nginx, MemoryLimitMiB = 128,
            DependsOn = [new ContainerStartDependency { Container = "db", Condition = ContainerDependencyCondition.HEALTHY }],
        };
        var e = Invalid(TaskSpecs.Ec2(app, Named("db")));
        Assert.Equal("[ECS052] Test/Task: Containers[app].DependsOn: condition HEALTHY on 'db', which has no HealthCheck; give it one or use START.", e.Message);
    }

    [Fact]
    public void Mounting_an_unknown_volume_is_rejected()
    {
        var app = new ContainerOptions { Name = "app", Image = TaskSpecs.Nginx, MemoryLimitMiB = 128, MountPoints = [new VolumeMount { Volume = "data", ContainerPath = "/data" }] };
        var e = Invalid(TaskSpecs.Ec2(app));
        Assert.Equal("[ECS052] Test/Task: Containers[app].MountPoints: volume 'data' is not a volume of the task; allowed: none (the task has no volumes).", e.Message);
    }

    [Fact]
    public void A_docker_volume_on_fargate_is_rejected()
    {
        var p = TaskSpecs.Fargate();
        var e = Invalid(new EcsTaskDefinitionProps { Compatibility = p.Compatibility, Cpu = p.Cpu, MemoryMiB = p.MemoryMiB, Containers = p.Containers, Volumes = [TaskVolume.Docker("scratch")] });
        Assert.Equal("[ECS053] Test/Task: Volumes[scratch]: Docker volumes are not supported on Fargate; allowed: a bind mount (task storage) or an EFS volume.", e.Message);
    }

    [Fact]
    public void An_efs_access_point_with_a_root_directory_is_rejected()
    {
        var stack = TestApps.NewStack();
        var fs = FileSystem.FromFileSystemAttributes(stack, "Efs", new FileSystemAttributes
        {
            FileSystemId = "fs-0123456789abcdef0",
            SecurityGroup = Amazon.CDK.AWS.EC2.SecurityGroup.FromSecurityGroupId(stack, "Sg", "sg-0e0e0e0e0e0e0e0e0"),
        });
        var ap = AccessPoint.FromAccessPointAttributes(stack, "Ap", new AccessPointAttributes { AccessPointId = "fsap-0123456789abcdef0", FileSystem = fs });
        var p = TaskSpecs.Fargate();
        var e = Assert.Throws<EcsValidationException>(() => TaskSpecs.Create(stack, new EcsTaskDefinitionProps
        {
            Compatibility = p.Compatibility, Cpu = p.Cpu, MemoryMiB = p.MemoryMiB, Containers = p.Containers,
            Volumes = [TaskVolume.Efs("data", fs, ap, rootDirectory: "/orders")],
        }));
        Assert.Equal("[ECS036] Test/Task: Volumes[data]: root directory '/orders' is given with an access point; with an access point the root directory must be omitted or '/' (the access point sets it).", e.Message);
    }

    [Fact]
    public void A_health_check_interval_below_5_seconds_is_rejected()
    {
        var app = new ContainerOptions
        {
            Name = "app", Image = TaskSpecs.Nginx, MemoryLimitMiB = 128,
            HealthCheck = new ContainerHealthCheck { Command = ["CMD", "true"], Interval = Amazon.CDK.Duration.Seconds(2) },
        };
        var e = Invalid(TaskSpecs.Ec2(app));
        Assert.Equal("[ECS049] Test/Task: Containers[app].HealthCheck.Interval: 2 seconds is out of range; allowed: 5 to 300 seconds.", e.Message);
    }

    [Fact]
    public void A_ulimit_soft_above_hard_is_rejected()
    {
        var app = new ContainerOptions
        {
            Name = "app", Image = TaskSpecs.Nginx, MemoryLimitMiB = 128,
            Ulimits = [new Ulimit { Name = UlimitName.NOFILE, SoftLimit = 9000, HardLimit = 4096 }],
        };
        var e = Invalid(TaskSpecs.Ec2(app));
        Assert.Equal("[ECS052] Test/Task: Containers[app].Ulimits: NOFILE: soft limit 9000 is greater than hard limit 4096; the soft limit must be less than or equal to the hard limit.", e.Message);
    }

    [Fact]
    public void A_stop_timeout_above_120_seconds_on_fargate_is_rejected()
    {
        var app = new ContainerOptions { Name = "app", Image = TaskSpecs.Nginx, StopTimeout = Amazon.CDK.Duration.Seconds(300) };
        var e = Invalid(TaskSpecs.Fargate(containers: app));
        Assert.Equal("[ECS049] Test/Task: Containers[app].StopTimeout: 300 seconds is out of range; allowed: 2 to 120 seconds.", e.Message);
    }
}

public sealed class EcsTaskDefinitionRuntimePlatformTests
{
    private static EcsValidationException Invalid(EcsTaskDefinitionProps props) =>
        Assert.Throws<EcsValidationException>(() => TaskSpecs.Create(TestApps.NewStack(), props));

    private static EcsTaskDefinitionProps Ec2(CpuArchitecture? architecture, OperatingSystemFamily? os = null) => new()
    {
        Compatibility = Compatibility.EC2,
        Containers = [TaskSpecs.App()],
        CpuArchitecture = architecture,
        OperatingSystemFamily = os,
    };

    private static EcsTaskDefinitionProps Fargate(int cpu, int memory, CpuArchitecture? architecture, OperatingSystemFamily? os = null) => new()
    {
        Compatibility = Compatibility.FARGATE,
        Cpu = cpu,
        MemoryMiB = memory,
        Containers = [TaskSpecs.App(memory: null)],
        CpuArchitecture = architecture,
        OperatingSystemFamily = os,
    };

    private static System.Text.Json.Nodes.JsonNode? RuntimePlatformOf(EcsTaskDefinitionProps props)
    {
        var stack = TestApps.NewStack();
        TaskSpecs.Create(stack, props);
        return Synthesized.Of(stack).PropertiesOf("AWS::ECS::TaskDefinition")["RuntimePlatform"];
    }

    [Fact]
    public void An_EC2_task_with_a_cpu_architecture_writes_the_runtime_platform_ECS_accepts()
    {
        var platform = RuntimePlatformOf(Ec2(CpuArchitecture.ARM64));

        Assert.Equal("""{"CpuArchitecture":"ARM64"}""", platform!.ToJsonString());
    }

    [Fact]
    public void An_EC2_task_with_an_operating_system_family_writes_it()
    {
        var platform = RuntimePlatformOf(Ec2(CpuArchitecture.X86_64, OperatingSystemFamily.LINUX));

        Assert.Equal("""{"CpuArchitecture":"X86_64","OperatingSystemFamily":"LINUX"}""", platform!.ToJsonString());
    }

    [Fact]
    public void A_Fargate_task_with_a_cpu_architecture_writes_the_runtime_platform()
    {
        var platform = RuntimePlatformOf(Fargate(256, 512, CpuArchitecture.ARM64));

        Assert.Equal("ARM64", platform!["CpuArchitecture"]!.GetValue<string>());
    }

    [Fact]
    public void A_task_without_a_platform_writes_none()
    {
        Assert.Null(RuntimePlatformOf(Ec2(null)));
    }

    [Fact]
    public void Windows_on_Fargate_below_one_vcpu_is_rejected_naming_the_windows_sizes()
    {
        var e = Invalid(Fargate(512, 1024, null, OperatingSystemFamily.WINDOWS_SERVER_2022_CORE));

        Assert.Equal("[ECS038] Test/Task: Cpu: 512 CPU units is not offered for Windows tasks on Fargate; allowed: 1024, 2048, 4096.", e.Message);
    }

    [Fact]
    public void Windows_on_Fargate_with_eight_vcpus_is_rejected()
    {
        var e = Invalid(Fargate(8192, 16384, null, OperatingSystemFamily.WINDOWS_SERVER_2022_CORE));

        Assert.StartsWith("[ECS038] Test/Task: Cpu: 8192 CPU units is not offered for Windows tasks on Fargate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_on_Fargate_on_ARM64_is_rejected()
    {
        var e = Invalid(Fargate(1024, 2048, CpuArchitecture.ARM64, OperatingSystemFamily.WINDOWS_SERVER_2022_CORE));

        Assert.Equal("[ECS038] Test/Task: CpuArchitecture: ARM64 is not offered for Windows tasks on Fargate; allowed: X86_64 (or not set).", e.Message);
    }

    [Fact]
    public void Windows_on_Fargate_with_two_vcpus_synthesizes()
    {
        var platform = RuntimePlatformOf(Fargate(2048, 4096, null, OperatingSystemFamily.WINDOWS_SERVER_2022_CORE));

        Assert.Equal("WINDOWS_SERVER_2022_CORE", platform!["OperatingSystemFamily"]!.GetValue<string>());
    }
}
