using System.Text.Json.Nodes;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;
using FargateWorker;

namespace EcsConstructs.Tests.Examples;

public sealed class FargateWorkerFixture() : ExampleFixture(FargateWorkerApp.Build);

public sealed class FargateWorkerTests(FargateWorkerFixture fixture) : ExampleTests<FargateWorkerFixture>(fixture)
{
    private readonly Synthesized _t = fixture.Template;

    private string SecretId => _t.LogicalId("AWS::SecretsManager::Secret");

    private string KeyId => _t.LogicalId("AWS::KMS::Key");

    [Fact]
    public void Container_reads_one_json_key_of_the_secret_and_the_secure_string_parameter()
    {
        var container = Assert.Single(_t.PropertiesOf("AWS::ECS::TaskDefinition")["ContainerDefinitions"]!.AsArray())!;
        var secrets = container["Secrets"]!.AsArray().ToDictionary(s => s!["Name"]!.GetValue<string>(), s => s!["ValueFrom"]!.ToJsonString());

        Assert.Equal(["API_TOKEN", "DB_PASSWORD"], secrets.Keys.Order(StringComparer.Ordinal));
        // Secrets Manager: "<secret ARN>:password::" (the JSON key, current version).
        Assert.Contains($"{{\"Ref\":\"{SecretId}\"}}", secrets["DB_PASSWORD"], StringComparison.Ordinal);
        Assert.Contains(":password::", secrets["DB_PASSWORD"], StringComparison.Ordinal);
        Assert.Contains($":parameter{FargateWorkerApp.ApiTokenParameterName}", secrets["API_TOKEN"], StringComparison.Ordinal);
        Assert.DoesNotContain("password", container["Environment"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Execution_role_may_read_exactly_that_secret_parameter_and_key()
    {
        var roleId = _t.PropertiesOf("AWS::ECS::TaskDefinition")["ExecutionRoleArn"]!["Fn::GetAtt"]![0]!.GetValue<string>();
        var policy = _t.Resources("AWS::IAM::Policy")
            .Single(p => p.Value["Properties"]!["Roles"]!.AsArray().Any(r => r!["Ref"]?.GetValue<string>() == roleId));
        var statements = policy.Value["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray();

        string ResourcesOf(string action) => string.Join(" ", statements
            .Where(s => s!["Action"]!.ToJsonString().Contains($"\"{action}\"", StringComparison.Ordinal))
            .Select(s => s!["Resource"]!.ToJsonString()));

        Assert.Equal($"{{\"Ref\":\"{SecretId}\"}}", ResourcesOf("secretsmanager:GetSecretValue"));
        var parameters = ResourcesOf("ssm:GetParameters");
        Assert.Contains($":parameter{FargateWorkerApp.ApiTokenParameterName}", parameters, StringComparison.Ordinal);
        Assert.DoesNotContain("*", parameters.Replace("\"*\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal($"{{\"Fn::GetAtt\":[\"{KeyId}\",\"Arn\"]}}", ResourcesOf("kms:Decrypt"));
    }

    [Fact]
    public void Efs_volume_uses_transit_encryption_iam_and_the_access_point_and_tasks_reach_nfs()
    {
        var volume = Assert.Single(_t.PropertiesOf("AWS::ECS::TaskDefinition")["Volumes"]!.AsArray())!;
        var efs = volume["EFSVolumeConfiguration"]!;
        Assert.Equal("ENABLED", efs["TransitEncryption"]!.GetValue<string>());
        Assert.Equal("ENABLED", efs["AuthorizationConfig"]!["IAM"]!.GetValue<string>());
        Assert.Equal(_t.LogicalId("AWS::EFS::AccessPoint"), efs["AuthorizationConfig"]!["AccessPointId"]!["Ref"]!.GetValue<string>());

        var fs = _t.Single("AWS::EFS::FileSystem").Value;
        Assert.True(fs["Properties"]!["Encrypted"]!.GetValue<bool>());
        Assert.Equal("Retain", fs["DeletionPolicy"]!.GetValue<string>());
        Assert.Contains(_t.Resources("AWS::EC2::SecurityGroupIngress"), i =>
            i.Value["Properties"]!["FromPort"]!.GetValue<int>() == 2049 && i.Value["Properties"]!["ToPort"]!.GetValue<int>() == 2049);
    }

    [Fact]
    public void Cluster_strategy_is_fargate_base_one_then_fargate_spot_and_the_service_has_no_launch_type()
    {
        var strategy = _t.PropertiesOf("AWS::ECS::ClusterCapacityProviderAssociations")["DefaultCapacityProviderStrategy"]!.AsArray();
        Assert.Equal(2, strategy.Count);
        Assert.Equal("FARGATE", strategy[0]!["CapacityProvider"]!.GetValue<string>());
        Assert.Equal(1, strategy[0]!["Base"]!.GetValue<int>());
        Assert.Equal("FARGATE_SPOT", strategy[1]!["CapacityProvider"]!.GetValue<string>());
        Assert.True(strategy[1]!["Weight"]!.GetValue<int>() > strategy[0]!["Weight"]!.GetValue<int>());

        var service = _t.PropertiesOf("AWS::ECS::Service");
        Assert.Null(service["LaunchType"]);
    }
}
