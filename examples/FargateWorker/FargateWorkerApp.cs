using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.EFS;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SecretsManager;
using FileSystem = Amazon.CDK.AWS.EFS.FileSystem;
using Secret = Amazon.CDK.AWS.SecretsManager.Secret;
using Amazon.CDK.AWS.SSM;
using EcsConstructs.Clusters;
using EcsConstructs.Images;
using EcsConstructs.Security;
using EcsConstructs.Services;
using EcsConstructs.Tasks;
using EcsConstructs.Validation;

namespace FargateWorker;

/// <summary>
/// A queue worker on Fargate and Fargate Spot: one task always on on-demand Fargate, every further
/// task three to one on Fargate Spot. The task reads one JSON key of a Secrets Manager secret and an
/// SSM SecureString parameter encrypted with a customer-managed KMS key (both injected by the
/// execution role at task start), mounts an encrypted EFS file system through an access point (IAM
/// authorization, transit encryption), and may read one S3 bucket.
/// </summary>
public static class FargateWorkerApp
{
    /// <summary>The stack's name.</summary>
    public const string StackName = "FargateWorker";

    /// <summary>The SSM SecureString parameter the worker reads (created outside the stack, encrypted with <c>ParameterKey</c>).</summary>
    public const string ApiTokenParameterName = "/fargate-worker/api-token";

    /// <summary>Adds the stack to <paramref name="app"/>.</summary>
    /// <param name="app">The CDK app.</param>
    /// <returns>The stack.</returns>
    public static Stack Build(App app)
    {
        var region = app.Node.TryGetContext("region") as string ?? "eu-west-1";
        var stack = new Stack(app, StackName, new StackProps
        {
            Env = new Amazon.CDK.Environment { Region = region },
            Description = "EcsConstructs example: a Fargate + Fargate Spot queue worker with a secret, a SecureString parameter, EFS and S3",
        });

        var cluster = new EcsCluster(stack, "Cluster", new EcsClusterProps
        {
            AvailabilityZones = [$"{region}a", $"{region}b"],
            EnableFargateCapacityProviders = true,
            // One task always on on-demand Fargate; the rest three to one on Fargate Spot.
            DefaultCapacityProviderStrategy =
            [
                new CapacityProviderShare { Provider = CapacityProviderShare.Fargate, Base = 1, Weight = 1 },
                new CapacityProviderShare { Provider = CapacityProviderShare.FargateSpot, Weight = 3 },
            ],
        });

        // Database credentials: a JSON secret created here; the worker reads only its "password" key.
        var dbSecret = new Secret(stack, "DbCredentials", new SecretProps
        {
            Description = "Database credentials of the queue worker",
            // Credentials outlive the stack: deleting it must not lose the database password.
            RemovalPolicy = RemovalPolicy.RETAIN,
            GenerateSecretString = new SecretStringGenerator
            {
                SecretStringTemplate = "{\"username\":\"worker\"}",
                GenerateStringKey = "password",
                ExcludePunctuation = true,
            },
        });
        NagSuppressions.Suppress(dbSecret, "AwsSolutions-SMG4",
            "Example: the password belongs to an external database without a rotation Lambda; rotate it with the database's own procedure (add Secret.AddRotationSchedule when one exists).");

        // An API token kept as an SSM SecureString parameter (created outside CloudFormation, which cannot
        // create SecureStrings) and encrypted with this customer-managed key.
        var parameterKey = new Key(stack, "ParameterKey", new KeyProps
        {
            Description = "Encrypts the queue worker's SecureString parameters",
            EnableKeyRotation = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        var apiToken = StringParameter.FromSecureStringParameterAttributes(stack, "ApiToken", new SecureStringParameterAttributes
        {
            ParameterName = ApiTokenParameterName,
            EncryptionKey = parameterKey,
        });

        // Shared, persistent work space: an encrypted EFS file system, mounted through an access point.
        var fileSystem = new FileSystem(stack, "WorkFiles", new FileSystemProps
        {
            Vpc = cluster.Vpc,
            Encrypted = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
            PerformanceMode = PerformanceMode.GENERAL_PURPOSE,
            ThroughputMode = ThroughputMode.ELASTIC,
        });
        var accessPoint = fileSystem.AddAccessPoint("WorkerAccess", new AccessPointOptions
        {
            Path = "/worker",
            CreateAcl = new Acl { OwnerUid = "1000", OwnerGid = "1000", Permissions = "750" },
            PosixUser = new PosixUser { Uid = "1000", Gid = "1000" },
        });

        // Input files: a bucket the worker may read.
        var inputLogs = new Bucket(stack, "InputAccessLogs", new BucketProps
        {
            Encryption = BucketEncryption.S3_MANAGED,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        NagSuppressions.Suppress(inputLogs, "AwsSolutions-S1",
            "This bucket receives the server access logs of the input bucket; logging it to itself would loop.");
        var input = new Bucket(stack, "Input", new BucketProps
        {
            Encryption = BucketEncryption.S3_MANAGED,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            Versioned = true,
            ServerAccessLogsBucket = inputLogs,
            ServerAccessLogsPrefix = "input/",
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        var task = new EcsTaskDefinition(stack, "Task", new EcsTaskDefinitionProps
        {
            Compatibility = Compatibility.FARGATE,
            Cpu = 512,
            MemoryMiB = 1024,
            Volumes = [TaskVolume.Efs("work", fileSystem, accessPoint)],
            Containers =
            [
                new ContainerOptions
                {
                    Name = "worker",
                    Image = ImageSource.FromRegistry("public.ecr.aws/docker/library/busybox:1.36"),
                    Command = ["sh", "-c", "while true; do ls /work; sleep 60; done"],
                    Environment = new Dictionary<string, string>
                    {
                        ["INPUT_BUCKET"] = input.BucketName,
                        ["WORK_DIR"] = "/work",
                    },
                    Secrets = new Dictionary<string, ContainerSecret>
                    {
                        ["DB_PASSWORD"] = ContainerSecret.FromSecretsManager(dbSecret, jsonKey: "password"),
                        ["API_TOKEN"] = ContainerSecret.FromSsmParameter(apiToken, parameterKey),
                    },
                    MountPoints = [new VolumeMount { Volume = "work", ContainerPath = "/work" }],
                },
            ],
        });
        task.GrantRead(input, "jobs/*");
        // s3:GetObject needs an object ARN pattern; it is limited to the one bucket's "jobs/" prefix.
        var inputId = stack.GetLogicalId((CfnElement)input.Node.DefaultChild!);
        NagSuppressions.Suppress(task.TaskRole.Node.FindChild("DefaultPolicy"), "AwsSolutions-IAM5",
            "The worker reads the job files under the input bucket's jobs/ prefix; object names are not known in advance, so s3:GetObject is granted on that prefix of this one bucket only.",
            $"Resource::<{inputId}.Arn>/jobs/*");

        var worker = new FargateWorkerService(stack, "Worker", new FargateWorkerServiceProps
        {
            Cluster = cluster,
            TaskDefinition = task,
            DesiredCount = 2,
        });
        // NFS (2049) from the worker's tasks to the file system's mount targets.
        task.AllowEfsAccessFrom(worker.Service);

        return stack;
    }
}
