using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Tasks;

/// <summary>The awslogs log driver (ECS033, ECS034).</summary>
internal static class LoggingRules
{
    public static IEnumerable<Finding> AwsLogsGroupGiven(TemplateIndex index)
    {
        foreach (var (td, container, options) in index.AwsLogs())
        {
            var group = Get(options, "awslogs-group");
            if (group is null || Str(group) is { } s && s.Trim().Length == 0)
            {
                yield return new Finding(td, $"container '{Str(Get(container, "Name"))}' uses the awslogs driver without an awslogs-group (\"Log driver awslogs option 'awslogs-group' should not be null or empty\").");
            }
        }
    }

    public static IEnumerable<Finding> AwsLogsGroupUsable(TemplateIndex index)
    {
        foreach (var (td, container, options) in index.AwsLogs())
        {
            var name = Str(Get(container, "Name"));
            var group = Get(options, "awslogs-group");
            var region = Str(Get(options, "awslogs-region"));
            var create = Str(Get(options, "awslogs-create-group")) == "true";
            if (region is not null && td.Template.Region is { } stackRegion && region != stackRegion)
            {
                yield return new Finding(td, $"container '{name}' sends logs to region {region} but the stack deploys to {stackRegion}; a group created by the stack is not there (\"The specified log group does not exist\").");
            }

            var literal = Str(group);
            if (literal is { Length: > 0 } && index.Target(group) is null && !create
                && !index.OfType("AWS::Logs::LogGroup").Any(g => Str(g.P("LogGroupName")) == literal))
            {
                yield return new Finding(td, $"container '{name}' logs to group '{literal}', which this stack does not create; not checked whether it exists.", Info: true);
            }

            var role = index.Target(td.P("ExecutionRoleArn"));
            if (create && role is not null && Policies.Allows(index, role, "logs:CreateLogGroup", null) == Policies.Grant.No)
            {
                yield return new Finding(td, $"container '{name}' sets awslogs-create-group but execution role {role.Path} may not call logs:CreateLogGroup (\"failed to create Cloudwatch log stream\").");
            }
        }
    }
}
