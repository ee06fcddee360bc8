using EcsConstructs.Rules.Conditions;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Tasks;

/// <summary>Container image references and where images come from (ECS057, ECS070).</summary>
internal static class ImageRules
{
    /// <summary>
    /// A service whose task pulls an image from an ECR repository created in the same stack: on the
    /// stack's first deployment the repository is empty, so the service waits for an image nobody could
    /// push yet.
    /// </summary>
    public static IEnumerable<Finding> RepositoryInSameStack(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service))
        {
            if (index.TaskDef(service) is not { } td)
            {
                continue;
            }

            foreach (var container in Containers(td))
            {
                var repository = index.All.FirstOrDefault(r => r.Type == "AWS::ECR::Repository" && r.Template == service.Template && Mentions(Get(container, "Image"), r.Key));
                if (repository is not null)
                {
                    yield return new Finding(service, $"container '{Str(Get(container, "Name"))}' pulls its image from {repository.Path}, which this stack creates: on the first deployment the repository is empty and the tasks cannot start (\"CannotPullContainerError: … not found\"); nothing can push the image before the stack creates the repository.");
                }
            }
        }
    }

    /// <summary>ECS057 over the templates: a container image given as a literal that is not an image reference ECS can pull.</summary>
    public static IEnumerable<Finding> MalformedImage(TemplateIndex index)
    {
        foreach (var td in index.OfType(TaskDefinition))
        {
            foreach (var container in Containers(td))
            {
                if (Str(Get(container, "Image")) is { } image && ImageReferences.Problem(image) is { } problem)
                {
                    yield return new Finding(td, $"container '{Str(Get(container, "Name"))}' image '{image}' {problem} (\"CannotPullContainerError: … invalid reference format\").");
                }
            }
        }
    }
}
