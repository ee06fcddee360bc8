using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;

namespace EcsConstructs.Rules.Checks.Networking;

/// <summary>Security group rules over every template of the app together (ECS062).</summary>
internal static class SecurityGroupRules
{
    /// <summary>
    /// The same rule (direction, group, protocol, ports, peer) created twice: by two resources, in one
    /// stack or in two, or inline and as a resource. EC2 refuses the second, and deleting either stack
    /// removes the rule the other still needs.
    /// </summary>
    public static IEnumerable<Finding> DuplicateRules(TemplateIndex index)
    {
        foreach (var duplicates in NetworkModel.SecurityGroupRules(index).Where(r => r.Known).GroupBy(r => r.Identity).Where(g => g.Count() > 1))
        {
            var first = duplicates.First();
            foreach (var rule in duplicates.Skip(1))
            {
                var where = rule.Resource.Template == first.Resource.Template ? string.Empty : $" in stack {first.Resource.Template.Name}";
                var group = index[first.Group!] is { } g ? g.Path : first.Group;
                yield return new Finding(rule.Resource, $"creates the {(rule.Ingress ? "ingress" : "egress")} rule {rule.Describe(index)} on security group {group}, which {(first.Resource == rule.Resource ? "it already lists" : $"{first.Resource.Path}{where} creates too")} (\"InvalidPermission.Duplicate: the specified rule … already exists\"): the second create fails, and deleting one removes the rule the other needs.");
            }
        }
    }
}
