using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Clusters;
using EcsConstructs.Images;
using EcsConstructs.Rules.Review;
using EcsConstructs.Rules.Templates;
using EcsConstructs.Services;
using EcsConstructs.Tests.Rules;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Services;

/// <summary>Blue/green deployments in the settings the FargateBlueGreen scenario does not cover (one synth each).</summary>
public sealed class BlueGreenDeploymentTests
{
    private static (Synthesized Template, LoadBalancedService Web) Ec2(BlueGreenDeploymentOptions? blueGreen, NetworkMode? mode = null)
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);
        var web = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = Fixtures.Image,
            NetworkMode = mode,
            LoadBalancer = new ApplicationLoadBalancerOptions { BlueGreenDeployment = blueGreen },
        });
        return (Synthesized.Of(stack), web);
    }

    private static (Synthesized Template, RuleFindings Findings) Fargate(BlueGreenDeploymentOptions blueGreen, bool createOutputs = true,
        bool circuitBreakerRollback = true, AlarmBehavior? alarmBehavior = null)
    {
        var stack = TestApps.NewStack();
        _ = new LoadBalancedFargateService(stack, "Web", new LoadBalancedFargateServiceProps
        {
            Cluster = Fixtures.Cluster(stack, new EcsClusterProps { EnableFargateCapacityProviders = true }),
            Image = Fixtures.Image,
            CreateOutputs = createOutputs,
            CircuitBreakerRollback = circuitBreakerRollback,
            DeploymentAlarmNames = alarmBehavior is null ? null : ["web-5xx"],
            DeploymentAlarmBehavior = alarmBehavior ?? AlarmBehavior.ROLLBACK_ON_ALARM,
            LoadBalancer = new ApplicationLoadBalancerOptions { BlueGreenDeployment = blueGreen },
        });
        return (Synthesized.Of(stack), RuleFindings.Of(stack));
    }

    [Fact]
    public void Without_blue_green_the_service_rolls_and_the_listener_forwards_by_default()
    {
        var (t, web) = Ec2(null);
        Assert.Null(((ApplicationLoadBalancing)web.LoadBalancing).BlueGreenDeployment);
        Assert.Null(t.PropertiesOf("AWS::ECS::Service")["DeploymentConfiguration"]!["Strategy"]);
        Assert.Null(t.PropertiesOf("AWS::ECS::Service")["LoadBalancers"]![0]!["AdvancedConfiguration"]);
        Assert.Equal("forward", t.PropertiesOf("AWS::ElasticLoadBalancingV2::Listener")["DefaultActions"]![0]!["Type"]!.GetValue<string>());
        Assert.Empty(t.Resources("AWS::ElasticLoadBalancingV2::ListenerRule"));
    }

    [Fact]
    public void The_default_bake_time_is_10_minutes()
    {
        var (t, _) = Ec2(new EcsBlueGreenDeploymentOptions());
        Assert.Equal(10, t.PropertiesOf("AWS::ECS::Service")["DeploymentConfiguration"]!["BakeTimeInMinutes"]!.GetValue<int>());
    }

    [Fact]
    public void Deployment_alarms_stay_beside_the_blue_green_strategy()
    {
        var stack = TestApps.NewStack();
        _ = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
        {
            Cluster = Fixtures.Cluster(stack),
            Image = Fixtures.Image,
            DeploymentAlarmNames = ["web-5xx"],
            LoadBalancer = new ApplicationLoadBalancerOptions { BlueGreenDeployment = new EcsBlueGreenDeploymentOptions() },
        });

        var deployment = Synthesized.Of(stack).PropertiesOf("AWS::ECS::Service")["DeploymentConfiguration"]!;
        Assert.Equal("BLUE_GREEN", deployment["Strategy"]!.GetValue<string>());
        Assert.Equal("web-5xx", deployment["Alarms"]!["AlarmNames"]![0]!.GetValue<string>());
        Assert.True(deployment["Alarms"]!["Rollback"]!.GetValue<bool>());
    }

    [Fact]
    public void Without_a_test_port_there_is_no_test_listener_nor_test_rule()
    {
        var (t, web) = Ec2(new EcsBlueGreenDeploymentOptions());
        var blueGreen = (EcsBlueGreenDeployment)((ApplicationLoadBalancing)web.LoadBalancing).BlueGreenDeployment!;
        Assert.Null(blueGreen.TestListener);
        Assert.Null(blueGreen.TestListenerRule);
        Assert.Single(t.Resources("AWS::ElasticLoadBalancingV2::Listener"));
        Assert.Single(t.Resources("AWS::ElasticLoadBalancingV2::ListenerRule"));
        Assert.Null(t.PropertiesOf("AWS::ECS::Service")["LoadBalancers"]![0]!["AdvancedConfiguration"]!["TestListenerRule"]);
    }

    [Fact]
    public void Bridge_mode_uses_instance_targets_in_both_groups_and_one_shared_rule_opens_the_instances()
    {
        var (t, _) = Ec2(new EcsBlueGreenDeploymentOptions { TestListenerPort = 8080 });
        var groups = t.Resources("AWS::ElasticLoadBalancingV2::TargetGroup").Select(g => g.Value["Properties"]!["TargetType"]!.GetValue<string>()).ToList();
        Assert.Equal(["instance", "instance"], groups);
        var ingress = Assert.Single(t.Resources("AWS::EC2::SecurityGroupIngress")).Value["Properties"]!;
        Assert.Equal((32768, 65535), (ingress["FromPort"]!.GetValue<int>(), ingress["ToPort"]!.GetValue<int>()));
        Assert.StartsWith("WebLoadBalancerSecurityGroup", ingress["SourceSecurityGroupId"]!["Fn::GetAtt"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Awsvpc_mode_on_ec2_uses_ip_targets_in_both_groups()
    {
        var (t, _) = Ec2(new EcsBlueGreenDeploymentOptions(), NetworkMode.AWS_VPC);
        var groups = t.Resources("AWS::ElasticLoadBalancingV2::TargetGroup").Select(g => g.Value["Properties"]!["TargetType"]!.GetValue<string>()).ToList();
        Assert.Equal(["ip", "ip"], groups);
    }

    [Fact]
    public void With_a_certificate_the_test_listener_speaks_https_with_the_same_certificate()
    {
        var stack = TestApps.NewStack();
        _ = new LoadBalancedFargateService(stack, "Web", new LoadBalancedFargateServiceProps
        {
            Cluster = Fixtures.Cluster(stack, new EcsClusterProps { EnableFargateCapacityProviders = true }),
            Image = Fixtures.Image,
            LoadBalancer = new ApplicationLoadBalancerOptions
            {
                CertificateArn = ServiceScenarios.CertificateArn,
                BlueGreenDeployment = new EcsBlueGreenDeploymentOptions { TestListenerPort = 8443 },
            },
        });

        var test = Synthesized.Of(stack).Resources("AWS::ElasticLoadBalancingV2::Listener").Single(l => l.Value["Properties"]!["Port"]!.GetValue<int>() == 8443).Value["Properties"]!;
        Assert.Equal("HTTPS", test["Protocol"]!.GetValue<string>());
        Assert.Equal(ServiceScenarios.CertificateArn, test["Certificates"]![0]!["CertificateArn"]!.GetValue<string>());
    }

    [Fact]
    public void A_linear_shift_writes_the_linear_strategy_with_its_steps_and_no_rule_fires()
    {
        var (t, findings) = Fargate(new EcsBlueGreenDeploymentOptions { TrafficShift = new LinearTrafficShift { StepPercent = 20, StepBakeTime = Duration.Minutes(3) } });
        var deployment = t.PropertiesOf("AWS::ECS::Service")["DeploymentConfiguration"]!;
        Assert.Equal("LINEAR", deployment["Strategy"]!.GetValue<string>());
        Assert.Equal("{\"StepPercent\":20,\"StepBakeTimeInMinutes\":3}", deployment["LinearConfiguration"]!.ToJsonString());
        Assert.Null(deployment["CanaryConfiguration"]);
        findings.AssertClean();
    }

    [Fact]
    public void A_null_step_bake_time_from_code_without_nullable_checks_means_the_default_6_minutes()
    {
        var (t, _) = Fargate(new EcsBlueGreenDeploymentOptions { TrafficShift = new LinearTrafficShift { StepPercent = 20, StepBakeTime = null! } });
        Assert.Equal(6, t.PropertiesOf("AWS::ECS::Service")["DeploymentConfiguration"]!["LinearConfiguration"]!["StepBakeTimeInMinutes"]!.GetValue<int>());
    }

    [Fact]
    public void A_canary_shift_writes_the_canary_strategy_with_its_share_and_no_rule_fires()
    {
        var (t, findings) = Fargate(new EcsBlueGreenDeploymentOptions { TrafficShift = new CanaryTrafficShift { CanaryPercent = 12.5, CanaryBakeTime = Duration.Minutes(15) } });
        var deployment = t.PropertiesOf("AWS::ECS::Service")["DeploymentConfiguration"]!;
        Assert.Equal("CANARY", deployment["Strategy"]!.GetValue<string>());
        Assert.Equal("{\"CanaryPercent\":12.5,\"CanaryBakeTimeInMinutes\":15}", deployment["CanaryConfiguration"]!.ToJsonString());
        findings.AssertClean();
    }

    [Fact]
    public void A_fargate_service_deploys_with_code_deploy_and_no_rule_fires()
    {
        var (t, findings) = Fargate(new CodeDeployBlueGreenDeploymentOptions());
        Assert.Equal("CODE_DEPLOY", t.PropertiesOf("AWS::ECS::Service")["DeploymentController"]!["Type"]!.GetValue<string>());
        Assert.Equal(2, t.Resources("AWS::ElasticLoadBalancingV2::TargetGroup").Count);
        findings.AssertClean();
    }

    [Fact]
    public void A_code_deploy_shift_all_at_once_uses_the_predefined_configuration()
    {
        var (t, _) = Fargate(new CodeDeployBlueGreenDeploymentOptions { TrafficShift = new AllAtOnceTrafficShift() });
        Assert.Equal("CodeDeployDefault.ECSAllAtOnce", t.PropertiesOf("AWS::CodeDeploy::DeploymentGroup")["DeploymentConfigName"]!.GetValue<string>());
    }

    [Fact]
    public void A_code_deploy_shift_codedeploy_does_not_predefine_creates_a_deployment_configuration()
    {
        var (t, _) = Fargate(new CodeDeployBlueGreenDeploymentOptions { TrafficShift = new LinearTrafficShift { StepPercent = 25, StepBakeTime = Duration.Minutes(2) } });
        var config = t.PropertiesOf("AWS::CodeDeploy::DeploymentConfig");
        Assert.Equal("ECS", config["ComputePlatform"]!.GetValue<string>());
        Assert.Equal("{\"TimeBasedLinear\":{\"LinearInterval\":2,\"LinearPercentage\":25},\"Type\":\"TimeBasedLinear\"}", config["TrafficRoutingConfig"]!.ToJsonString());
        Assert.Equal(t.LogicalId("AWS::CodeDeploy::DeploymentConfig"), t.PropertiesOf("AWS::CodeDeploy::DeploymentGroup")["DeploymentConfigName"]!["Ref"]!.GetValue<string>());
    }

    [Fact]
    public void With_code_deploy_turning_the_circuit_breaker_off_turns_off_the_rollback_of_failed_deployments()
    {
        var (t, _) = Fargate(new CodeDeployBlueGreenDeploymentOptions(), circuitBreakerRollback: false);
        var rollback = t.PropertiesOf("AWS::CodeDeploy::DeploymentGroup")["AutoRollbackConfiguration"];
        Assert.True(rollback is null || rollback["Enabled"]!.GetValue<bool>() == false, rollback?.ToJsonString());
    }

    [Fact]
    public void With_code_deploy_an_alarm_that_fails_without_rollback_stops_the_deployment_only()
    {
        var (t, _) = Fargate(new CodeDeployBlueGreenDeploymentOptions(), alarmBehavior: AlarmBehavior.FAIL_ON_ALARM);
        var group = t.PropertiesOf("AWS::CodeDeploy::DeploymentGroup");
        Assert.Equal("web-5xx", group["AlarmConfiguration"]!["Alarms"]![0]!["Name"]!.GetValue<string>());
        Assert.Equal(["DEPLOYMENT_FAILURE"], group["AutoRollbackConfiguration"]!["Events"]!.AsArray().Select(e => e!.GetValue<string>()).ToList());
    }

    [Fact]
    public void Without_outputs_a_code_deploy_service_writes_none()
    {
        var (t, _) = Fargate(new CodeDeployBlueGreenDeploymentOptions(), createOutputs: false);
        Assert.DoesNotContain(t.Json["Outputs"]?.AsObject().Select(o => o.Key) ?? [], o => o.Contains("CodeDeploy", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_image_on_a_code_deploy_service_registers_a_new_revision_and_leaves_the_service_as_it_is()
    {
        // The release path's first step: `cdk deploy` replaces the task definition (a new revision of its family),
        // while the service names the family, so CloudFormation does not update it (ECS would refuse a new task
        // definition on a CODE_DEPLOY service) and the review raises no flag.
        string Synth(string image)
        {
            var stack = TestApps.NewStack();
            _ = new LoadBalancedEc2Service(stack, "Web", new LoadBalancedEc2ServiceProps
            {
                Cluster = Fixtures.Cluster(stack),
                Image = ImageSource.FromRegistry(image),
                LoadBalancer = new ApplicationLoadBalancerOptions { BlueGreenDeployment = new CodeDeployBlueGreenDeploymentOptions() },
            });
            return Synthesized.Of(stack).Text;
        }

        var report = TemplateReview.Compare(TemplateSet.FromText(Synth("public.ecr.aws/nginx/nginx:1.26")), TemplateSet.FromText(Synth("public.ecr.aws/nginx/nginx:1.27")));

        var changed = Assert.Single(report.Stacks).Resources;
        Assert.Contains(changed, r => r.Type == "AWS::ECS::TaskDefinition" && r.Effect == UpdateEffect.Replaced);
        Assert.DoesNotContain(changed, r => r.Type == "AWS::ECS::Service");
        Assert.Empty(report.Flags);
    }
}
