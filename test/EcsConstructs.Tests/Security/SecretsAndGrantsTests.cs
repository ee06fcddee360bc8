using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SecretsManager;
using EcsConstructs.Security;
using EcsConstructs.Tasks;
using EcsConstructs.Tests.Support;
using EcsConstructs.Tests.Tasks;

namespace EcsConstructs.Tests.Security;

/// <summary>
/// A task whose secret is created in the same stack (generated value, customer-managed key),
/// and whose task role is granted an S3 bucket, a DynamoDB table and one explicit statement;
/// synthesized once for all facts below.
/// </summary>
public sealed class SecretsAndGrantsFixture
{
    public SecretsAndGrantsFixture()
    {
        var stack = TestApps.NewStack();
        var key = new Key(stack, "SecretKey", new KeyProps { EnableKeyRotation = true });
        var secret = new Amazon.CDK.AWS.SecretsManager.Secret(stack, "DbSecret", new SecretProps
        {
            EncryptionKey = key,
            GenerateSecretString = new SecretStringGenerator { ExcludePunctuation = true, PasswordLength = 32 },
        });
        TaskDefinition = new EcsTaskDefinition(stack, "Task", TaskSpecs.Fargate(containers:
        [
            new ContainerOptions
            {
                Name = "app",
                Image = TaskSpecs.Nginx,
                Secrets = new Dictionary<string, ContainerSecret> { ["DB_PASSWORD"] = ContainerSecret.FromSecretsManager(secret) },
            },
        ]));
        TaskDefinition.GrantRead(Bucket.FromBucketName(stack, "Reports", "orders-reports"), "daily/*");
        TaskDefinition.GrantReadWriteData(Table.FromTableName(stack, "Orders", "orders"));
        TaskDefinition.AllowTaskTo(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["sqs:SendMessage"],
            Resources = ["arn:aws:sqs:eu-west-1:123456789012:orders"],
        }));
        Template = Synthesized.Of(stack);
        SecretLogicalId = Template.LogicalId("AWS::SecretsManager::Secret");
        KeyLogicalId = Template.LogicalId("AWS::KMS::Key");
    }

    internal EcsTaskDefinition TaskDefinition { get; }

    internal Synthesized Template { get; }

    internal string SecretLogicalId { get; }

    internal string KeyLogicalId { get; }
}

public sealed class SecretsAndGrantsTests(SecretsAndGrantsFixture fixture) : IClassFixture<SecretsAndGrantsFixture>
{
    private readonly Synthesized _t = fixture.Template;

    private JsonObject TaskProps => _t.PropertiesOf("AWS::ECS::TaskDefinition");

    [Fact]
    public void Created_secret_is_injected_by_reference_and_its_value_stays_out_of_the_task_definition()
    {
        var secret = Assert.Single(TaskProps["ContainerDefinitions"]![0]!["Secrets"]!.AsArray())!;
        Assert.Equal("DB_PASSWORD", secret["Name"]!.GetValue<string>());
        Assert.Equal(fixture.SecretLogicalId, secret["ValueFrom"]!["Ref"]!.GetValue<string>());
        Assert.DoesNotContain("SecretString", TaskProps.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(_t.Single("AWS::SecretsManager::Secret").Value["Properties"]!["SecretString"]);
    }

    [Fact]
    public void Execution_role_reads_the_created_secret_only()
    {
        var statements = Statements(ExecutionRoleLogicalId).Where(s => Actions(s).Any(a => a.StartsWith("secretsmanager:", StringComparison.Ordinal))).ToList();
        var statement = Assert.Single(statements);
        Assert.Equal(fixture.SecretLogicalId, statement["Resource"]!["Ref"]!.GetValue<string>());
    }

    [Fact]
    public void Execution_role_may_decrypt_with_the_secret_key()
    {
        var statement = Assert.Single(Statements(ExecutionRoleLogicalId), s => Actions(s).Contains("kms:Decrypt"));
        Assert.Equal(fixture.KeyLogicalId, statement["Resource"]!["Fn::GetAtt"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Task_role_reads_the_bucket_prefix_with_named_actions()
    {
        var statements = Statements(TaskRoleLogicalId);
        var get = Assert.Single(statements, s => Actions(s).Contains("s3:GetObject"));
        Assert.Contains("orders-reports/daily/*", get["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(statements, s => Actions(s).SequenceEqual(["s3:ListBucket"]));
    }

    [Fact]
    public void Task_role_reads_and_writes_the_table_and_sends_to_the_queue()
    {
        var actions = Statements(TaskRoleLogicalId).SelectMany(Actions).ToList();
        Assert.Contains("dynamodb:PutItem", actions);
        Assert.Contains("dynamodb:Query", actions);
        Assert.Contains("sqs:SendMessage", actions);
    }

    [Fact]
    public void Task_role_has_no_wildcard_action()
    {
        Assert.DoesNotContain(Statements(TaskRoleLogicalId).SelectMany(Actions), a => a.Contains('*', StringComparison.Ordinal));
    }

    [Fact]
    public void Task_role_gets_no_secret_or_log_permissions()
    {
        var actions = Statements(TaskRoleLogicalId).SelectMany(Actions).ToList();
        Assert.DoesNotContain(actions, a => a.StartsWith("secretsmanager:", StringComparison.Ordinal) || a.StartsWith("logs:", StringComparison.Ordinal));
    }

    private string ExecutionRoleLogicalId => TaskProps["ExecutionRoleArn"]!["Fn::GetAtt"]![0]!.GetValue<string>();

    private string TaskRoleLogicalId => TaskProps["TaskRoleArn"]!["Fn::GetAtt"]![0]!.GetValue<string>();

    private List<JsonNode> Statements(string roleLogicalId) =>
        _t.Resources("AWS::IAM::Policy")
            .Where(p => p.Value["Properties"]!["Roles"]!.AsArray().Any(r => r!["Ref"]!.GetValue<string>() == roleLogicalId))
            .SelectMany(p => p.Value["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!))
            .ToList();

    private static string[] Actions(JsonNode statement) =>
        statement["Action"] is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToArray() : [statement["Action"]!.GetValue<string>()];
}
