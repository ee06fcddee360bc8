using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SecretsManager;
using EcsConstructs.Security;
using EcsConstructs.Tasks;
using EcsConstructs.Tests.Support;
using EcsConstructs.Tests.Tasks;
using EcsConstructs.Validation;
using CdkStack = Amazon.CDK.Stack;

namespace EcsConstructs.Tests.Security;

public sealed class SecretValidationTests
{
    private static EcsValidationException InvalidSecret(Func<CdkStack, ContainerSecret> secret)
    {
        var stack = TestApps.NewStack();
        var app = TaskSpecs.App(memory: null);
        var spec = new ContainerOptions
        {
            Name = app.Name,
            Image = app.Image,
            Secrets = new Dictionary<string, ContainerSecret> { ["DB_PASSWORD"] = secret(stack) },
        };
        return Assert.Throws<EcsValidationException>(() => TaskSpecs.Create(stack, TaskSpecs.Fargate(containers: spec)));
    }

    [Fact]
    public void A_secret_imported_by_name_is_rejected_with_the_fix()
    {
        var e = InvalidSecret(s => ContainerSecret.FromSecretsManager(Secret.FromSecretNameV2(s, "Db", "prod/db")));
        Assert.Equal(
            "[ECS030] Test/Task: Containers[app].Secrets[DB_PASSWORD]: secret 'prod/db' is known by name or by a partial ARN only, and ECS would fail at task start with AccessDenied (a partial ARN lacks the 6-character suffix). " +
            "Import it by its complete ARN: Secret.FromSecretCompleteArn(scope, id, \"arn:aws:secretsmanager:<region>:<account>:secret:<name>-AbCdEf\") " +
            "or Secret.FromSecretAttributes(scope, id, new SecretAttributes { SecretCompleteArn = \"…\" }).",
            e.Message);
    }

    [Fact]
    public void A_secret_imported_by_partial_arn_is_rejected()
    {
        var e = InvalidSecret(s => ContainerSecret.FromSecretsManager(
            Secret.FromSecretPartialArn(s, "Db", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db")));
        Assert.StartsWith("[ECS030] Test/Task: Containers[app].Secrets[DB_PASSWORD]: secret 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db' is known by name or by a partial ARN only", e.Message, StringComparison.Ordinal);
        Assert.Contains("Secret.FromSecretCompleteArn", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_arn_import_of_another_service_is_rejected()
    {
        var e = InvalidSecret(s => ContainerSecret.FromSecretsManager(
            Secret.FromSecretCompleteArn(s, "Db", "arn:aws:ssm:eu-west-1:123456789012:secret:db-AbCdEf")));
        Assert.Equal(
            "[ECS057] Test/Task: Containers[app].Secrets[DB_PASSWORD]: 'arn:aws:ssm:eu-west-1:123456789012:secret:db-AbCdEf' is not a complete Secrets Manager ARN; " +
            "allowed: arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6-character suffix>, as shown in the Secrets Manager console (copy the whole 'Secret ARN').",
            e.Message);
    }

    [Fact]
    public void Version_stage_and_version_id_together_are_rejected()
    {
        var e = InvalidSecret(s => ContainerSecret.FromSecretsManagerVersion(
            Secret.FromSecretCompleteArn(s, "Db", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"),
            versionStage: "AWSPREVIOUS", versionId: "0d5e3c5a-1111-2222-3333-444455556666"));
        Assert.Equal(
            "[ECS057] Test/Task: Containers[app].Secrets[DB_PASSWORD]: gives both version stage 'AWSPREVIOUS' and version id '0d5e3c5a-1111-2222-3333-444455556666'; allowed: one of them.",
            e.Message);
    }

    [Fact]
    public void A_secret_like_environment_name_is_rejected()
    {
        var app = TaskSpecs.App();
        var spec = new ContainerOptions { Name = app.Name, Image = app.Image, MemoryLimitMiB = 256, Environment = new Dictionary<string, string> { ["DB_PASSWORD"] = "hunter2" } };
        var e = Assert.Throws<EcsValidationException>(() => TaskSpecs.Create(TestApps.NewStack(), TaskSpecs.Ec2(spec)));
        Assert.Equal(
            "[ECS058] Test/Task: Containers[app].Environment: 'DB_PASSWORD' looks like a secret, and environment values are readable in the task definition; inject it with Secrets (ContainerSecret.FromSecretsManager or FromSsmParameter), or set AllowSecretLikeEnvironmentNames if it is not secret.",
            e.Message);
    }

    [Fact]
    public void A_wildcard_action_given_to_the_task_role_is_rejected()
    {
        var task = TaskSpecs.Create(TestApps.NewStack(), TaskSpecs.Ec2());
        var e = Assert.Throws<EcsValidationException>(() => task.AllowTaskTo(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:*"],
            Resources = ["arn:aws:s3:::orders/*"],
        })));
        Assert.Equal("[ECS058] Test/Task: AllowTaskTo: action 's3:*' is a wildcard; name the actions the application needs (e.g. 's3:GetObject'), or pass allowWildcardActions: true.", e.Message);
    }

    [Fact]
    public void A_wildcard_action_is_accepted_when_explicitly_allowed()
    {
        var task = TaskSpecs.Create(TestApps.NewStack(), TaskSpecs.Ec2());
        task.AllowTaskTo(new PolicyStatement(new PolicyStatementProps { Actions = ["s3:Get*"], Resources = ["arn:aws:s3:::orders/*"] }), allowWildcardActions: true);
    }

    [Fact]
    public void One_role_as_both_execution_and_task_role_is_rejected()
    {
        var stack = TestApps.NewStack();
        var role = Role.FromRoleArn(stack, "Shared", "arn:aws:iam::123456789012:role/shared");
        var props = TaskSpecs.Ec2();
        var e = Assert.Throws<EcsValidationException>(() => TaskSpecs.Create(stack, new EcsTaskDefinitionProps
        {
            Compatibility = props.Compatibility,
            Containers = props.Containers,
            ExecutionRole = role,
            TaskRole = role,
        }));
        Assert.Equal("[ECS058] Test/Task: TaskRole: is the same role as ExecutionRole; the execution role (ECS: images, logs, secrets) and the task role (the application) must be separate roles.", e.Message);
    }
}
