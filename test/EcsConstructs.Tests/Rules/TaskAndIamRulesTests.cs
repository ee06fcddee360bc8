using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SecretsManager;
using EcsConstructs.Tests.Support;
using Secret = Amazon.CDK.AWS.SecretsManager.Secret;

namespace EcsConstructs.Tests.Rules;

/// <summary>Task definition, IAM, secrets, logging and EFS rules.</summary>
public sealed class TaskAndIamRulesTests
{
    private const string EcrImage = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0.0";

    [Fact]
    public void A_fargate_task_with_secrets_granted_by_cdk_triggers_no_rule()
    {
        var w = new FargateWorld();
        var key = new Key(w.Stack, "Key");
        var secret = new Secret(w.Stack, "Db", new SecretProps { EncryptionKey = key });
        w.TaskDefinition.AddContainer("worker", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry(EcrImage),
            Essential = false,
            Secrets = new Dictionary<string, Amazon.CDK.AWS.ECS.Secret> { ["DB_PASSWORD"] = Amazon.CDK.AWS.ECS.Secret.FromSecretsManager(secret, "password") },
        });
        w.TaskDefinition.ObtainExecutionRole().AddManagedPolicy(ManagedPolicy.FromAwsManagedPolicyName("service-role/AmazonECSTaskExecutionRolePolicy"));
        Assert.Empty(w.Synth().Findings);
    }

    [Fact]
    public void ECS028_fargate_task_logging_without_an_execution_role()
    {
        var stack = TestApps.NewStack();
        _ = FargateTask(stack, role: null, container: Container(logging: true));
        RuleFindings.Of(stack).Fired("ECS028", "uses the awslogs log driver without an ExecutionRoleArn");
    }

    [Fact]
    public void ECS029_execution_role_without_ecr_authorization()
    {
        var stack = TestApps.NewStack();
        var role = TaskRole(stack, "Exec");
        var container = Container();
        container.Image = EcrImage;
        _ = FargateTask(stack, role, container);
        RuleFindings.Of(stack).Fired("ECS029", "is not allowed ecr:GetAuthorizationToken");
    }

    [Fact]
    public void ECS029_managed_execution_policy_is_enough()
    {
        var stack = TestApps.NewStack();
        var role = TaskRole(stack, "Exec");
        role.AddManagedPolicy(ManagedPolicy.FromAwsManagedPolicyName("service-role/AmazonECSTaskExecutionRolePolicy"));
        var container = Container();
        container.Image = EcrImage;
        _ = FargateTask(stack, role, container);
        RuleFindings.Of(stack).Silent("ECS029");
    }

    [Fact]
    public void ECS030_secret_granted_to_the_task_role_only()
    {
        var stack = TestApps.NewStack();
        var secret = new Secret(stack, "Db");
        var exec = TaskRole(stack, "Exec");
        var task = TaskRole(stack, "App");
        secret.GrantRead(task);
        var container = Container();
        container.Secrets = new[] { new CfnTaskDefinition.SecretProperty { Name = "DB", ValueFrom = secret.SecretArn } };
        var td = FargateTask(stack, exec, container);
        td.TaskRoleArn = task.RoleArn;
        RuleFindings.Of(stack).Fired("ECS030", "it is granted to the task role, which ECS does not use to inject secrets");
    }

    [Fact]
    public void ECS030_partial_secret_arn_granted_exactly()
    {
        var stack = TestApps.NewStack();
        const string partial = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db";
        var exec = TaskRole(stack, "Exec");
        exec.AddToPolicy(new PolicyStatement(new PolicyStatementProps { Actions = ["secretsmanager:GetSecretValue"], Resources = [partial] }));
        var container = Container();
        container.Secrets = new[] { new CfnTaskDefinition.SecretProperty { Name = "DB", ValueFrom = partial + ":password::" } };
        _ = FargateTask(stack, exec, container);
        RuleFindings.Of(stack).Fired("ECS030", "is referenced by the partial ARN arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db");
    }

    [Fact]
    public void ECS031_secret_key_not_decryptable_by_the_execution_role()
    {
        var stack = TestApps.NewStack();
        var key = new Key(stack, "Key");
        var secret = new Secret(stack, "Db", new SecretProps { EncryptionKey = key });
        var exec = TaskRole(stack, "Exec");
        exec.AddToPolicy(new PolicyStatement(new PolicyStatementProps { Actions = ["secretsmanager:GetSecretValue"], Resources = [secret.SecretArn] }));
        var container = Container();
        container.Secrets = new[] { new CfnTaskDefinition.SecretProperty { Name = "DB", ValueFrom = secret.SecretArn } };
        _ = FargateTask(stack, exec, container);
        var findings = RuleFindings.Of(stack);
        findings.Fired("ECS031", "is encrypted with key Test/Key/Resource, which execution role Test/Exec/Resource may not use (kms:Decrypt)");
        findings.Silent("ECS030");
    }

    [Fact]
    public void ECS032_execution_role_trusting_ec2()
    {
        var stack = TestApps.NewStack();
        var role = new Role(stack, "Exec", new RoleProps { AssumedBy = new ServicePrincipal("ec2.amazonaws.com") });
        _ = FargateTask(stack, role, Container());
        RuleFindings.Of(stack).Fired("ECS032", "execution role Test/Exec/Resource trusts [ec2.amazonaws.com] but not ecs-tasks.amazonaws.com");
    }

    [Fact]
    public void ECS033_awslogs_without_a_group()
    {
        var stack = TestApps.NewStack();
        var container = Container(logging: true);
        container.LogConfiguration = new CfnTaskDefinition.LogConfigurationProperty { LogDriver = "awslogs", Options = new Dictionary<string, string> { ["awslogs-stream-prefix"] = "app" } };
        _ = FargateTask(stack, TaskRole(stack, "Exec"), container);
        RuleFindings.Of(stack).Fired("ECS033", "uses the awslogs driver without an awslogs-group");
    }

    [Fact]
    public void ECS034_awslogs_in_another_region()
    {
        var stack = TestApps.NewStack();
        var group = new Amazon.CDK.AWS.Logs.LogGroup(stack, "Logs", new Amazon.CDK.AWS.Logs.LogGroupProps { RemovalPolicy = RemovalPolicy.DESTROY });
        var container = Container(logging: true);
        container.LogConfiguration = new CfnTaskDefinition.LogConfigurationProperty
        {
            LogDriver = "awslogs",
            Options = new Dictionary<string, string> { ["awslogs-group"] = group.LogGroupName, ["awslogs-region"] = "us-east-1", ["awslogs-stream-prefix"] = "app" },
        };
        _ = FargateTask(stack, TaskRole(stack, "Exec"), container);
        RuleFindings.Of(stack).Fired("ECS034", "sends logs to region us-east-1 but the stack deploys to eu-west-1");
    }

    [Fact]
    public void ECS036_access_point_with_a_root_directory()
    {
        var stack = TestApps.NewStack();
        var td = FargateTask(stack, TaskRole(stack, "Exec"), Container());
        td.Volumes = new[] { EfsVolume("/data", accessPoint: true, iam: false, transitEncryption: "ENABLED") };
        RuleFindings.Of(stack).Fired("ECS036", "uses an access point with RootDirectory '/data'");
    }

    [Fact]
    public void ECS036_iam_authorization_without_transit_encryption()
    {
        var stack = TestApps.NewStack();
        var td = FargateTask(stack, TaskRole(stack, "Exec"), Container());
        td.TaskRoleArn = TaskRole(stack, "App").RoleArn;
        td.Volumes = new[] { EfsVolume(null, accessPoint: false, iam: true, transitEncryption: "DISABLED") };
        RuleFindings.Of(stack).Fired("ECS036", "uses IAM authorization without TransitEncryption ENABLED");
    }

    [Fact]
    public void ECS037_iam_authorization_without_client_mount()
    {
        var stack = TestApps.NewStack();
        var td = FargateTask(stack, TaskRole(stack, "Exec"), Container());
        td.TaskRoleArn = TaskRole(stack, "App").RoleArn;
        td.Volumes = new[] { EfsVolume(null, accessPoint: false, iam: true, transitEncryption: "ENABLED") };
        RuleFindings.Of(stack).Fired("ECS037", "is not allowed elasticfilesystem:ClientMount");
    }

    [Fact]
    public void ECS037_client_mount_granted_is_fine()
    {
        var stack = TestApps.NewStack();
        var td = FargateTask(stack, TaskRole(stack, "Exec"), Container());
        var app = TaskRole(stack, "App");
        app.AddToPolicy(new PolicyStatement(new PolicyStatementProps { Actions = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], Resources = ["*"] }));
        td.TaskRoleArn = app.RoleArn;
        td.Volumes = new[] { EfsVolume(null, accessPoint: false, iam: true, transitEncryption: "ENABLED") };
        var findings = RuleFindings.Of(stack);
        findings.Silent("ECS037");
        findings.Silent("ECS036");
    }

    [Fact]
    public void ECS038_fargate_size_that_does_not_exist()
    {
        var stack = TestApps.NewStack();
        var td = FargateTask(stack, TaskRole(stack, "Exec"), Container());
        td.Cpu = "512";
        td.Memory = "512";
        RuleFindings.Of(stack).Fired("ECS038", "with 512 CPU units Fargate accepts 1024, 2048, 3072, 4096 MiB (\"No Fargate configuration exists for given values: 512 CPU, 512 memory\")");
    }

    [Fact]
    public void ECS038_fargate_without_task_cpu()
    {
        var stack = TestApps.NewStack();
        var td = FargateTask(stack, TaskRole(stack, "Exec"), Container());
        td.Cpu = null;
        RuleFindings.Of(stack).Fired("ECS038", "requires FARGATE without a task-level Cpu");
    }

    [Fact]
    public void ECS039_container_memory_above_the_task()
    {
        var stack = TestApps.NewStack();
        var container = Container();
        container.Memory = 1024;
        _ = FargateTask(stack, TaskRole(stack, "Exec"), container);
        RuleFindings.Of(stack).Fired("ECS039", "container 'app' Memory 1024 MiB is greater than the task's 512 MiB");
    }

    [Fact]
    public void ECS039_container_without_memory_on_ec2()
    {
        var w = new L1World();
        var container = L1World.Container();
        container.Memory = null;
        w.TaskDefinition.ContainerDefinitions = new[] { container };
        w.Synth().Fired("ECS039", "has neither Memory nor MemoryReservation and the task has no Memory");
    }

    [Fact]
    public void ECS040_daemon_with_a_desired_count()
    {
        var w = new L1World();
        w.Service.SchedulingStrategy = "DAEMON";
        w.Service.LaunchType = "EC2";
        w.Synth().Fired("ECS040", "is a DAEMON service with a DesiredCount");
    }

    [Fact]
    public void ECS012_placement_constraints_on_fargate()
    {
        var w = new L1World();
        w.Service.LaunchType = "FARGATE";
        w.Service.PlacementConstraints = new[] { new CfnService.PlacementConstraintProperty { Type = "distinctInstance" } };
        w.Synth().Fired("ECS012", "runs on Fargate with 1 placement constraint(s)");
    }

    [Fact]
    public void ECS012_more_than_five_strategy_rules()
    {
        var w = new L1World();
        w.Service.PlacementStrategies = Enumerable.Range(0, 6).Select(_ => new CfnService.PlacementStrategyProperty { Type = "random" }).ToArray();
        w.Synth().Fired("ECS012", "has 6 placement strategy rules; ECS allows at most 5");
    }

    private static Role TaskRole(Stack stack, string id) => new(stack, id, new RoleProps { AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com") });

    private static CfnTaskDefinition.ContainerDefinitionProperty Container(bool logging = false)
    {
        var container = L1World.Container(memory: 512);
        container.PortMappings = new[] { new CfnTaskDefinition.PortMappingProperty { ContainerPort = 80 } };
        if (logging)
        {
            container.LogConfiguration = new CfnTaskDefinition.LogConfigurationProperty
            {
                LogDriver = "awslogs",
                Options = new Dictionary<string, string> { ["awslogs-group"] = "/app", ["awslogs-region"] = "eu-west-1", ["awslogs-stream-prefix"] = "app" },
            };
        }

        return container;
    }

    private static CfnTaskDefinition FargateTask(Stack stack, Role? role, CfnTaskDefinition.ContainerDefinitionProperty container) =>
        new(stack, "Td", new CfnTaskDefinitionProps
        {
            RequiresCompatibilities = ["FARGATE"],
            NetworkMode = "awsvpc",
            Cpu = "256",
            Memory = "512",
            ExecutionRoleArn = role?.RoleArn,
            ContainerDefinitions = new[] { container },
        });

    private static CfnTaskDefinition.VolumeProperty EfsVolume(string? root, bool accessPoint, bool iam, string transitEncryption) => new()
    {
        Name = "data",
        EfsVolumeConfiguration = new CfnTaskDefinition.EFSVolumeConfigurationProperty
        {
            FilesystemId = "fs-12345678",
            RootDirectory = root,
            TransitEncryption = transitEncryption,
            AuthorizationConfig = new CfnTaskDefinition.AuthorizationConfigProperty { AccessPointId = accessPoint ? "fsap-12345678" : null, Iam = iam ? "ENABLED" : "DISABLED" },
        },
    };
}
