using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Capacity;

/// <summary>Capacity providers and their Auto Scaling groups: size, instance role, user data, egress, termination protection, names, associations (ECS002-ECS005, ECS013-ECS016, ECS044).</summary>
internal static class CapacityProviderRules
{
    private static readonly string[] ReservedPrefixes = ["aws", "ecs", "fargate"];

    public static IEnumerable<Finding> GroupMaxZero(TemplateIndex index) =>
        index.ProviderGroups().Where(g => Int(g.Group.P("MaxSize")) == 0)
            .Select(g => new Finding(g.Group, $"MaxSize is 0, so capacity provider {g.Provider.Path} can never start a container instance (\"No Container Instances were found in your cluster\")."));

    public static IEnumerable<Finding> InstanceRoleTrust(TemplateIndex index)
    {
        foreach (var (group, _) in index.ProviderGroups())
        {
            var profile = index.Target(Get(Get(index.LaunchData(group), "IamInstanceProfile"), "Arn") ?? Get(Get(index.LaunchData(group), "IamInstanceProfile"), "Name") ?? Get(index.LaunchData(group), "IamInstanceProfile"));
            foreach (var role in Items(profile?.P("Roles")).Select(index.Target).OfType<CfnEntry>())
            {
                var services = Policies.TrustedServices(role);
                if (services is not null && !services.Contains("ec2.amazonaws.com"))
                {
                    yield return new Finding(role, $"the instance role of {group.Path} trusts [{string.Join(", ", services)}] but not ec2.amazonaws.com, so the ECS agent on the instances gets no credentials and cannot register.");
                }
            }
        }
    }

    public static IEnumerable<Finding> UserDataRegistersCluster(TemplateIndex index)
    {
        foreach (var (group, provider) in index.ProviderGroups())
        {
            var data = index.LaunchData(group);
            if (data is null)
            {
                continue;
            }

            var userData = Get(data, "UserData");
            if (!WritesEcsCluster(userData))
            {
                yield return new Finding(group, $"the launch template or configuration of capacity provider {provider.Path} has {(userData is null ? "no user data" : "user data without ECS_CLUSTER")}, so the instances register with the cluster named 'default', not this cluster.");
            }
        }
    }

    public static IEnumerable<Finding> InstancesHaveEgress(TemplateIndex index)
    {
        foreach (var (group, provider) in index.ProviderGroups())
        {
            foreach (var subnet in Items(group.P("VPCZoneIdentifier")).Select(index.Target).OfType<CfnEntry>())
            {
                if (NetworkModel.Egress(index, subnet) == NetworkModel.SubnetEgress.None)
                {
                    yield return new Finding(group, $"subnet {subnet.Path} has no default route (NAT or internet gateway) and the VPC has no ECR interface endpoint, so the instances of {provider.Path} cannot reach the ECS, ECR and CloudWatch endpoints to register and pull images.");
                }
            }
        }
    }

    public static IEnumerable<Finding> ManagedProtectionNeedsScaleInProtection(TemplateIndex index) =>
        index.ProviderGroups()
            .Where(g => Str(g.Provider.P("AutoScalingGroupProvider.ManagedTerminationProtection")) == "ENABLED"
                && Bool(g.Group.P("NewInstancesProtectedFromScaleIn")) != true)
            .Select(g => new Finding(g.Provider, $"enables managed termination protection but {g.Group.Path} does not set NewInstancesProtectedFromScaleIn (\"The managed termination protection setting for the capacity provider is invalid\")."));

    public static IEnumerable<Finding> SharedGroup(TemplateIndex index) =>
        index.ProviderGroups().GroupBy(g => g.Group.Key).Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(x => new Finding(x.Provider, $"uses Auto Scaling group {x.Group.Path}, which capacity provider {g.First().Provider.Path} already uses (\"The specified Auto Scaling group ARN is already being used by another capacity provider\").")));

    public static IEnumerable<Finding> ProviderName(TemplateIndex index)
    {
        foreach (var provider in index.OfType(CapacityProvider))
        {
            var name = provider.P("Name");
            var text = Str(name);
            if (name is null && provider.Template.StackName is { } stackName && Reserved(stackName))
            {
                yield return new Finding(provider, $"has no Name, so CloudFormation derives one from the stack name '{stackName}', which starts with 'aws', 'ecs' or 'fargate' (rejected by ECS).");
            }
            else if (text is not null && Reserved(text))
            {
                yield return new Finding(provider, $"is named '{text}'; ECS rejects capacity provider names that start with 'aws', 'ecs' or 'fargate'.");
            }
        }

        static bool Reserved(string name) =>
            ReservedPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
    }

    public static IEnumerable<Finding> TwoAssociationMechanisms(TemplateIndex index)
    {
        foreach (var cluster in index.OfType(Cluster))
        {
            var associations = index.AssociationsOf(cluster).ToList();
            var inline = Items(cluster.P("CapacityProviders")).Any() || Objects(cluster.P("DefaultCapacityProviderStrategy")).Any();
            if (associations.Count > 1 || (associations.Count == 1 && inline))
            {
                yield return new Finding(cluster, $"has capacity providers associated {(inline ? "both on the cluster (CapacityProviders/DefaultCapacityProviderStrategy) and" : "by")} {associations.Count} ClusterCapacityProviderAssociations resource(s) ({string.Join(", ", associations.Select(a => a.Path))}); ECS keeps one set (\"The cluster already contains capacity provider associations\").");
            }
        }
    }

    /// <summary>
    /// Whether a resource of the templates force-deletes the group on stack deletion: a custom
    /// resource (such as the library's <c>AsgForceDelete</c>, an <c>AwsCustomResource</c>) whose
    /// properties call <c>DeleteAutoScalingGroup</c> with <c>ForceDelete</c> on this group.
    /// </summary>
    private static bool ForceDeleted(TemplateIndex index, CfnEntry group) =>
        index.All.Where(r => r.Type.StartsWith("Custom::", StringComparison.Ordinal) || r.Type == "AWS::CloudFormation::CustomResource")
                .Any(r => AnyString(r.Props, s => s.Contains("deleteAutoScalingGroup", StringComparison.OrdinalIgnoreCase))
                    && AnyString(r.Props, s => s.Contains("ForceDelete", StringComparison.Ordinal))
                    && Mentions(r.Props, group.Key));

    public static IEnumerable<Finding> ForceDelete(TemplateIndex index)
    {
        foreach (var (group, provider) in index.ProviderGroups())
        {
            if (Str(provider.P("AutoScalingGroupProvider.ManagedTerminationProtection")) != "ENABLED")
            {
                continue;
            }

            if (!ForceDeleted(index, group))
            {
                yield return new Finding(provider, $"enables managed termination protection on {group.Path} with no force delete of the group: deleting the stack waits on scale-in-protected instances (DELETE_IN_PROGRESS for hours).");
            }
        }
    }
}
