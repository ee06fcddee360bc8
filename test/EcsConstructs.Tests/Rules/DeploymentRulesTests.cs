using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Rules;

/// <summary>Scaling and deployment rules.</summary>
public sealed class DeploymentRulesTests
{
    [Fact]
    public void ECS041_desired_count_pinned_under_auto_scaling()
    {
        var w = new FargateWorld();
        w.Service.AutoScaleTaskCount(new EnableScalingProps { MinCapacity = 2, MaxCapacity = 6 }).ScaleOnCpuUtilization("Cpu", new CpuUtilizationScalingProps { TargetUtilizationPercent = 60 });
        w.Synth().Fired("ECS041", "pins DesiredCount 2 while Test/Service/TaskCount/Target/Resource auto scales it");
    }

    [Fact]
    public void ECS041_auto_scaling_without_a_desired_count_is_fine()
    {
        var w = new FargateWorld();
        w.Service.AutoScaleTaskCount(new EnableScalingProps { MinCapacity = 2, MaxCapacity = 6 }).ScaleOnCpuUtilization("Cpu", new CpuUtilizationScalingProps { TargetUtilizationPercent = 60 });
        w.CfnService.DesiredCount = null;
        w.Synth().Silent("ECS041");
    }

    [Fact]
    public void ECS043_request_count_tracking_without_a_resource_label()
    {
        var w = new FargateWorld();
        var target = new CfnScalableTarget(w.Stack, "Target", new CfnScalableTargetProps
        {
            ServiceNamespace = "ecs",
            ScalableDimension = "ecs:service:DesiredCount",
            ResourceId = "service/cluster/web",
            MinCapacity = 1,
            MaxCapacity = 4,
        });
        _ = new CfnScalingPolicy(w.Stack, "Requests", new CfnScalingPolicyProps
        {
            PolicyName = "requests",
            PolicyType = "TargetTrackingScaling",
            ScalingTargetId = target.Ref,
            TargetTrackingScalingPolicyConfiguration = new CfnScalingPolicy.TargetTrackingScalingPolicyConfigurationProperty
            {
                TargetValue = 100,
                PredefinedMetricSpecification = new CfnScalingPolicy.PredefinedMetricSpecificationProperty { PredefinedMetricType = "ALBRequestCountPerTarget" },
            },
        });
        w.Synth().Fired("ECS043", "tracks ALBRequestCountPerTarget without a ResourceLabel");
    }

    [Fact]
    public void ECS043_request_count_tracking_with_the_alb_label_is_fine()
    {
        var w = new FargateWorld();
        w.Service.AutoScaleTaskCount(new EnableScalingProps { MinCapacity = 2, MaxCapacity = 6 })
            .ScaleOnRequestCount("Requests", new RequestCountScalingProps { RequestsPerTarget = 100, TargetGroup = w.TargetGroup });
        w.CfnService.DesiredCount = null;
        w.Synth().Silent("ECS043");
    }

    [Fact]
    public void ECS046_no_circuit_breaker()
    {
        var w = new L1World();
        w.Service.DeploymentConfiguration = new CfnService.DeploymentConfigurationProperty { MinimumHealthyPercent = 100, MaximumPercent = 200 };
        w.Synth().Fired("ECS046", "has no deployment circuit breaker");
    }

    [Fact]
    public void ECS046_a_circuit_breaker_turned_off_explicitly_is_the_users_choice()
    {
        var w = new L1World();
        w.Service.DeploymentConfiguration = new CfnService.DeploymentConfigurationProperty
        {
            MinimumHealthyPercent = 100,
            MaximumPercent = 200,
            DeploymentCircuitBreaker = new CfnService.DeploymentCircuitBreakerProperty { Enable = false, Rollback = false },
        };
        w.Synth().Silent("ECS046");
    }

    [Theory]
    [InlineData("CODE_DEPLOY")]
    [InlineData("EXTERNAL")]
    public void ECS046_services_deployed_by_another_controller_need_no_circuit_breaker(string controller)
    {
        var w = new L1World();
        w.Service.DeploymentConfiguration = new CfnService.DeploymentConfigurationProperty { MinimumHealthyPercent = 100, MaximumPercent = 200 };
        w.Service.DeploymentController = new CfnService.DeploymentControllerProperty { Type = controller };
        w.Synth().Silent("ECS046");
    }

    [Fact]
    public void ECS047_one_task_at_100_and_150_percent()
    {
        var w = new L1World();
        w.Service.DesiredCount = 1;
        w.Service.DeploymentConfiguration = new CfnService.DeploymentConfigurationProperty
        {
            MinimumHealthyPercent = 100,
            MaximumPercent = 150,
            DeploymentCircuitBreaker = new CfnService.DeploymentCircuitBreakerProperty { Enable = true, Rollback = true },
        };
        w.Synth().Fired("ECS047", "with DesiredCount 1, MinimumHealthyPercent 100 keeps 1 task(s) (rounded up) and MaximumPercent 150 allows 1 (rounded down)");
    }

    [Fact]
    public void ECS047_one_task_at_0_and_100_percent_is_fine()
    {
        var w = new L1World();
        w.Service.DesiredCount = 1;
        w.Service.DeploymentConfiguration = new CfnService.DeploymentConfigurationProperty
        {
            MinimumHealthyPercent = 0,
            MaximumPercent = 100,
            DeploymentCircuitBreaker = new CfnService.DeploymentCircuitBreakerProperty { Enable = true, Rollback = true },
        };
        w.Synth().Silent("ECS047");
    }
}
