using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.EFS;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SSM;
using EcsConstructs.Images;
using EcsConstructs.Security;
using EcsConstructs.Tasks;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Tasks;

/// <summary>
/// A Fargate task with an ECR image, an EFS volume through an access point, and four secrets
/// (Secrets Manager JSON key, Secrets Manager version stage with a KMS key, SSM String, SSM
/// SecureString with a KMS key), synthesized once (and snapshotted) for all facts below.
/// </summary>
public sealed class FargateEfsSecretsTaskFixture
{
    public const string DbSecretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf";
    public const string ApiSecretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/api-XyZ123";
    public const string ApiKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555";
    public const string SsmKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/66666666-7777-8888-9999-000000000000";

    public FargateEfsSecretsTaskFixture()
    {
        Stack = TestApps.NewStack("FargateEfsSecretsTask");
        var fileSystem = Amazon.CDK.AWS.EFS.FileSystem.FromFileSystemAttributes(Stack, "Efs", new FileSystemAttributes
        {
            FileSystemId = "fs-0123456789abcdef0",
            SecurityGroup = SecurityGroup.FromSecurityGroupId(Stack, "EfsSecurityGroup", "sg-0e0e0e0e0e0e0e0e0"),
        });
        var accessPoint = new AccessPoint(Stack, "AccessPoint", new AccessPointProps
        {
            FileSystem = fileSystem,
            Path = "/orders",
            PosixUser = new PosixUser { Uid = "1000", Gid = "1000" },
            CreateAcl = new Acl { OwnerUid = "1000", OwnerGid = "1000", Permissions = "750" },
        });
        var dbSecret = Amazon.CDK.AWS.SecretsManager.Secret.FromSecretCompleteArn(Stack, "DbSecret", DbSecretArn);
        var apiSecret = Amazon.CDK.AWS.SecretsManager.Secret.FromSecretAttributes(Stack, "ApiSecret", new SecretAttributes
        {
            SecretCompleteArn = ApiSecretArn,
            EncryptionKey = Key.FromKeyArn(Stack, "ApiKey", ApiKeyArn),
        });
        var flags = StringParameter.FromStringParameterName(Stack, "Flags", "/prod/orders/flags");
        var token = StringParameter.FromSecureStringParameterAttributes(Stack, "Token", new SecureStringParameterAttributes { ParameterName = "/prod/orders/token" });
        var repository = Repository.FromRepositoryName(Stack, "Repository", "orders");

        TaskDefinition = new EcsTaskDefinition(Stack, "Task", new EcsTaskDefinitionProps
        {
            Compatibility = Compatibility.FARGATE,
            Cpu = 512,
            MemoryMiB = 1024,
            CpuArchitecture = CpuArchitecture.ARM64,
            OperatingSystemFamily = OperatingSystemFamily.LINUX,
            Volumes = [TaskVolume.Efs("data", fileSystem, accessPoint)],
            Containers =
            [
                new ContainerOptions
                {
                    Name = "orders",
                    Image = ImageSource.FromEcrTag(repository, "1.4.2"),
                    PortMappings = [new PortMappingOptions { ContainerPort = 8080 }],
                    MountPoints = [new VolumeMount { Volume = "data", ContainerPath = "/data" }],
                    ReadonlyRootFilesystem = true,
                    User = "1000",
                    Secrets = new Dictionary<string, ContainerSecret>
                    {
                        ["DB_PASSWORD"] = ContainerSecret.FromSecretsManager(dbSecret, jsonKey: "password"),
                        ["API_KEY"] = ContainerSecret.FromSecretsManagerVersion(apiSecret, versionStage: "AWSCURRENT"),
                        ["FEATURE_FLAGS"] = ContainerSecret.FromSsmParameter(flags),
                        ["TOKEN"] = ContainerSecret.FromSsmParameter(token, Key.FromKeyArn(Stack, "SsmKey", SsmKeyArn)),
                    },
                },
            ],
        });
        TaskDefinition.AllowEfsAccessFrom(SecurityGroup.FromSecurityGroupId(Stack, "TasksSecurityGroup", "sg-0a0a0a0a0a0a0a0a0"));
        Template = Synthesized.Of(Stack);
    }

    internal Stack Stack { get; }

    internal EcsTaskDefinition TaskDefinition { get; }

    internal Synthesized Template { get; }
}

public sealed class FargateEfsSecretsTaskTests(FargateEfsSecretsTaskFixture fixture) : IClassFixture<FargateEfsSecretsTaskFixture>
{
    private readonly Synthesized _t = fixture.Template;

    private JsonObject TaskProps => _t.PropertiesOf("AWS::ECS::TaskDefinition");

    private JsonNode Container => TaskProps["ContainerDefinitions"]![0]!;

    [Fact]
    public void Template_matches_the_reviewed_snapshot()
    {
        SnapshotAssert.MatchesSnapshot(fixture.Stack);
    }

    [Fact]
    public void Fargate_task_uses_awsvpc_with_its_cpu_memory_and_platform()
    {
        Assert.Equal("awsvpc", TaskProps["NetworkMode"]!.GetValue<string>());
        Assert.Equal("512", TaskProps["Cpu"]!.GetValue<string>());
        Assert.Equal("1024", TaskProps["Memory"]!.GetValue<string>());
        Assert.Equal("ARM64", TaskProps["RuntimePlatform"]!["CpuArchitecture"]!.GetValue<string>());
        Assert.Equal("FARGATE", TaskProps["RequiresCompatibilities"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Awsvpc_port_mapping_uses_the_container_port_as_host_port()
    {
        var mapping = Container["PortMappings"]![0]!;
        Assert.Equal(8080, mapping["ContainerPort"]!.GetValue<int>());
        Assert.Equal(8080, mapping["HostPort"]!.GetValue<int>());
    }

    [Fact]
    public void Secrets_are_injected_by_arn_with_json_key_and_version_stage()
    {
        var secrets = Container["Secrets"]!.AsArray().ToDictionary(s => s!["Name"]!.GetValue<string>(), s => s!["ValueFrom"]!);
        Assert.Equal(["API_KEY", "DB_PASSWORD", "FEATURE_FLAGS", "TOKEN"], secrets.Keys.Order().ToArray());
        Assert.Equal(FargateEfsSecretsTaskFixture.DbSecretArn + ":password::", secrets["DB_PASSWORD"].GetValue<string>());
        Assert.Equal(FargateEfsSecretsTaskFixture.ApiSecretArn + "::AWSCURRENT:", secrets["API_KEY"].GetValue<string>());
        Assert.Contains(":parameter/prod/orders/flags", secrets["FEATURE_FLAGS"].ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(":parameter/prod/orders/token", secrets["TOKEN"].ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_secret_value_and_no_environment_appear_in_the_task_definition()
    {
        var text = TaskProps.ToJsonString();
        Assert.DoesNotContain("SecretString", text, StringComparison.Ordinal);
        Assert.Null(Container["Environment"]);
    }

    [Fact]
    public void Execution_role_reads_exactly_the_referenced_secrets()
    {
        var resources = ExecutionResourcesOf("secretsmanager:GetSecretValue");
        Assert.Equal([FargateEfsSecretsTaskFixture.ApiSecretArn, FargateEfsSecretsTaskFixture.DbSecretArn], resources);
    }

    [Fact]
    public void Execution_role_reads_exactly_the_referenced_parameters()
    {
        var resources = ExecutionResourcesOf("ssm:GetParameters");
        Assert.Equal(2, resources.Length);
        Assert.Contains(resources, r => r.Contains(":parameter/prod/orders/flags", StringComparison.Ordinal));
        Assert.Contains(resources, r => r.Contains(":parameter/prod/orders/token", StringComparison.Ordinal));
    }

    [Fact]
    public void Execution_role_decrypts_with_exactly_the_secret_and_parameter_kms_keys()
    {
        var resources = ExecutionResourcesOf("kms:Decrypt");
        Assert.Equal([FargateEfsSecretsTaskFixture.ApiKeyArn, FargateEfsSecretsTaskFixture.SsmKeyArn], resources);
    }

    [Fact]
    public void Execution_role_pulls_from_the_repository_with_a_reasoned_iam5_suppression_for_the_token()
    {
        Assert.Single(ExecutionResourcesOf("ecr:BatchGetImage"));
        Assert.Equal(["*"], ExecutionResourcesOf("ecr:GetAuthorizationToken"));
        var suppression = ExecutionPolicy.Value["Metadata"]!["cdk_nag"]!["rules_to_suppress"]![0]!;
        Assert.Equal("AwsSolutions-IAM5", suppression["id"]!.GetValue<string>());
        Assert.Equal("Resource::*", suppression["appliesTo"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Efs_volume_uses_transit_encryption_iam_authorization_and_the_access_point()
    {
        var efs = TaskProps["Volumes"]![0]!["EFSVolumeConfiguration"]!;
        Assert.Equal("fs-0123456789abcdef0", efs["FilesystemId"]!.GetValue<string>());
        Assert.Equal("ENABLED", efs["TransitEncryption"]!.GetValue<string>());
        Assert.Equal("ENABLED", efs["AuthorizationConfig"]!["IAM"]!.GetValue<string>());
        Assert.Equal(_t.LogicalId("AWS::EFS::AccessPoint"), efs["AuthorizationConfig"]!["AccessPointId"]!["Ref"]!.GetValue<string>());
    }

    [Fact]
    public void Task_role_may_mount_and_write_the_file_system()
    {
        var taskRole = TaskProps["TaskRoleArn"]!["Fn::GetAtt"]![0]!.GetValue<string>();
        var policy = _t.Resources("AWS::IAM::Policy").Single(p => p.Value["Properties"]!["Roles"]![0]!["Ref"]!.GetValue<string>() == taskRole).Value;
        var statement = Assert.Single(policy["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())!;
        Assert.Equal(["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], statement["Action"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray());
    }

    [Fact]
    public void Nfs_port_is_open_from_the_tasks_security_group_to_the_file_system()
    {
        var ingress = _t.PropertiesOf("AWS::EC2::SecurityGroupIngress");
        Assert.Equal(2049, ingress["FromPort"]!.GetValue<int>());
        Assert.Equal(2049, ingress["ToPort"]!.GetValue<int>());
        Assert.Equal("sg-0e0e0e0e0e0e0e0e0", ingress["GroupId"]!.GetValue<string>());
        Assert.Equal("sg-0a0a0a0a0a0a0a0a0", ingress["SourceSecurityGroupId"]!.GetValue<string>());
    }

    private KeyValuePair<string, JsonObject> ExecutionPolicy
    {
        get
        {
            var role = TaskProps["ExecutionRoleArn"]!["Fn::GetAtt"]![0]!.GetValue<string>();
            return _t.Resources("AWS::IAM::Policy").Single(p => p.Value["Properties"]!["Roles"]![0]!["Ref"]!.GetValue<string>() == role);
        }
    }

    /// <summary>The resources (as JSON text, or the plain string) of every execution role statement that allows <paramref name="action"/>, sorted.</summary>
    private string[] ExecutionResourcesOf(string action) =>
        ExecutionPolicy.Value["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()
            .Where(s => Strings(s!["Action"]!).Contains(action))
            .SelectMany(s => s!["Resource"] is JsonArray a ? a.Select(r => r!) : [s["Resource"]!])
            .Select(r => r is JsonValue v ? v.GetValue<string>() : r.ToJsonString())
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static string[] Strings(JsonNode node) =>
        node is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToArray() : [node.GetValue<string>()];
}
