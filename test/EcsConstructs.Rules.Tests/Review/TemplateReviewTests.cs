using System.Text.Json.Nodes;
using EcsConstructs.Rules.Review;
using EcsConstructs.Rules.Tests.Support;
using static EcsConstructs.Rules.Tests.Support.Reviews;

namespace EcsConstructs.Rules.Tests.Review;

/// <summary>The template review: what a deployment of the current template does to each resource of the baseline.</summary>
public sealed class TemplateReviewTests
{
    private const string LoadBalancerId = "NginxLoadBalancer1727BC49";
    private const string ListenerId = "NginxLoadBalancerHttp882FF03A";

    [Fact]
    public void An_alb_made_internal_replaces_the_load_balancer_for_its_scheme()
    {
        var report = Compare(NginxSnapshot(), NginxWithInternalLoadBalancer());

        var balancer = report.Of(LoadBalancerId);
        Assert.Equal(UpdateEffect.Replaced, balancer.Effect);
        Assert.Equal(UpdateEffect.Replaced, balancer.Property("Scheme").Effect);
        Assert.Null(balancer.Property("Scheme").Cause);
    }

    [Fact]
    public void An_alb_made_internal_replaces_its_listeners_through_their_load_balancer_arn()
    {
        var report = Compare(NginxSnapshot(), NginxWithInternalLoadBalancer());

        var listeners = report.Stacks.Single().Resources.Where(r => r.Type == "AWS::ElasticLoadBalancingV2::Listener").ToList();
        var listener = Assert.Single(listeners);
        Assert.Equal(ListenerId, listener.LogicalId);
        Assert.Equal(UpdateEffect.Replaced, listener.Effect);
        var arn = listener.Property("LoadBalancerArn");
        Assert.Equal(UpdateEffect.Replaced, arn.Effect);
        Assert.Equal($"refers to {LoadBalancerId}, which is replaced", arn.Cause);
    }

    [Fact]
    public void A_replacement_propagates_transitively_through_references()
    {
        var before = Template(
            ("Lb", Resource("AWS::ElasticLoadBalancingV2::LoadBalancer", new JsonObject { ["Scheme"] = "internet-facing" })),
            ("Listener", Resource("AWS::ElasticLoadBalancingV2::Listener", new JsonObject { ["LoadBalancerArn"] = new JsonObject { ["Ref"] = "Lb" }, ["Port"] = 80 })),
            ("Rule", Resource("AWS::ElasticLoadBalancingV2::ListenerRule", new JsonObject { ["ListenerArn"] = new JsonObject { ["Ref"] = "Listener" }, ["Priority"] = 1 })),
            ("Dns", Resource("AWS::Route53::RecordSet", new JsonObject { ["Name"] = "app.example.com", ["AliasTarget"] = new JsonObject { ["DNSName"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray("Lb", "DNSName") } } })));
        var after = before.DeepClone().AsObject();
        after["Resources"]!["Lb"]!["Properties"]!["Scheme"] = "internal";

        var report = Compare(before, after);

        Assert.Equal(UpdateEffect.Replaced, report.Of("Rule").Effect);
        Assert.Equal("refers to Listener, which is replaced", report.Of("Rule").Property("ListenerArn").Cause);
        Assert.Equal(UpdateEffect.InPlace, report.Of("Dns").Effect);
        Assert.Equal("refers to Lb, which is replaced", report.Of("Dns").Property("AliasTarget").Cause);
    }

    [Fact]
    public void An_output_that_refers_to_a_replaced_resource_changes()
    {
        var before = Template(("Lb", Resource("AWS::ElasticLoadBalancingV2::LoadBalancer", new JsonObject { ["Scheme"] = "internet-facing" })));
        before["Outputs"] = new JsonObject { ["Url"] = new JsonObject { ["Value"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray("Lb", "DNSName") } } };
        var after = before.DeepClone().AsObject();
        after["Resources"]!["Lb"]!["Properties"]!["Scheme"] = "internal";

        var stack = Compare(before, after).Stacks.Single();

        Assert.Equal(["Outputs: Url changes (refers to Lb, which is replaced)"], stack.OtherChanges);
    }

    [Fact]
    public void A_desired_count_change_on_a_service_is_in_place()
    {
        var before = Template(("Service", Resource("AWS::ECS::Service", new JsonObject { ["DesiredCount"] = 2, ["LaunchType"] = "FARGATE" })));
        var after = Template(("Service", Resource("AWS::ECS::Service", new JsonObject { ["DesiredCount"] = 4, ["LaunchType"] = "FARGATE" })));

        var report = Compare(before, after);

        var service = report.Of("Service");
        Assert.Equal(ResourceChangeKind.Modified, service.Kind);
        Assert.Equal(UpdateEffect.InPlace, service.Effect);
        Assert.Equal(UpdateEffect.InPlace, service.Property("DesiredCount").Effect);
        Assert.Empty(report.Flags);
        Assert.True(report.HasChanges);
        Assert.False(report.HasBlockingChanges);
    }

    [Fact]
    public void A_log_group_name_change_is_a_stateful_replacement()
    {
        var before = Template(("Logs", Resource("AWS::Logs::LogGroup", new JsonObject { ["LogGroupName"] = "/ecs/web" })));
        var after = Template(("Logs", Resource("AWS::Logs::LogGroup", new JsonObject { ["LogGroupName"] = "/ecs/web-v2" })));

        var report = Compare(before, after);

        Assert.Equal(UpdateEffect.Replaced, report.Of("Logs").Property("LogGroupName").Effect);
        var flag = Assert.Single(report.Flags);
        Assert.Equal(ReviewFlagKind.StatefulReplacement, flag.Kind);
        Assert.True(flag.IsCertain);
        Assert.Equal("Logs (AWS::Logs::LogGroup) is replaced (LogGroupName): a stateful resource; the old one is deleted with its data.", flag.Message);
        Assert.True(report.HasBlockingChanges);
    }

    [Fact]
    public void A_retained_stateful_resource_that_is_replaced_is_orphaned_rather_than_deleted()
    {
        var before = Template(("Logs", Resource("AWS::Logs::LogGroup", new JsonObject { ["LogGroupName"] = "/ecs/web" })));
        var after = Template(("Logs", Resource("AWS::Logs::LogGroup", new JsonObject { ["LogGroupName"] = "/ecs/web-v2" })));
        after["Resources"]!["Logs"]!["UpdateReplacePolicy"] = "Retain";
        after["Resources"]!["Logs"]!["DeletionPolicy"] = "Retain";

        var flag = Assert.Single(Compare(before, after).Flags);

        Assert.Contains("the old one is orphaned (UpdateReplacePolicy Retain): kept in the account with its data, no longer in the stack", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_renamed_in_the_app_with_its_fixed_cluster_name_kept_is_a_custom_named_replacement_error()
    {
        // The construct was renamed: a new logical ID and construct path, the same ClusterName.
        var before = Template(("ClusterEB0386A7", Resource("AWS::ECS::Cluster", new JsonObject { ["ClusterName"] = "orders" }, "App/Cluster/Resource")));
        var after = Template(("OrdersCluster2F7A1B3C", Resource("AWS::ECS::Cluster", new JsonObject { ["ClusterName"] = "orders" }, "App/OrdersCluster/Resource")));

        var report = Compare(before, after);

        var cluster = report.Of("OrdersCluster2F7A1B3C");
        Assert.Equal(ResourceChangeKind.Moved, cluster.Kind);
        Assert.Equal("ClusterEB0386A7", cluster.PreviousLogicalId);
        var flag = Assert.Single(report.Flags);
        Assert.Equal(ReviewFlagKind.CustomNameReplacement, flag.Kind);
        Assert.True(flag.IsCertain);
        Assert.Contains("keeps its custom name ClusterName \"orders\": CloudFormation creates the new resource before it deletes the old one, so the name is taken and the update fails", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_replaced_for_another_property_with_its_fixed_service_name_is_a_custom_named_replacement_error()
    {
        var before = Template(("Service", Resource("AWS::ECS::Service", new JsonObject { ["ServiceName"] = "web", ["LaunchType"] = "EC2" })));
        var after = Template(("Service", Resource("AWS::ECS::Service", new JsonObject { ["ServiceName"] = "web", ["LaunchType"] = "FARGATE" })));

        var flag = Assert.Single(Compare(before, after).Flags);

        Assert.Equal(ReviewFlagKind.CustomNameReplacement, flag.Kind);
        Assert.StartsWith("Service (AWS::ECS::Service) is replaced (LaunchType) and keeps its custom name ServiceName \"web\"", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_a_fixed_cluster_name_replaces_the_cluster_without_an_error_because_the_new_name_is_free()
    {
        var before = Template(("Cluster", Resource("AWS::ECS::Cluster", new JsonObject { ["ClusterName"] = "orders" })));
        var after = Template(("Cluster", Resource("AWS::ECS::Cluster", new JsonObject { ["ClusterName"] = "orders-v2" })));

        var report = Compare(before, after);

        Assert.Equal(UpdateEffect.Replaced, report.Of("Cluster").Effect);
        Assert.Empty(report.Flags);
    }

    [Fact]
    public void A_logical_id_change_of_an_ecr_repository_is_a_stateful_replacement()
    {
        var before = Template(("RepoA1B2C3D4", Resource("AWS::ECR::Repository", new JsonObject { ["ImageScanningConfiguration"] = new JsonObject { ["ScanOnPush"] = true } }, "App/Repo/Resource")));
        var after = Template(("RepoE5F6A7B8", Resource("AWS::ECR::Repository", new JsonObject { ["ImageScanningConfiguration"] = new JsonObject { ["ScanOnPush"] = true } }, "App/Repo/Resource")));

        var report = Compare(before, after);

        var repository = Assert.Single(report.Stacks.Single().Resources);
        Assert.Equal(ResourceChangeKind.Moved, repository.Kind);
        Assert.Equal(UpdateEffect.Replaced, repository.Effect);
        var flag = Assert.Single(report.Flags);
        Assert.Equal(ReviewFlagKind.StatefulReplacement, flag.Kind);
        Assert.Equal("RepoE5F6A7B8 (AWS::ECR::Repository) is replaced (logical ID moved from RepoA1B2C3D4, same construct path App/Repo/Resource): a stateful resource; the old one is deleted with its data.", flag.Message);
    }

    [Fact]
    public void A_logical_id_change_in_snapshots_without_construct_paths_is_recognized_by_equal_properties()
    {
        var before = Template(("RepoA1B2C3D4", Resource("AWS::ECR::Repository", new JsonObject { ["EmptyOnDelete"] = false })));
        var after = Template(("RepoE5F6A7B8", Resource("AWS::ECR::Repository", new JsonObject { ["EmptyOnDelete"] = false })));
        before["Resources"]!["RepoA1B2C3D4"]!["DeletionPolicy"] = "Retain";

        var report = Compare(before, after);

        Assert.Equal(ResourceChangeKind.Moved, report.Of("RepoE5F6A7B8").Kind);
        Assert.Contains("same type and properties", Assert.Single(report.Flags).Message, StringComparison.Ordinal);
        Assert.Contains("orphaned (DeletionPolicy Retain)", report.Flags[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_stateful_resource_is_flagged()
    {
        var before = Template(("Logs", Resource("AWS::Logs::LogGroup")), ("Role", Resource("AWS::IAM::Role")));
        var after = Template(("Role", Resource("AWS::IAM::Role")));

        var report = Compare(before, after);

        Assert.Equal(ResourceChangeKind.Removed, report.Of("Logs").Kind);
        var flag = Assert.Single(report.Flags);
        Assert.Equal(ReviewFlagKind.StatefulRemoval, flag.Kind);
        Assert.Equal("Logs (AWS::Logs::LogGroup) is removed: a stateful resource; the old one is deleted with its data.", flag.Message);
    }

    [Fact]
    public void A_type_change_is_a_replacement()
    {
        var before = Template(("Queue", Resource("AWS::SNS::Topic")));
        var after = Template(("Queue", Resource("AWS::SQS::Queue")));

        var queue = Compare(before, after).Of("Queue");

        Assert.Equal(UpdateEffect.Replaced, queue.Effect);
        Assert.Equal("was AWS::SNS::Topic", queue.Property("Type").Cause);
    }

    [Fact]
    public void A_conditional_property_may_replace_the_resource_and_its_flag_is_not_blocking()
    {
        var before = Template(("Provider", Resource("AWS::ECS::CapacityProvider", new JsonObject { ["AutoScalingGroupProvider"] = new JsonObject { ["AutoScalingGroupArn"] = "a" } })));
        var after = Template(("Provider", Resource("AWS::ECS::CapacityProvider", new JsonObject { ["AutoScalingGroupProvider"] = new JsonObject { ["AutoScalingGroupArn"] = "b" } })));

        var report = Compare(before, after);

        Assert.Equal(UpdateEffect.MayBeReplaced, report.Of("Provider").Effect);
        Assert.False(report.HasBlockingChanges);
    }

    [Fact]
    public void No_change_is_reported_as_no_changes()
    {
        var report = Compare(NginxSnapshot(), NginxSnapshot());

        Assert.False(report.HasChanges);
        Assert.Empty(report.Stacks.Single().Resources);
        Assert.Equal("ecs-rules diff: no changes.\n", report.ToText());
    }

    [Fact]
    public void A_metadata_only_change_is_reported_as_no_resource_change()
    {
        var before = Template(("Role", Resource("AWS::IAM::Role", new JsonObject { ["Path"] = "/" }, "App/Role/Resource")));
        var after = Template(("Role", Resource("AWS::IAM::Role", new JsonObject { ["Path"] = "/" }, "App/Service/Role/Resource")),
            ("CDKMetadata", Resource("AWS::CDK::Metadata", new JsonObject { ["Analytics"] = "v2:deflate64:abc" })));
        after["Resources"]!["Role"]!["Metadata"]!["aws:asset:path"] = "asset.1234";

        var report = Compare(before, after);

        Assert.False(report.HasChanges);
        Assert.True(report.Stacks.Single().MetadataOnly);
        Assert.Contains("no resource change (only metadata changed", report.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Key_order_and_asset_hashes_against_a_snapshot_placeholder_are_no_change()
    {
        var hash = new string('a', 64);
        var before = Template(("Task", Resource("AWS::ECS::TaskDefinition", new JsonObject { ["Cpu"] = "256", ["Image"] = "[ASSET_HASH].dkr" })));
        var after = Template(("Task", Resource("AWS::ECS::TaskDefinition", new JsonObject { ["Image"] = hash + ".dkr", ["Cpu"] = "256" })));

        var report = Compare(before, after);

        Assert.False(report.HasChanges);
        Assert.False(report.Stacks.Single().MetadataOnly);
        Assert.Equal("ecs-rules diff: no changes.\n", report.ToText());
    }

    [Fact]
    public void Other_metadata_is_a_change_of_the_resource_attribute_in_place()
    {
        var before = Template(("Role", Resource("AWS::IAM::Role")));
        var after = Template(("Role", Resource("AWS::IAM::Role")));
        after["Resources"]!["Role"]!["Metadata"] = new JsonObject { ["cdk_nag"] = new JsonObject { ["rules_to_suppress"] = new JsonArray() } };

        var role = Compare(before, after).Of("Role");

        Assert.Equal(UpdateEffect.InPlace, role.Effect);
        Assert.True(role.Property("Metadata").IsAttribute);
    }

    [Fact]
    public void A_type_the_table_does_not_know_may_be_replaced_and_a_custom_resource_is_updated_in_place()
    {
        var before = Template(("Thing", Resource("Vendor::Tool::Thing", new JsonObject { ["Size"] = 1 })), ("Custom", Resource("Custom::Cleanup", new JsonObject { ["Version"] = 1 })));
        var after = Template(("Thing", Resource("Vendor::Tool::Thing", new JsonObject { ["Size"] = 2 })), ("Custom", Resource("Custom::Cleanup", new JsonObject { ["Version"] = 2 })));

        var report = Compare(before, after);

        Assert.Equal(UpdateEffect.MayBeReplaced, report.Of("Thing").Effect);
        Assert.Equal("Vendor::Tool::Thing is not in the update-behaviour table", report.Of("Thing").Property("Size").Cause);
        Assert.Equal(UpdateEffect.InPlace, report.Of("Custom").Effect);
    }

    [Fact]
    public void The_text_report_shows_flags_first_then_each_resource_and_property_with_its_effect()
    {
        var text = Compare(NginxSnapshot(), NginxWithInternalLoadBalancer()).ToText();

        Assert.Contains($"  ! {LoadBalancerId} (AWS::ElasticLoadBalancingV2::LoadBalancer) replaced\n      Scheme: replaced\n", text, StringComparison.Ordinal);
        Assert.Contains($"  ! {ListenerId} (AWS::ElasticLoadBalancingV2::Listener) replaced\n      LoadBalancerArn: replaced (refers to {LoadBalancerId}, which is replaced)\n", text, StringComparison.Ordinal);
        Assert.EndsWith("ecs-rules diff: 2 replaced, 0 may be replaced, 0 updated in place, 0 added, 0 removed in 1 stack; 0 blocking, 0 possible.\n", text, StringComparison.Ordinal);
    }

    private static JsonObject CodeDeployService(JsonNode taskDefinition) => Resource("AWS::ECS::Service", new JsonObject
    {
        ["DeploymentController"] = new JsonObject { ["Type"] = "CODE_DEPLOY" },
        ["TaskDefinition"] = taskDefinition,
    });

    [Fact]
    public void A_new_task_definition_on_a_code_deploy_service_is_an_error_since_ecs_refuses_the_update()
    {
        var task = (string family) => Resource("AWS::ECS::TaskDefinition", new JsonObject { ["Family"] = family });
        var before = Template(("Task", task("web")), ("Service", CodeDeployService(new JsonObject { ["Ref"] = "Task" })));
        var after = Template(("Task", task("web-v2")), ("Service", CodeDeployService(new JsonObject { ["Ref"] = "Task" })));

        var flag = Assert.Single(Compare(before, after).Flags);

        Assert.Equal(ReviewFlagKind.CodeDeployServiceUpdate, flag.Kind);
        Assert.True(flag.IsCertain);
        Assert.StartsWith("Service (AWS::ECS::Service) uses the CODE_DEPLOY deployment controller and changes TaskDefinition (refers to Task, which is replaced): ECS refuses", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_deploy_service_that_names_its_task_definition_family_is_not_flagged_when_a_new_revision_is_registered()
    {
        // aws-cdk-lib writes the family (not the ARN) on a CODE_DEPLOY service: cdk deploy registers a new revision, and
        // the service keeps running its own until a CodeDeploy deployment ships the new one.
        var task = (string image) => Resource("AWS::ECS::TaskDefinition", new JsonObject
        {
            ["Family"] = "web",
            ["ContainerDefinitions"] = new JsonArray(new JsonObject { ["Name"] = "app", ["Image"] = image }),
        });
        var before = Template(("Task", task("nginx:1.26")), ("Service", CodeDeployService("web")));
        var after = Template(("Task", task("nginx:1.27")), ("Service", CodeDeployService("web")));

        Assert.Empty(Compare(before, after).Flags);
    }

    [Fact]
    public void A_new_task_definition_on_a_service_with_the_ecs_controller_is_an_ordinary_update()
    {
        var service = (string task) => Resource("AWS::ECS::Service", new JsonObject { ["TaskDefinition"] = task });
        var before = Template(("Service", service("web:1")));
        var after = Template(("Service", service("web:2")));

        Assert.Empty(Compare(before, after).Flags);
    }
}
