using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.LoadBalancing;

/// <summary>Listener rules over every template of the app together (ECS063).</summary>
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
}
