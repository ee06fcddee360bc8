using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Capacity;

/// <summary>The machine image of EC2 capacity (ECS071).</summary>
internal static class AmiRules
{
    /// <summary>
    /// An Auto Scaling group whose instances are meant for ECS (a capacity provider's, or user data
    /// writing <c>ECS_CLUSTER</c>) but whose image, where the template shows it, is not ECS-optimized: an
    /// SSM parameter path outside the ECS-optimized parameters. The image then has no ECS agent and the
    /// instances never register. A literal <c>ami-…</c> id cannot be judged.
    /// </summary>
    public static IEnumerable<Finding> NotEcsOptimized(TemplateIndex index)
    {
        var providerGroups = index.ProviderGroups().Select(g => g.Group).ToHashSet();
        foreach (var group in index.OfType(Asg))
        {
            var data = index.LaunchData(group);
            var forEcs = providerGroups.Contains(group) || WritesEcsCluster(Get(data, "UserData"));
            var path = ParameterPath(index, Get(data, "ImageId"));
            if (!forEcs || path is null || IsEcsOptimized(path))
            {
                continue;
            }

            yield return new Finding(group, $"launches instances from the image of SSM parameter '{path}', which is not an ECS-optimized image: the instances have no ECS agent and never register (\"No Container Instances were found in your cluster\").");
        }
    }

    /// <summary>
    /// The SSM parameter an image id names: a template parameter of an SSM type (its default), a
    /// dynamic reference <c>{{resolve:ssm:…}}</c>, or the launch template form <c>resolve:ssm:…</c>.
    /// </summary>
    private static string? ParameterPath(TemplateIndex index, System.Text.Json.Nodes.JsonNode? imageId)
    {
        if (Str(index.ParameterOf(imageId)?["Default"]) is { } fromParameter)
        {
            return fromParameter;
        }

        var text = Str(imageId);
        foreach (var prefix in (string[])["{{resolve:ssm:", "resolve:ssm:"])
        {
            if (text?.StartsWith(prefix, StringComparison.Ordinal) == true)
            {
                var path = text[prefix.Length..].TrimEnd('}');
                var version = path.LastIndexOf(':');
                return version > 0 ? path[..version] : path;
            }
        }

        return null;
    }

    /// <summary>The public SSM parameters of ECS-optimized images: Amazon Linux, Windows and Bottlerocket for ECS.</summary>
    private static bool IsEcsOptimized(string path) =>
        path.Contains("/aws/service/ecs/", StringComparison.Ordinal)
        || path.Contains("ECS_Optimized", StringComparison.Ordinal)
        || path.Contains("/aws/service/bottlerocket/aws-ecs-", StringComparison.Ordinal);
}
