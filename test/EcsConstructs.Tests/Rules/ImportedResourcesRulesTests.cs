using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.Logs;
using EcsConstructs.Tests.Support;
using Secret = Amazon.CDK.AWS.SecretsManager.Secret;

namespace EcsConstructs.Tests.Rules;

/// <summary>Imported cluster, VPC, load balancer, target group, log group and secret: "cannot check", never a false alarm, never a crash.</summary>
public sealed class ImportedResourcesRulesTests
{
    [Fact]
    public void Services_on_imported_resources_synthesize_without_findings()
    {
        var stack = TestApps.NewStack();
        var vpc = Vpc.FromVpcAttributes(stack, "Vpc", new VpcAttributes
        {
            VpcId = "vpc-12345678",
            AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
            PrivateSubnetIds = ["subnet-11111111", "subnet-22222222"],
        });
        var cluster = Cluster.FromClusterAttributes(stack, "Cluster", new ClusterAttributes { ClusterName = "shared", Vpc = vpc });
        var secret = Secret.FromSecretNameV2(stack, "Db", "prod/db");
        var logs = LogGroup.FromLogGroupName(stack, "Logs", "/shared/app");
        var td = new FargateTaskDefinition(stack, "Td", new FargateTaskDefinitionProps { Cpu = 256, MemoryLimitMiB = 512 });
        td.AddContainer("app", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
            PortMappings = [new PortMapping { ContainerPort = 80 }],
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = logs, StreamPrefix = "app" }),
            Secrets = new Dictionary<string, Amazon.CDK.AWS.ECS.Secret> { ["DB"] = Amazon.CDK.AWS.ECS.Secret.FromSecretsManager(secret) },
        });
        var service = new FargateService(stack, "Service", new FargateServiceProps
        {
            Cluster = cluster,
            TaskDefinition = td,
            DesiredCount = 2,
            CircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
            CapacityProviderStrategies = [new CapacityProviderStrategy { CapacityProvider = "FARGATE_SPOT", Weight = 1 }],
        });
        var targetGroup = ApplicationTargetGroup.FromTargetGroupAttributes(stack, "Tg", new TargetGroupAttributes
        {
            TargetGroupArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef",
        });
        var cfn = (CfnService)service.Node.DefaultChild!;
        cfn.LoadBalancers = new[] { new CfnService.LoadBalancerProperty { ContainerName = "app", ContainerPort = 80, TargetGroupArn = targetGroup.TargetGroupArn } };
        var listener = ApplicationListener.FromApplicationListenerAttributes(stack, "Listener", new ApplicationListenerAttributes
        {
            ListenerArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/web/0123456789abcdef/0123456789abcdef",
            SecurityGroup = SecurityGroup.FromSecurityGroupId(stack, "AlbSg", "sg-12345678"),
        });
        listener.AddTargetGroups("Web", new AddApplicationTargetGroupsProps { TargetGroups = [targetGroup], Priority = 10, Conditions = [ListenerCondition.PathPatterns(["/web/*"])] });

        var findings = RuleFindings.Of(stack);

        Assert.Empty(findings.Findings);
        Assert.Contains(findings.All, a => a.Level == "info" && a.Text.Contains("[ECS034]", StringComparison.Ordinal) && a.Text.Contains("'/shared/app'", StringComparison.Ordinal));
    }
}
