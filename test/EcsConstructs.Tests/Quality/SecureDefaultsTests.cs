using System.Text.Json.Nodes;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using EcsConstructs.Clusters;
using EcsConstructs.Images;
using EcsConstructs.Security;
using EcsConstructs.Services;
using EcsConstructs.Tasks;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Quality;

/// <summary>
/// Two stacks synthesized once: "everything on defaults" (a cluster with EC2 capacity, a task
/// definition with a secret whose application reads a bucket, an ECR repository, a load-balanced
/// EC2 service) and the opt-ins the defaults point to (a KMS key for the log group, an access log
/// bucket for the load balancer).
/// </summary>
public sealed class SecureDefaultsFixture
{
    public const string SecretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/db-AbCdEf";

    public SecureDefaultsFixture()
    {
        var stack = TestApps.NewStack("SecureDefaults");
        var cluster = new EcsCluster(stack, "Cluster", new EcsClusterProps { Ec2Capacity = [Fixtures.Capacity()] });
        var task = new EcsTaskDefinition(stack, "Task", new EcsTaskDefinitionProps
        {
            Compatibility = Compatibility.EC2,
            Containers =
            [
                new ContainerOptions
                {
                    Name = "app",
                    Image = ImageSource.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
                    MemoryLimitMiB = 256,
                    Secrets = new Dictionary<string, ContainerSecret>
                    {
                        ["DB_PASSWORD"] = ContainerSecret.FromSecretsManager(Amazon.CDK.AWS.SecretsManager.Secret.FromSecretCompleteArn(stack, "DbSecret", SecretArn)),
                    },
                },
            ],
        });
        task.GrantRead(Bucket.FromBucketName(stack, "Reports", "orders-reports"));
        _ = new EcrRepository(stack, "Repo");
        _ = new LoadBalancedEc2Service(stack, "Web", Fixtures.WebService(cluster));
        Defaults = Synthesized.Of(stack);

        var optIns = TestApps.NewStack("OptIns");
        var optInCluster = new EcsCluster(optIns, "Cluster", new EcsClusterProps { Vpc = Fixtures.ImportedVpc(optIns), Ec2Capacity = [Fixtures.Capacity()] });
        _ = new EcsTaskDefinition(optIns, "Task", new EcsTaskDefinitionProps
        {
            Compatibility = Compatibility.EC2,
            Containers = [new ContainerOptions { Name = "app", Image = ImageSource.FromRegistry("public.ecr.aws/nginx/nginx:1.27"), MemoryLimitMiB = 256 }],
            Logging = new TaskLogging { EncryptionKey = new Key(optIns, "LogKey", new KeyProps { EnableKeyRotation = true }) },
        });
        _ = new LoadBalancedEc2Service(optIns, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = optInCluster,
            Image = Fixtures.Image,
            LoadBalancer = new ApplicationLoadBalancerOptions { AccessLogsBucket = new Bucket(optIns, "AccessLogs", new BucketProps { Encryption = BucketEncryption.S3_MANAGED }) },
        });
        OptIns = Synthesized.Of(optIns);
    }

    internal Synthesized Defaults { get; }

    internal Synthesized OptIns { get; }
}

/// <summary>What a stack gets without asking: one secure default per test.</summary>
public sealed class SecureDefaultsTests(SecureDefaultsFixture fixture) : IClassFixture<SecureDefaultsFixture>
{
    private readonly Synthesized _defaults = fixture.Defaults;

    [Fact]
    public void Container_instances_require_IMDSv2()
    {
        var templates = _defaults.Resources("AWS::EC2::LaunchTemplate");

        Assert.NotEmpty(templates);
        Assert.All(templates, t => Assert.Equal("required", t.Value["Properties"]!["LaunchTemplateData"]!["MetadataOptions"]!["HttpTokens"]!.GetValue<string>()));
    }

    [Fact]
    public void Root_volumes_are_encrypted()
    {
        var mappings = _defaults.Resources("AWS::EC2::LaunchTemplate")
            .SelectMany(t => t.Value["Properties"]!["LaunchTemplateData"]!["BlockDeviceMappings"]!.AsArray())
            .ToList();

        Assert.NotEmpty(mappings);
        Assert.All(mappings, m => Assert.True(m!["Ebs"]!["Encrypted"]!.GetValue<bool>()));
    }

    [Fact]
    public void Only_the_public_load_balancers_listener_port_is_open_to_the_internet()
    {
        var loadBalancerGroups = _defaults.Resources("AWS::ElasticLoadBalancingV2::LoadBalancer")
            .SelectMany(lb => lb.Value["Properties"]!["SecurityGroups"]!.AsArray())
            .Select(g => g!["Fn::GetAtt"]![0]!.GetValue<string>())
            .ToHashSet();
        var listenerPorts = _defaults.Resources("AWS::ElasticLoadBalancingV2::Listener")
            .Select(l => l.Value["Properties"]!["Port"]!.GetValue<int>())
            .ToHashSet();

        var open = OpenIngress(_defaults).ToList();

        Assert.NotEmpty(open); // the public listener itself
        Assert.All(open, rule =>
        {
            Assert.Contains(rule.GroupLogicalId, loadBalancerGroups);
            Assert.Contains(rule.FromPort, listenerPorts);
            Assert.Equal(rule.FromPort, rule.ToPort);
        });
    }

    [Fact]
    public void Load_balancer_access_logs_are_written_when_a_bucket_is_given()
    {
        var attributes = fixture.OptIns.PropertiesOf("AWS::ElasticLoadBalancingV2::LoadBalancer")["LoadBalancerAttributes"]!.AsArray()
            .ToDictionary(a => a!["Key"]!.GetValue<string>(), a => a!["Value"]!);

        Assert.Equal("true", attributes["access_logs.s3.enabled"].GetValue<string>());
        Assert.Contains("AccessLogs", attributes["access_logs.s3.bucket"]["Ref"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Log_groups_always_have_a_retention()
    {
        var groups = _defaults.Resources("AWS::Logs::LogGroup").Concat(fixture.OptIns.Resources("AWS::Logs::LogGroup")).ToList();

        Assert.True(groups.Count >= 3, "the flow log, task and service log groups");
        Assert.All(groups, g => Assert.True(g.Value["Properties"]!["RetentionInDays"]!.GetValue<int>() > 0, $"{g.Key} has no retention"));
    }

    [Fact]
    public void The_task_log_group_is_encrypted_with_the_given_KMS_key()
    {
        var taskLogGroup = fixture.OptIns.Resources("AWS::Logs::LogGroup").Single(g => g.Key.StartsWith("TaskLogGroup", StringComparison.Ordinal));

        var keyId = taskLogGroup.Value["Properties"]!["KmsKeyId"]!["Fn::GetAtt"]!.AsArray();
        Assert.StartsWith("LogKey", keyId[0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Arn", keyId[1]!.GetValue<string>());
    }

    [Fact]
    public void ECR_repositories_scan_images_on_push()
    {
        var repository = _defaults.PropertiesOf("AWS::ECR::Repository");

        Assert.True(repository["ImageScanningConfiguration"]!["ScanOnPush"]!.GetValue<bool>());
    }

    [Fact]
    public void Task_roles_grant_no_wildcard_actions()
    {
        var taskRoles = _defaults.Resources("AWS::ECS::TaskDefinition")
            .Select(t => t.Value["Properties"]!["TaskRoleArn"]!["Fn::GetAtt"]![0]!.GetValue<string>())
            .ToHashSet();
        var actions = PoliciesOf(_defaults, taskRoles).SelectMany(s => Strings(s["Action"])).ToList();

        Assert.Equal(2, taskRoles.Count); // the task definition's and the service's
        Assert.Contains("s3:GetObject", actions); // the grant is there ...
        Assert.DoesNotContain(actions, a => a.Contains('*', StringComparison.Ordinal)); // ... without wildcards
    }

    [Fact]
    public void The_execution_role_reads_only_the_tasks_own_secret()
    {
        var task = _defaults.Resources("AWS::ECS::TaskDefinition").Single(t => t.Key.StartsWith("TaskTaskDefinition", StringComparison.Ordinal));
        var executionRole = task.Value["Properties"]!["ExecutionRoleArn"]!["Fn::GetAtt"]![0]!.GetValue<string>();
        var statements = PoliciesOf(_defaults, new HashSet<string> { executionRole }).ToList();

        var secretStatements = statements.Where(s => Strings(s["Action"]).Any(a => a.StartsWith("secretsmanager:", StringComparison.Ordinal))).ToList();
        var secretResources = secretStatements.SelectMany(s => Strings(s["Resource"])).Distinct().ToList();
        Assert.Equal(new[] { SecureDefaultsFixture.SecretArn }, secretResources);
        Assert.DoesNotContain(statements.SelectMany(s => Strings(s["Resource"])), r => r == "*");
    }

    [Theory]
    [InlineData("AWS::ECR::Repository")]
    [InlineData("AWS::Logs::LogGroup")]
    [InlineData("AWS::EFS::FileSystem")] // none created by the library: the check holds trivially
    public void Stateful_resources_are_retained_when_the_stack_is_deleted(string type)
    {
        Assert.All(_defaults.Resources(type), r =>
        {
            Assert.Equal("Retain", r.Value["DeletionPolicy"]?.GetValue<string>());
            Assert.Equal("Retain", r.Value["UpdateReplacePolicy"]?.GetValue<string>());
        });
    }

    private static IEnumerable<(string GroupLogicalId, int FromPort, int ToPort)> OpenIngress(Synthesized t)
    {
        static bool World(JsonNode rule) =>
            rule["CidrIp"]?.GetValue<string>() == "0.0.0.0/0" || rule["CidrIpv6"]?.GetValue<string>() == "::/0";

        foreach (var (id, group) in t.Resources("AWS::EC2::SecurityGroup"))
        {
            foreach (var rule in group["Properties"]!["SecurityGroupIngress"]?.AsArray() ?? [])
            {
                if (World(rule!))
                {
                    yield return (id, rule!["FromPort"]!.GetValue<int>(), rule["ToPort"]!.GetValue<int>());
                }
            }
        }

        foreach (var (_, ingress) in t.Resources("AWS::EC2::SecurityGroupIngress"))
        {
            var rule = ingress["Properties"]!;
            if (World(rule))
            {
                yield return (rule["GroupId"]!["Fn::GetAtt"]![0]!.GetValue<string>(), rule["FromPort"]!.GetValue<int>(), rule["ToPort"]!.GetValue<int>());
            }
        }
    }

    /// <summary>The statements of the AWS::IAM::Policy resources attached to any of <paramref name="roles"/>.</summary>
    private static IEnumerable<JsonNode> PoliciesOf(Synthesized t, HashSet<string> roles) =>
        t.Resources("AWS::IAM::Policy")
            .Where(p => p.Value["Properties"]!["Roles"]!.AsArray().Any(r => r!["Ref"] is { } id && roles.Contains(id.GetValue<string>())))
            .SelectMany(p => p.Value["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
            .Select(s => s!);

    /// <summary>A string-or-list IAM field as strings; intrinsics (e.g. Fn::Join) as their JSON.</summary>
    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray list => list.SelectMany(Strings),
        JsonValue value => [value.GetValue<string>()],
        _ => [node.ToJsonString()],
    };
}
