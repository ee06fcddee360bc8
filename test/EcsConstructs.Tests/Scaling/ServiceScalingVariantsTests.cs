using Amazon.CDK;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using EcsConstructs.Scaling;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Scaling;

/// <summary>
/// Request-count tracking without a target group of the app: an imported group (full name from
/// its ARN, load balancer full name given) and full names only. Synthesized once.
/// </summary>
public sealed class ImportedTargetGroupFixture
{
    public ImportedTargetGroupFixture()
    {
        var stack = TestApps.NewStack();
        var cluster = Fixtures.Cluster(stack);
        var imported = ApplicationTargetGroup.FromTargetGroupAttributes(stack, "Imported", new TargetGroupAttributes
        {
            TargetGroupArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef",
        });
        _ = new ServiceScaling(stack, "FromImported", new ServiceScalingProps
        {
            Service = ScalingTestServices.Plain(stack, "A", cluster.Cluster),
            MinCapacity = 1,
            MaxCapacity = 4,
            TargetGroup = imported,
            RequestCountTracking = new RequestCountTrackingOptions
            {
                RequestsPerTarget = 1000,
                LoadBalancerFullName = "app/web/fedcba9876543210",
            },
        });
        _ = new ServiceScaling(stack, "FromNames", new ServiceScalingProps
        {
            Service = ScalingTestServices.Plain(stack, "B", cluster.Cluster),
            MinCapacity = 1,
            MaxCapacity = 4,
            RequestCountTracking = new RequestCountTrackingOptions
            {
                RequestsPerTarget = 1000,
                TargetGroupFullName = "targetgroup/api/1111111111111111",
                LoadBalancerFullName = "app/api/2222222222222222",
            },
        });
        Template = Synthesized.Of(stack);
    }

    internal Synthesized Template { get; }
}

public sealed class ServiceScalingVariantsTests(ImportedTargetGroupFixture fixture) : IClassFixture<ImportedTargetGroupFixture>
{
    private readonly Synthesized _t = fixture.Template;

    private string Label(string prefix) =>
        _t.Resources("AWS::ApplicationAutoScaling::ScalingPolicy").Single(r => r.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Value["Properties"]!["TargetTrackingScalingPolicyConfiguration"]!["PredefinedMetricSpecification"]!["ResourceLabel"]!.GetValue<string>();

    [Fact]
    public void Imported_target_group_gets_its_full_name_from_the_arn()
    {
        // The ARN is a literal, so CDK folds Fn::Select/Fn::Split into the string.
        Assert.Equal("app/web/fedcba9876543210/targetgroup/web/0123456789abcdef", Label("FromImported"));
    }

    [Fact]
    public void Full_names_alone_are_enough()
    {
        Assert.Equal("app/api/2222222222222222/targetgroup/api/1111111111111111", Label("FromNames"));
    }

    [Fact]
    public void Every_scaled_service_has_no_desired_count()
    {
        Assert.All(_t.Resources("AWS::ECS::Service"), s => Assert.False(s.Value["Properties"]!.AsObject().ContainsKey("DesiredCount")));
    }
}
