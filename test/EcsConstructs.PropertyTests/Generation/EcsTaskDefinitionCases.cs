using Amazon.CDK;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.EFS;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SSM;
using EcsConstructs.Images;
using EcsConstructs.Security;
using EcsConstructs.Tasks;
using EcsConstructs.Validation;
using FsCheck;
using FsCheck.Fluent;
using EcsConstructs.Rules.Data;

namespace EcsConstructs.Tests.Quality.Generation;

internal sealed record PortData(int ContainerPort, int? HostPort);

/// <summary>
/// Kind: complete, ssm, partial (FromSecretPartialArn), name (FromSecretNameV2), other-service (a
/// "complete" ARN of another service). A complete ARN without the suffix is not generated: CDK's
/// FromSecretCompleteArn itself refuses it, in the caller's code, before the library sees it.
/// </summary>
internal sealed record SecretData(string Env, string Kind, string? JsonKey = null, string? VersionStage = null, string? VersionId = null);

internal sealed record HealthData(string[] Command, int IntervalMs, int TimeoutMs, int Retries, int? StartPeriodMs = null);

internal sealed record MountData(string Volume, string Path, bool ReadOnly);

internal sealed record DependencyData(string Container, ContainerDependencyCondition Condition);

/// <summary>ImageKind: registry, ecr-tag, ecr-digest.</summary>
internal sealed record ContainerData(
    string Name,
    string ImageKind,
    string ImageRef,
    int? Cpu,
    int? MemoryLimit,
    int? MemoryReservation,
    PortData[] Ports,
    string[] Env,
    bool AllowSecretLike,
    SecretData[] Secrets,
    string[] Links,
    bool Essential,
    MountData[] Mounts,
    int? StopTimeoutMs,
    HealthData? Health,
    DependencyData[] DependsOn,
    int[]? Ulimit);

/// <summary>Kind: bind, bind-host, docker, docker-shared, efs.</summary>
internal sealed record VolumeData(string Name, string Kind, bool? Autoprovision = null);

internal sealed record TaskData(
    Compatibility Compatibility,
    NetworkMode? NetworkMode,
    int? Cpu,
    int? Memory,
    ContainerData[] Containers,
    VolumeData[] Volumes,
    string? Family)
{
    public bool IsFargate => Compatibility != Compatibility.EC2;

    public NetworkMode EffectiveMode => NetworkMode ?? (IsFargate ? Amazon.CDK.AWS.ECS.NetworkMode.AWS_VPC : Amazon.CDK.AWS.ECS.NetworkMode.BRIDGE);
}

/// <summary><see cref="EcsTaskDefinition"/>: containers, ports, network modes, Fargate sizes, links, secrets, volumes, health checks.</summary>
internal sealed class EcsTaskDefinitionCases : PerturbingCaseGenerator<TaskData>
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string CompleteArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/db-AbCdEf";

    public override string Name => "EcsTaskDefinition";

    public override int Weight => 40;

    protected override string Owner => "Task";

    protected override Gen<TaskData> Valid =>
        from compat in G.Pick(Compatibility.EC2, Compatibility.EC2, Compatibility.FARGATE, Compatibility.EC2_AND_FARGATE)
        let fargate = compat != Compatibility.EC2
        from mode in fargate
            ? G.Pick<NetworkMode?>(null, NetworkMode.AWS_VPC)
            : G.Pick<NetworkMode?>(null, NetworkMode.BRIDGE, NetworkMode.BRIDGE, NetworkMode.AWS_VPC, NetworkMode.HOST, NetworkMode.NONE)
        let effective = mode ?? (fargate ? NetworkMode.AWS_VPC : NetworkMode.BRIDGE)
        from cpu in fargate ? G.Pick<int?>(256, 512, 1024) : G.Maybe(30, G.Pick(256, 512, 1024))
        from memory in fargate
            ? G.Pick(FargateSizes.MemoryValuesFor(cpu!.Value).Take(3).Select(m => (int?)m).ToArray())
            : G.Maybe(30, G.Pick(512, 1024))
        from two in G.Chance(40)
        from volume in G.MaybeRef(30, Volume(fargate))
        from app in Container("app", effective, memoryRequired: !fargate && memory is null, volume)
        from sidecar in Container("sidecar", effective, memoryRequired: !fargate && memory is null, null)
        from sidecarEssential in G.Chance(50)
        from dependency in G.Maybe(50, G.Pick(ContainerDependencyCondition.START, ContainerDependencyCondition.COMPLETE, ContainerDependencyCondition.SUCCESS))
        from link in G.Chance(50)
        from family in G.MaybeRef(20, G.Pick("orders-api", "orders_api_2"))
        select new TaskData(
            compat,
            mode,
            cpu,
            memory,
            two
                ? [
                    app with
                    {
                        Links = link && effective == NetworkMode.BRIDGE ? ["sidecar"] : [],
                        DependsOn = dependency is { } d && (!sidecarEssential || d == ContainerDependencyCondition.START) ? [new DependencyData("sidecar", d)] : [],
                    },
                    sidecar with { Essential = sidecarEssential, Ports = [] },
                ]
                : [app],
            volume is null ? [] : [volume],
            family);

    private static Gen<VolumeData> Volume(bool fargate) =>
        from kind in fargate ? G.Pick("bind", "efs") : G.Pick("bind", "bind-host", "docker", "docker-shared", "efs")
        select new VolumeData("data", kind, kind == "docker-shared" ? true : null);

    private static Gen<ContainerData> Container(string name, NetworkMode mode, bool memoryRequired, VolumeData? volume) =>
        from imageKind in G.Pick("registry", "registry", "ecr-tag", "ecr-digest")
        from cpu in G.Maybe(40, G.Pick(0, 64, 128))
        from limit in memoryRequired ? G.Pick<int?>(128, 256) : G.Maybe(40, G.Pick(128, 256))
        from reservation in G.Maybe(30, G.Pick(64, 128))
        from port in G.Pick(80, 8080)
        from bridgeHost in G.Pick<int?>(null, 0, port, 30_000 + port)
        from sameHost in G.Chance(50)
        from env in G.Pick(Array.Empty<string>(), ["LOG_LEVEL"], ["LOG_LEVEL", "FEATURE_FLAGS"])
        from secretKind in G.MaybeRef(40, G.Pick("complete", "complete-json-key", "complete-version-stage", "ssm"))
        from health in G.MaybeRef(30, Gen.Constant(new HealthData(["curl -f http://localhost/ || exit 1"], 30_000, 5_000, 3)))
        from stop in G.Maybe(20, G.Pick(2_000, 30_000, 120_000))
        from readOnly in G.Chance(50)
        from ulimit in G.Chance(15)
        select new ContainerData(
            name,
            imageKind,
            imageKind switch { "ecr-tag" => "v1.2.3", "ecr-digest" => Digest, _ => "public.ecr.aws/nginx/nginx:1.27" },
            cpu,
            limit,
            reservation is { } r && (limit is null || r <= limit) ? r : null,
            mode == NetworkMode.NONE ? [] : [new PortData(port, mode == NetworkMode.BRIDGE ? bridgeHost : sameHost ? port : null)],
            env,
            false,
            secretKind switch
            {
                null => [],
                "complete-json-key" => [new SecretData("DB_PASSWORD", "complete", JsonKey: "password")],
                "complete-version-stage" => [new SecretData("DB_PASSWORD", "complete", VersionStage: "AWSPREVIOUS")],
                _ => [new SecretData("DB_PASSWORD", secretKind)],
            },
            [],
            true,
            volume is null ? [] : [new MountData(volume.Name, "/data", readOnly)],
            stop,
            health,
            [],
            ulimit ? [1024, 4096] : null);

    protected override IReadOnlyList<Perturbation<TaskData>> Perturbations { get; } =
    [
        new("Fargate CPU that is not a Fargate size", true, ["Cpu"], s => G.Pick(100, 300, 3000).Select(c => ToFargate(s) with { Cpu = c })),
        new("Fargate CPU/memory mismatch", true, ["MemoryMiB"], s => G.Pick((256, 4096), (256, 1536), (512, 512), (1024, 9216), (4096, 4096)).Select(p => ToFargate(s) with { Cpu = p.Item1, Memory = p.Item2 })),
        new("Fargate without task CPU or memory", true, ["Cpu", "MemoryMiB"], s => G.Pick(true, false).Select(cpu => cpu ? ToFargate(s) with { Cpu = null } : ToFargate(s) with { Memory = null })),
        new("Fargate with a non-awsvpc network mode", true, ["NetworkMode"], s => G.Pick(NetworkMode.BRIDGE, NetworkMode.HOST, NetworkMode.NONE).Select(m => ToFargate(s) with { NetworkMode = m })),
        new("EC2 and Fargate compatibility", false, ["Compatibility"], s => Gen.Constant(ToFargate(s) with { Compatibility = Compatibility.EC2_AND_FARGATE })),
        new("host port that differs in awsvpc or host mode", true, ["Containers.PortMappings", "NetworkMode"],
            s => G.Pick(NetworkMode.AWS_VPC, NetworkMode.HOST).Select(m => OnApp(WithMode(s, m), c => c with { Ports = [new PortData(80, 8080)] }))),
        new("host port equal to the container port in awsvpc", false, ["Containers.PortMappings", "NetworkMode"],
            s => Gen.Constant(OnApp(WithMode(s, NetworkMode.AWS_VPC), c => c with { Ports = [new PortData(8080, 8080)] }))),
        new("fixed host port in bridge mode", false, ["Containers.PortMappings", "NetworkMode"],
            s => Gen.Constant(OnApp(WithMode(ToEc2(s), NetworkMode.BRIDGE), c => c with { Ports = [new PortData(80, 8080)] }))),
        new("container port out of range", true, ["Containers.PortMappings.ContainerPort", "Containers.PortMappings", "NetworkMode"],
            s => G.Pick(0, -1, 65_536).Select(p => OnApp(WithMode(s, s.IsFargate ? NetworkMode.AWS_VPC : NetworkMode.BRIDGE), c => c with { Ports = [new PortData(p, null)] }))),
        new("host port out of range", true, ["Containers.PortMappings.HostPort", "Containers.PortMappings", "NetworkMode"],
            s => G.Pick(-1, 65_536).Select(p => OnApp(WithMode(ToEc2(s), NetworkMode.BRIDGE), c => c with { Ports = [new PortData(80, p)] }))),
        new("port mappings in NONE mode", true, ["Containers.PortMappings", "NetworkMode"],
            s => Gen.Constant(OnApp(WithMode(ToEc2(s), NetworkMode.NONE), c => c with { Ports = [new PortData(80, null)] }))),
        new("links outside bridge mode", true, ["Containers.Links", "NetworkMode"],
            s => G.Pick(NetworkMode.AWS_VPC, NetworkMode.HOST).Select(m => OnApp(WithMode(TwoContainers(s), m), c => c with { Links = ["sidecar"] }))),
        new("link to itself or to an unknown container", true, ["Containers.Links"],
            s => G.Pick("app", "ghost").Select(l => OnApp(s, c => c with { Links = [l] }))),
        new("invalid container name", true, ["Containers", "Containers.Name"], s => G.Pick("", " ", "my app", "app!", new string('a', 256)).Select(n => OnApp(s, c => c with { Name = n }))),
        new("duplicate container names", true, ["Containers"], s => Gen.Constant(s.Containers.Length == 0 ? s : s with { Containers = [.. s.Containers, s.Containers[0] with { Links = [], DependsOn = [] }] })),
        new("no essential container", true, ["Containers"], s => Gen.Constant(s with { Containers = s.Containers.Select(c => c with { Essential = false, DependsOn = [] }).ToArray() })),
        new("no containers", true, ["Containers"], s => Gen.Constant(s with { Containers = [] })),
        new("memory reservation above the limit", true, ["Containers.MemoryReservationMiB"], s => Gen.Constant(OnApp(s, c => c with { MemoryLimit = 128, MemoryReservation = 256 }))),
        new("EC2 container without any memory", true, ["Containers.MemoryLimitMiB", "MemoryMiB"],
            s => Gen.Constant(OnApp(ToEc2(s) with { Memory = null }, c => c with { MemoryLimit = null, MemoryReservation = null }))),
        new("container memory above the task's", true, ["Containers.MemoryLimitMiB", "Containers", "MemoryMiB"],
            s => Gen.Constant(WithTaskMemory(s) is var t ? OnApp(t, c => c with { MemoryLimit = t.Memory + 256, MemoryReservation = null }) : s)),
        new("containers reserve more memory than the task", true, ["Containers", "MemoryMiB"],
            s => Gen.Constant(WithTaskMemory(TwoContainers(s)) is var t
                ? t with { Containers = t.Containers.Select((c, i) => c with { MemoryLimit = null, MemoryReservation = i == 0 ? t.Memory : 64 }).ToArray() }
                : s)),
        new("containers reserve more CPU than the task", true, ["Containers", "Cpu"],
            s => Gen.Constant(TwoContainers(s) with { Cpu = s.Cpu ?? 256 } is var t
                ? t with { Containers = t.Containers.Select((c, i) => c with { Cpu = i == 0 ? t.Cpu : 64 }).ToArray() }
                : s)),
        new("negative container CPU or memory", true, ["Containers.Cpu", "Containers.MemoryLimitMiB", "Containers.MemoryReservationMiB"],
            s => G.Pick(0, 1, 2).Select(k => OnApp(s, c => k switch
            {
                0 => c with { Cpu = -1 },
                1 => c with { MemoryLimit = 0, MemoryReservation = null },
                _ => c with { MemoryReservation = -5 },
            }))),
        new("task CPU or memory out of range on EC2", true, ["Cpu", "MemoryMiB"],
            s => G.Pick<(int?, int?)>((64, null), (200_000, null), (null, 4)).Select(p => ToEc2(s) with { Cpu = p.Item1, Memory = p.Item2 })),
        new("secret that is not a complete Secrets Manager ARN", true, ["Containers.Secrets"],
            s => G.Pick("partial", "name", "other-service").Select(k => OnApp(s, c => c with { Secrets = [new SecretData("DB_PASSWORD", k)] }))),
        new("secret with version stage and version id", true, ["Containers.Secrets"],
            s => Gen.Constant(OnApp(s, c => c with { Secrets = [new SecretData("DB_PASSWORD", "complete", VersionStage: "AWSPREVIOUS", VersionId: "0d5e3c5a-1111-2222-3333-444455556666")] }))),
        new("secret with an empty JSON key", true, ["Containers.Secrets"],
            s => Gen.Constant(OnApp(s, c => c with { Secrets = [new SecretData("DB_PASSWORD", "complete", JsonKey: "")] }))),
        new("SSM and complete-ARN secrets together", false, ["Containers.Secrets"],
            s => Gen.Constant(OnApp(s, c => c with { Secrets = [new SecretData("DB_PASSWORD", "complete", JsonKey: "password"), new SecretData("API_TOKEN", "ssm")] }))),
        new("secret that is also an environment variable", true, ["Containers.Secrets"],
            s => Gen.Constant(OnApp(s, c => c with { Env = ["DB_URL"], Secrets = [new SecretData("DB_URL", "complete")] }))),
        new("secret-like environment name", true, ["Containers.Environment"], s => G.Pick("DB_PASSWORD", "api_key", "GITHUB_TOKEN").Select(n => OnApp(s, c => c with { Env = [n] }))),
        new("secret-like environment name, allowed", false, ["Containers.Environment"], s => Gen.Constant(OnApp(s, c => c with { Env = ["TOKEN_URL"], AllowSecretLike = true }))),
        new("host path volume on Fargate", true, ["Volumes"], s => Gen.Constant(WithVolume(ToFargate(s), new VolumeData("data", "bind-host")))),
        new("Docker volume on Fargate", true, ["Volumes"], s => Gen.Constant(WithVolume(ToFargate(s), new VolumeData("data", "docker")))),
        new("autoprovision with TASK scope", true, ["Volumes"], s => Gen.Constant(WithVolume(ToEc2(s), new VolumeData("data", "docker", Autoprovision: true)))),
        new("invalid or duplicate volume name", true, ["Volumes"],
            s => G.Pick("", "my data", "dup").Select(n => n == "dup"
                ? WithVolume(s, new VolumeData("data", "bind")) with { Volumes = [new VolumeData("data", "bind"), new VolumeData("data", "bind")] }
                : WithVolume(s, new VolumeData(n, "bind")))),
        new("mount of an unknown volume", true, ["Containers.MountPoints"], s => Gen.Constant(OnApp(s, c => c with { Mounts = [new MountData("ghost", "/data", false)] }))),
        new("relative mount path", true, ["Containers.MountPoints"],
            s => G.Pick("data", "").Select(p => OnApp(WithVolume(s, new VolumeData("data", "bind")), c => c with { Mounts = [new MountData("data", p, false)] }))),
        new("health check interval, timeout, retries or start period out of range", true,
            ["Containers.HealthCheck.Interval", "Containers.HealthCheck.Timeout", "Containers.HealthCheck.Retries", "Containers.HealthCheck.StartPeriod"],
            s => G.Pick(
                new HealthData(["CMD", "true"], 1_000, 500, 3),
                new HealthData(["CMD", "true"], 301_000, 5_000, 3),
                new HealthData(["CMD", "true"], 30_000, 121_000, 3),
                new HealthData(["CMD", "true"], 30_000, 5_000, 0),
                new HealthData(["CMD", "true"], 30_000, 5_000, 11),
                new HealthData(["CMD", "true"], 30_000, 5_000, 3, 301_000)).Select(h => OnApp(s, c => c with { Health = h }))),
        new("health check interval of a fractional second", true, ["Containers.HealthCheck.Interval", "Containers.HealthCheck.Timeout"],
            s => G.Pick(new HealthData(["CMD", "true"], 30_500, 5_000, 3), new HealthData(["CMD", "true"], 30_000, 2_500, 3))
                .Select(h => OnApp(s, c => c with { Health = h }))),
        new("health check without a command", true, ["Containers.HealthCheck.Command"], s => Gen.Constant(OnApp(s, c => c with { Health = new HealthData([], 30_000, 5_000, 3) }))),
        new("Fargate stop timeout out of range", true, ["Containers.StopTimeout"], s => G.Pick(1_000, 121_000).Select(t => OnApp(ToFargate(s), c => c with { StopTimeoutMs = t }))),
        new("stop timeout of a fractional second", true, ["Containers.StopTimeout"], s => Gen.Constant(OnApp(s, c => c with { StopTimeoutMs = 2_500 }))),
        new("dependency on an unknown container", true, ["Containers.DependsOn"], s => Gen.Constant(OnApp(s, c => c with { DependsOn = [new DependencyData("ghost", ContainerDependencyCondition.START)] }))),
        new("COMPLETE dependency on an essential container", true, ["Containers.DependsOn"],
            s => G.Pick(ContainerDependencyCondition.COMPLETE, ContainerDependencyCondition.SUCCESS).Select(d =>
            {
                var t = TwoContainers(s);
                return t with { Containers = [t.Containers[0] with { DependsOn = [new DependencyData("sidecar", d)] }, t.Containers[1] with { Essential = true }] };
            })),
        new("HEALTHY dependency on a container without health check", true, ["Containers.DependsOn"], s => Gen.Constant(TwoContainers(s) is var t
            ? t with { Containers = [t.Containers[0] with { DependsOn = [new DependencyData("sidecar", ContainerDependencyCondition.HEALTHY)] }, t.Containers[1] with { Health = null }] }
            : s)),
        new("invalid image reference", true, ["Containers.Image"],
            s => G.Pick(("registry", ""), ("registry", "nginx latest"), ("ecr-tag", "-bad"), ("ecr-tag", ""), ("ecr-tag", new string('t', 129)), ("ecr-digest", "sha256:xyz"), ("ecr-digest", "md5:0123"))
                .Select(i => OnApp(s, c => c with { ImageKind = i.Item1, ImageRef = i.Item2 }))),
        new("invalid family", true, ["Family"], s => G.Pick("", " ", "orders api", "orders.api", new string('f', 256)).Select(f => s with { Family = f })),
        new("ulimit soft limit above hard limit", true, ["Containers.Ulimits"], s => Gen.Constant(OnApp(s, c => c with { Ulimit = [4096, 1024] }))),
    ];

    private static TaskData OnApp(TaskData s, Func<ContainerData, ContainerData> change) =>
        s.Containers.Length == 0 ? s : s with { Containers = s.Containers.With(0, change) };

    /// <summary>The same containers as a valid Fargate task (512 CPU units, 1 GiB, awsvpc, Fargate-compatible volumes).</summary>
    private static TaskData ToFargate(TaskData s)
    {
        if (s.IsFargate)
        {
            return s;
        }

        var t = WithMode(s, NetworkMode.AWS_VPC) with { Compatibility = Compatibility.FARGATE, NetworkMode = null, Cpu = 512, Memory = 1024 };
        var volumes = t.Volumes.Where(v => v.Kind is "bind" or "efs").ToArray();
        return t with
        {
            Volumes = volumes,
            Containers = t.Containers.Select(c => c with { Mounts = c.Mounts.Where(m => volumes.Any(v => v.Name == m.Volume)).ToArray() }).ToArray(),
        };
    }

    /// <summary>The same containers as a valid EC2 task (bridge mode, every container with a memory limit).</summary>
    private static TaskData ToEc2(TaskData s)
    {
        if (!s.IsFargate)
        {
            return s;
        }

        var t = WithMode(s with { Compatibility = Compatibility.EC2, NetworkMode = null, Cpu = null, Memory = null }, NetworkMode.BRIDGE);
        return t with { Containers = t.Containers.Select(c => c with { MemoryLimit = c.MemoryLimit ?? 256, MemoryReservation = null }).ToArray() };
    }

    /// <summary>Switches the network mode and keeps the rest valid for it (ports, links).</summary>
    private static TaskData WithMode(TaskData s, NetworkMode mode) => s with
    {
        NetworkMode = mode,
        Containers = s.Containers.Select(c => c with
        {
            Links = mode == NetworkMode.BRIDGE ? c.Links : [],
            Ports = mode == NetworkMode.NONE ? [] : c.Ports.Select(p => mode == NetworkMode.BRIDGE ? p : p with { HostPort = null }).ToArray(),
        }).ToArray(),
    };

    private static TaskData TwoContainers(TaskData s)
    {
        if (s.Containers.Length >= 2)
        {
            return s;
        }

        var first = s.Containers.Length == 0
            ? new ContainerData("app", "registry", "public.ecr.aws/nginx/nginx:1.27", null, 128, null, [], [], false, [], [], true, [], null, null, [], null)
            : s.Containers[0];
        var sidecar = first with { Name = "sidecar", Ports = [], Links = [], DependsOn = [], Mounts = [], Secrets = [], Health = null, Essential = false, Cpu = null, MemoryLimit = 128, MemoryReservation = null };
        return s with { Containers = [first, sidecar] };
    }

    private static TaskData WithTaskMemory(TaskData s) => s.Memory is null ? ToEc2(s) with { Memory = 512 } : s;

    private static TaskData WithVolume(TaskData s, VolumeData volume) => s with
    {
        Volumes = [volume],
        Containers = s.Containers.Select(c => c with { Mounts = c.Mounts.Where(m => m.Volume == volume.Name).ToArray() }).ToArray(),
    };

    protected override void Build(Stack stack, TaskData spec)
    {
        IRepository? repository = null;
        IFileSystem? fileSystem = null;
        var secretCount = 0;

        IRepository Repository() => repository ??= Amazon.CDK.AWS.ECR.Repository.FromRepositoryName(stack, "Repo", "orders");

        ImageSource Image(ContainerData c) => c.ImageKind switch
        {
            "ecr-tag" => ImageSource.FromEcrTag(Repository(), c.ImageRef),
            "ecr-digest" => ImageSource.FromEcrDigest(Repository(), c.ImageRef),
            _ => ImageSource.FromRegistry(c.ImageRef),
        };

        ContainerSecret Secret(SecretData s)
        {
            var id = "Secret" + secretCount++;
            return s.Kind switch
            {
                "ssm" => ContainerSecret.FromSsmParameter(StringParameter.FromSecureStringParameterAttributes(stack, id, new SecureStringParameterAttributes { ParameterName = "/orders/api-token" })),
                "partial" => ContainerSecret.FromSecretsManager(Amazon.CDK.AWS.SecretsManager.Secret.FromSecretPartialArn(stack, id, "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/db"), s.JsonKey),
                "name" => ContainerSecret.FromSecretsManager(Amazon.CDK.AWS.SecretsManager.Secret.FromSecretNameV2(stack, id, "orders/db"), s.JsonKey),
                "other-service" => ContainerSecret.FromSecretsManager(Amazon.CDK.AWS.SecretsManager.Secret.FromSecretCompleteArn(stack, id, "arn:aws:ssm:eu-west-1:123456789012:secret:orders/db-AbCdEf"), s.JsonKey),
                _ => s.VersionStage is null && s.VersionId is null
                    ? ContainerSecret.FromSecretsManager(Amazon.CDK.AWS.SecretsManager.Secret.FromSecretCompleteArn(stack, id, CompleteArn), s.JsonKey)
                    : ContainerSecret.FromSecretsManagerVersion(Amazon.CDK.AWS.SecretsManager.Secret.FromSecretCompleteArn(stack, id, CompleteArn), s.VersionStage, s.VersionId, s.JsonKey),
            };
        }

        TaskVolume Volume(VolumeData v) => v.Kind switch
        {
            "bind-host" => TaskVolume.BindMount(v.Name, "/var/log/orders"),
            "docker" => TaskVolume.Docker(v.Name, autoprovision: v.Autoprovision),
            "docker-shared" => TaskVolume.Docker(v.Name, Amazon.CDK.AWS.ECS.Scope.SHARED, autoprovision: v.Autoprovision),
            "efs" => TaskVolume.Efs(v.Name, fileSystem ??= new Amazon.CDK.AWS.EFS.FileSystem(stack, "Fs", new FileSystemProps { Vpc = Fixtures.ImportedVpc(stack), Encrypted = true })),
            _ => TaskVolume.BindMount(v.Name),
        };

        _ = new EcsTaskDefinition(stack, Owner, new EcsTaskDefinitionProps
        {
            Compatibility = spec.Compatibility,
            NetworkMode = spec.NetworkMode,
            Cpu = spec.Cpu,
            MemoryMiB = spec.Memory,
            Family = spec.Family,
            Volumes = spec.Volumes.Length == 0 ? null : spec.Volumes.Select(Volume).ToArray(),
            Containers = spec.Containers.Select(c => new ContainerOptions
            {
                Name = c.Name,
                Image = Image(c),
                Cpu = c.Cpu,
                MemoryLimitMiB = c.MemoryLimit,
                MemoryReservationMiB = c.MemoryReservation,
                PortMappings = c.Ports.Select(p => new PortMappingOptions { ContainerPort = p.ContainerPort, HostPort = p.HostPort }).ToArray(),
                Environment = c.Env.Length == 0 ? null : c.Env.ToDictionary(e => e, e => "value-of-" + e.ToLowerInvariant()),
                AllowSecretLikeEnvironmentNames = c.AllowSecretLike,
                Secrets = c.Secrets.Length == 0 ? null : c.Secrets.ToDictionary(s => s.Env, Secret),
                Links = c.Links.Length == 0 ? null : c.Links,
                Essential = c.Essential,
                MountPoints = c.Mounts.Select(m => new VolumeMount { Volume = m.Volume, ContainerPath = m.Path, ReadOnly = m.ReadOnly }).ToArray(),
                StopTimeout = c.StopTimeoutMs is { } stop ? Duration.Millis(stop) : null,
                HealthCheck = c.Health is { } h
                    ? new ContainerHealthCheck
                    {
                        Command = h.Command,
                        Interval = Duration.Millis(h.IntervalMs),
                        Timeout = Duration.Millis(h.TimeoutMs),
                        Retries = h.Retries,
                        StartPeriod = h.StartPeriodMs is { } sp ? Duration.Millis(sp) : null,
                    }
                    : null,
                DependsOn = c.DependsOn.Select(d => new ContainerStartDependency { Container = d.Container, Condition = d.Condition }).ToArray(),
                Ulimits = c.Ulimit is { } u ? [new Ulimit { Name = UlimitName.NOFILE, SoftLimit = u[0], HardLimit = u[1] }] : null,
            }).ToArray(),
        });
    }
}
