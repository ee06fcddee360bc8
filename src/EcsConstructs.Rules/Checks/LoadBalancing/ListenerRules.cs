using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.LoadBalancing;

/// <summary>Listener rules over every template of the app together, and listener certificates (ECS063, ECS067).</summary>
internal static class ListenerRules
{
    /// <summary>Two listener rules with one priority on one listener, also when the listener is imported from another stack.</summary>
    public static IEnumerable<Finding> DuplicatePriority(TemplateIndex index)
    {
        var rules = index.OfType(ListenerRule)
            .Select(r => (Rule: r, Listener: TemplateIndex.RefId(r.P("ListenerArn")) ?? Str(r.P("ListenerArn")), Priority: Int(r.P("Priority"))))
            .Where(r => r.Listener is not null && r.Priority is not null);
        foreach (var same in rules.GroupBy(r => (r.Listener, r.Priority)).Where(g => g.Count() > 1))
        {
            var first = same.First().Rule;
            var listener = index[same.Key.Listener] is { } l ? l.Path : same.Key.Listener;
            foreach (var (rule, _, priority) in same.Skip(1))
            {
                var where = rule.Template == first.Template ? string.Empty : $" in stack {first.Template.Name}";
                yield return new Finding(rule, $"has priority {priority} on listener {listener}, like {first.Path}{where} (\"PriorityInUse: Priority '{priority}' is currently in use\").");
            }
        }
    }

    /// <summary>
    /// ECS067: a listener (or listener certificate) uses an ACM certificate of another region than the
    /// stack's: a load balancer can only use certificates of its own region (the region is in the ARN).
    /// </summary>
    public static IEnumerable<Finding> CertificateRegion(TemplateIndex index)
    {
        foreach (var resource in index.OfType(Listener).Concat(index.OfType("AWS::ElasticLoadBalancingV2::ListenerCertificate")))
        {
            if (resource.Template.Region is not { } region)
            {
                continue;
            }

            foreach (var arn in Objects(resource.P("Certificates")).Select(c => Str(Get(c, "CertificateArn"))).OfType<string>())
            {
                var parts = arn.Split(':');
                if (parts.Length > 4 && parts[2] == "acm" && parts[3].Length > 0 && parts[3] != region)
                {
                    yield return new Finding(resource, $"uses certificate {arn} of region {parts[3]}, but the stack deploys to {region}; a load balancer can only use ACM certificates of its own region (\"CertificateNotFound\").");
                }
            }
        }
    }
}
