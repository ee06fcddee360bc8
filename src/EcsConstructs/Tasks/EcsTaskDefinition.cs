using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Constructs;
using EcsConstructs.Images;
using EcsConstructs.Rules;
using EcsConstructs.Security;
using EcsConstructs.Validation;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;
using HealthCheck = Amazon.CDK.AWS.ECS.HealthCheck;

namespace EcsConstructs.Tasks;

/// <summary>
/// A task definition built from plain container specifications and checked before CloudFormation
/// sees it: Fargate CPU/memory pairs, container memory and CPU against the task's, network-mode
/// rules (awsvpc host ports, links in bridge mode only), start ordering, volumes and mounts.
/// It always has two separate roles: an <b>execution role</b> holding exactly what ECS needs for
/// this task (pull its images, write its logs, read its secrets and decrypt their KMS keys) and
/// a <b>task role</b> for the application, empty until granted (<see cref="AllowTaskTo"/>,
/// <see cref="GrantRead(IBucket, string?)"/>, …).
/// </summary>
/// <remarks>
/// A service takes <see cref="TaskDefinition"/> (an <c>Ec2Service</c> or <c>FargateService</c> accepts it as
/// is) and routes load balancer traffic to a container of <see cref="Containers"/>. EFS volumes need the NFS
/// port open from the service: call <see cref="AllowEfsAccessFrom"/> with the service.
/// </remarks>
public sealed partial class EcsTaskDefinition : Construct
{
    private readonly Dictionary<string, ContainerDefinition> _containers = new(StringComparer.Ordinal);
    private readonly List<TaskVolume> _volumes;

    /// <summary>Checks the specification and creates the task definition, its roles, its log group and its containers.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="props">The settings.</param>
    public EcsTaskDefinition(Construct scope, string id, EcsTaskDefinitionProps props)
        : base(scope, id)
    {
        Compatibility = props.Compatibility;
        ContainerOptions = props.Containers.ToList().AsReadOnly();
        IsFargate = props.Compatibility is Compatibility.FARGATE or Compatibility.EC2_AND_FARGATE;
        NetworkMode = props.NetworkMode ?? (IsFargate ? NetworkMode.AWS_VPC : NetworkMode.BRIDGE);
        _volumes = props.Volumes?.ToList() ?? [];
        Validate(props);

        // Resolve (and so check) images and secrets before anything is created.
        var images = props.Containers.ToDictionary(c => c.Name, c => c.Image.Resolve(this, $"Containers[{c.Name}].Image"));
        var secrets = props.Containers.ToDictionary(c => c.Name, c => (c.Secrets ?? new Dictionary<string, ContainerSecret>())
            .ToDictionary(s => s.Key, s => s.Value.Resolve(this, $"Containers[{c.Name}].Secrets[{s.Key}]")));

        var createdExecutionRole = props.ExecutionRole is null;
        ExecutionRole = props.ExecutionRole ?? TaskRoles.NewExecutionRole(this);
        TaskRole = props.TaskRole ?? TaskRoles.NewTaskRole(this);

        var logging = props.Logging;
        var needsLogGroup = logging.Driver is null && props.Containers.Any(c => c.LogDriver is null);
        ILogGroup? logGroup = logging.LogGroup;
        if (needsLogGroup && logGroup is null)
        {
            LogGroup = new LogGroup(this, "LogGroup", new LogGroupProps
            {
                Retention = logging.Retention,
                EncryptionKey = logging.EncryptionKey,
                RemovalPolicy = RemovalPolicy.RETAIN,
            });
            logGroup = LogGroup;
        }

        TaskDefinition = new TaskDefinition(this, "TaskDefinition", new TaskDefinitionProps
        {
            Compatibility = props.Compatibility,
            NetworkMode = NetworkMode,
            Cpu = props.Cpu?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            MemoryMiB = props.MemoryMiB?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ExecutionRole = ExecutionRole,
            TaskRole = TaskRole,
            Family = props.Family,
            Volumes = _volumes.Count == 0 ? null : _volumes.Select(v => v.ToCdk()).ToArray(),
            RuntimePlatform = !IsFargate || (props.CpuArchitecture is null && props.OperatingSystemFamily is null)
                ? null
                : new RuntimePlatform { CpuArchitecture = props.CpuArchitecture, OperatingSystemFamily = props.OperatingSystemFamily },
        });
        if (!IsFargate && (props.CpuArchitecture is not null || props.OperatingSystemFamily is not null))
        {
            // ECS accepts a runtime platform on EC2 task definitions (ARM64 places the tasks on Graviton
            // instances only), but aws-cdk-lib 2.160 refuses it outside Fargate ("Cannot specify
            // runtimePlatform in non-Fargate compatible tasks"): written on the CloudFormation resource.
            ((CfnTaskDefinition)TaskDefinition.Node.DefaultChild!).RuntimePlatform = new CfnTaskDefinition.RuntimePlatformProperty
            {
                CpuArchitecture = PlatformName(props.CpuArchitecture),
                OperatingSystemFamily = PlatformName(props.OperatingSystemFamily),
            };
        }

        foreach (var spec in props.Containers)
        {
            _containers[spec.Name] = AddContainer(spec, images[spec.Name], secrets[spec.Name], logging, logGroup);
            if (spec.Image.IsCustomRegistryImage)
            {
                // A CDK ContainerImage (e.g. a service's quick-start Image) shows its name only now.
                ImageSource.CheckReference(this, $"Containers[{spec.Name}].Image", _containers[spec.Name].ImageName);
            }
        }

        foreach (var spec in props.Containers)
        {
            var container = _containers[spec.Name];
            if (spec.DependsOn is { Count: > 0 } deps)
            {
                container.AddContainerDependencies(deps
                    .Select(d => (IContainerDependency)new ContainerDependency { Container = _containers[d.Container], Condition = d.Condition })
                    .ToArray());
            }

            foreach (var link in spec.Links ?? [])
            {
                container.AddLink(_containers[link], link);
            }
        }

        GrantVolumeAccess(props.Containers);

        // Customer-managed keys behind the secrets and SecureString parameters: the execution role must
        // be able to decrypt with them (aws-cdk#17156). CDK 2.160 grants an imported secret's key
        // through a ViaServicePrincipal, which an imported key silently drops, and a parameter's key
        // only when the parameter was imported with it; so every known key is granted here.
        var keys = props.Containers
            .SelectMany(c => c.Secrets?.Values ?? [])
            .Select(s => s.ParameterKey ?? s.SecretsManagerSecret?.EncryptionKey)
            .OfType<Amazon.CDK.AWS.KMS.IKey>()
            .Distinct();
        foreach (var key in keys)
        {
            key.GrantDecrypt(ExecutionRole);
        }

        AddNagSuppressions(props, createdExecutionRole);
    }

    /// <summary>
    /// The CloudFormation name of a CDK runtime platform value (<c>ARM64</c>, <c>WINDOWS_SERVER_2022_CORE</c>):
    /// the classes hide it, so it is read from their JSON form (one call to the CDK process).
    /// </summary>
    private string? PlatformName(object? value) => PlatformName(Stack.Of(this), value);

    /// <inheritdoc cref="PlatformName(object?)"/>
    internal static string? PlatformName(Stack stack, object? value) =>
        value is null
            ? null
            : System.Text.Json.Nodes.JsonNode.Parse((string)stack.Resolve(stack.ToJsonString(value)))!.AsObject().Select(p => p.Value?.GetValue<string>()).FirstOrDefault();

    /// <summary>The CDK task definition; <c>Ec2Service</c> and <c>FargateService</c> take it as their <c>TaskDefinition</c>.</summary>
    public TaskDefinition TaskDefinition { get; }

    /// <summary>The containers, by name.</summary>
    public IReadOnlyDictionary<string, ContainerDefinition> Containers => _containers;

    /// <summary>The default container: the first essential one (the one a load balancer targets unless told otherwise).</summary>
    public ContainerDefinition DefaultContainer => TaskDefinition.DefaultContainer!;

    /// <summary>The network mode in effect (the default resolved).</summary>
    public NetworkMode NetworkMode { get; }

    /// <summary>Where the task can run (EC2, Fargate or both).</summary>
    public Compatibility Compatibility { get; }

    /// <summary>The container specifications the task was built from, in order.</summary>
    public IReadOnlyList<ContainerOptions> ContainerOptions { get; }

    /// <summary>Whether the task can run on Fargate (Fargate or EC2-and-Fargate compatibility).</summary>
    public bool IsFargate { get; }

    /// <summary>The execution role (created, or the one given): used by ECS to pull images, write logs and read secrets.</summary>
    public IRole ExecutionRole { get; }

    /// <summary>The task role (created, or the one given): used by the application.</summary>
    public IRole TaskRole { get; }

    /// <summary>The log group created for the containers; null when one was given or another log driver is used.</summary>
    public LogGroup? LogGroup { get; }

    /// <summary>
    /// Lets the application call <paramref name="statement"/>'s actions on its resources (adds it to the task role).
    /// Wildcard actions (<c>*</c>, <c>s3:*</c>, <c>s3:Get*</c>) and <c>NotAction</c> are refused unless
    /// <paramref name="allowWildcardActions"/> is true.
    /// </summary>
    /// <param name="statement">An allow statement with actions and resources.</param>
    /// <param name="allowWildcardActions">Accept wildcard actions. Default: false.</param>
    public void AllowTaskTo(PolicyStatement statement, bool allowWildcardActions = false)
    {
        TaskRoles.CheckStatement(this, nameof(AllowTaskTo), statement, allowWildcardActions);
        TaskRole.AddToPrincipalPolicy(statement);
    }

    /// <summary>
    /// Lets the application read objects of <paramref name="bucket"/>: <c>s3:GetObject</c> on the objects,
    /// <c>s3:ListBucket</c> on the bucket (no wildcard actions), and <c>kms:Decrypt</c> on its KMS key if it has one.
    /// </summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="objectsKeyPattern">Which objects, e.g. <c>reports/*</c>. Default: <c>*</c> (all).</param>
    /// <returns>The grant of the S3 permissions.</returns>
    public Grant GrantRead(IBucket bucket, string? objectsKeyPattern = null)
    {
        bucket.EncryptionKey?.GrantDecrypt(TaskRole);
        TaskRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:ListBucket"],
            Resources = [bucket.BucketArn],
        }));
        return Grant.AddToPrincipal(new GrantOnPrincipalOptions
        {
            Grantee = TaskRole,
            Actions = ["s3:GetObject"],
            ResourceArns = [bucket.ArnForObjects(objectsKeyPattern ?? "*")],
        });
    }

    /// <summary>
    /// Lets the application read, write and delete objects of <paramref name="bucket"/>: <see cref="GrantRead"/> plus
    /// <c>s3:PutObject</c>, <c>s3:DeleteObject</c>, <c>s3:AbortMultipartUpload</c>, and <c>kms:Encrypt</c>/<c>kms:GenerateDataKey*</c> on its key.
    /// </summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="objectsKeyPattern">Which objects. Default: <c>*</c> (all).</param>
    /// <returns>The grant of the S3 write permissions.</returns>
    public Grant GrantReadWrite(IBucket bucket, string? objectsKeyPattern = null)
    {
        GrantRead(bucket, objectsKeyPattern);
        bucket.EncryptionKey?.GrantEncryptDecrypt(TaskRole);
        return Grant.AddToPrincipal(new GrantOnPrincipalOptions
        {
            Grantee = TaskRole,
            Actions = ["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
            ResourceArns = [bucket.ArnForObjects(objectsKeyPattern ?? "*")],
        });
    }

    /// <summary>Lets the application read items of <paramref name="table"/> (the table's <c>GrantReadData</c>: named actions, no wildcards).</summary>
    /// <param name="table">The table.</param>
    /// <returns>The grant.</returns>
    public Grant GrantReadData(ITable table) => table.GrantReadData(TaskRole);

    /// <summary>Lets the application read and write items of <paramref name="table"/> (the table's <c>GrantReadWriteData</c>).</summary>
    /// <param name="table">The table.</param>
    /// <returns>The grant.</returns>
    public Grant GrantReadWriteData(ITable table) => table.GrantReadWriteData(TaskRole);

    /// <summary>
    /// Opens the NFS port (TCP 2049) of every EFS volume's file system to <paramref name="tasks"/>: pass the service
    /// (or the security group its tasks use; in bridge/host mode, the instances' security group).
    /// </summary>
    /// <param name="tasks">Whatever holds the tasks' security groups.</param>
    public void AllowEfsAccessFrom(IConnectable tasks)
    {
        var efs = _volumes.Where(v => v.Kind == TaskVolumeKind.Efs).ToList();
        if (efs.Count == 0)
        {
            throw new EcsValidationException(RuleIds.TaskVolumes, Node.Path, nameof(AllowEfsAccessFrom), "the task definition has no EFS volume; nothing to open.");
        }

        foreach (var volume in efs)
        {
            volume.FileSystem!.Connections.AllowFrom(tasks, Port.Tcp(2049), $"NFS from the tasks of {Node.Path} (volume {volume.Name})");
        }
    }

    private ContainerDefinition AddContainer(ContainerOptions spec, ContainerImage image, Dictionary<string, EcsSecret> secrets, TaskLogging logging, ILogGroup? logGroup)
    {
        var driver = spec.LogDriver ?? logging.Driver ?? LogDriver.AwsLogs(new AwsLogDriverProps
        {
            LogGroup = logGroup!,
            StreamPrefix = logging.StreamPrefix ?? spec.Name,
        });

        var container = TaskDefinition.AddContainer(spec.Name, new ContainerDefinitionOptions
        {
            ContainerName = spec.Name,
            Image = image,
            Cpu = spec.Cpu,
            MemoryLimitMiB = spec.MemoryLimitMiB,
            MemoryReservationMiB = spec.MemoryReservationMiB,
            PortMappings = spec.PortMappings?.Select(p => (IPortMapping)new PortMapping
            {
                ContainerPort = p.ContainerPort,
                // Bridge: unset means dynamic, written explicitly as 0. Host and awsvpc: always the
                // container port (checked above), written explicitly too.
                HostPort = NetworkMode == NetworkMode.BRIDGE ? p.HostPort ?? PortMappingOptions.DynamicHostPort : p.ContainerPort,
                Protocol = p.Protocol,
                Name = p.Name,
            }).ToArray(),
            Environment = spec.Environment?.ToDictionary(e => e.Key, e => e.Value),
            Secrets = secrets.Count == 0 ? null : secrets,
            Command = spec.Command?.ToArray(),
            EntryPoint = spec.EntryPoint?.ToArray(),
            WorkingDirectory = spec.WorkingDirectory,
            User = spec.User,
            Essential = spec.Essential,
            HealthCheck = spec.HealthCheck is { } hc
                ? new HealthCheck
                {
                    Command = hc.Command.ToArray(),
                    Interval = hc.Interval,
                    Timeout = hc.Timeout,
                    Retries = hc.Retries,
                    StartPeriod = hc.StartPeriod,
                }
                : null,
            StopTimeout = spec.StopTimeout,
            Ulimits = spec.Ulimits?.Select(u => (IUlimit)u).ToArray(),
            ReadonlyRootFilesystem = spec.ReadonlyRootFilesystem,
            Logging = driver,
        });

        if (spec.MountPoints is { Count: > 0 } mounts)
        {
            container.AddMountPoints(mounts.Select(m => (IMountPoint)new MountPoint
            {
                SourceVolume = m.Volume,
                ContainerPath = m.ContainerPath,
                ReadOnly = m.ReadOnly,
            }).ToArray());
        }

        return container;
    }

    private void GrantVolumeAccess(IReadOnlyList<ContainerOptions> containers)
    {
        foreach (var volume in _volumes.Where(v => v.Kind == TaskVolumeKind.Efs))
        {
            var writes = containers.SelectMany(c => c.MountPoints ?? []).Any(m => m.Volume == volume.Name && !m.ReadOnly);
            // IAM authorization is on: the task role needs ClientMount, and ClientWrite to write (class 28).
            volume.FileSystem!.Grant(TaskRole, writes
                ? ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
                : ["elasticfilesystem:ClientMount"]);
        }
    }

    private void AddNagSuppressions(EcsTaskDefinitionProps props, bool createdExecutionRole)
    {
        if (props.Containers.Any(c => c.Environment is { Count: > 0 }))
        {
            NagSuppressions.Suppress(TaskDefinition, "AwsSolutions-ECS2",
                "Environment holds non-secret configuration only: names that look like secrets are refused at synth, and secret values are injected from Secrets Manager or SSM through Secrets (ValueFrom ARNs).");
        }

        if (createdExecutionRole && props.Containers.Any(c => c.Image.PullsFromEcr)
            && ExecutionRole.Node.TryFindChild("DefaultPolicy") is IConstruct policy)
        {
            NagSuppressions.Suppress(policy, "AwsSolutions-IAM5",
                "ecr:GetAuthorizationToken has no resource-level permissions and must be granted on '*' for ECS to pull from ECR; the pull actions themselves are scoped to the repositories.",
                "Resource::*");
        }
    }
}
