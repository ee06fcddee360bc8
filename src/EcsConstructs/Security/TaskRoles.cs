using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EcsConstructs.Rules;
using EcsConstructs.Validation;

namespace EcsConstructs.Security;

/// <summary>
/// Creation of a task's two roles and the rules for what may be granted to the task role.
/// The execution role (ECS pulls images, writes logs, reads secrets) and the task role (the
/// application's own AWS calls) are always separate roles; neither is the cluster's instance role.
/// </summary>
internal static class TaskRoles
{
    public const string EcsTasksPrincipal = "ecs-tasks.amazonaws.com";

    public static Role NewExecutionRole(Construct scope) => new(scope, "ExecutionRole", new RoleProps
    {
        AssumedBy = new ServicePrincipal(EcsTasksPrincipal),
        Description = "ECS task execution role: pulls the task's images, writes its logs, reads its secrets",
    });

    /// <summary>
    /// The task role, assumable only by ECS tasks of this account and region: the trust conditions
    /// (<c>aws:SourceAccount</c>, <c>aws:SourceArn</c>) are the confused-deputy protection the ECS
    /// developer guide recommends for task roles.
    /// </summary>
    public static Role NewTaskRole(Construct scope)
    {
        var stack = Stack.Of(scope);
        return new Role(scope, "TaskRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal(EcsTasksPrincipal, new ServicePrincipalOpts
            {
                Conditions = new Dictionary<string, object>
                {
                    ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = $"arn:{stack.Partition}:ecs:{stack.Region}:{stack.Account}:*" },
                    ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                },
            }),
            Description = "ECS task role: the AWS calls the task's application may make",
        });
    }

    /// <summary>Refuses wildcard actions (<c>*</c>, <c>s3:*</c>, <c>s3:Get*</c>) and <c>NotAction</c> unless allowed.</summary>
    public static void CheckStatement(IConstruct scope, string property, PolicyStatement statement, bool allowWildcardActions)
    {
        if (allowWildcardActions)
        {
            return;
        }

        if (statement.NotActions.Length > 0)
        {
            throw new EcsValidationException(RuleIds.LeastPrivilege, scope.Node.Path, property,
                $"statement uses NotAction ({string.Join(", ", statement.NotActions)}), which allows every other action; name the actions the application needs, or pass allowWildcardActions: true.");
        }

        var wildcard = statement.Actions.FirstOrDefault(a => a.Contains('*', StringComparison.Ordinal));
        if (wildcard is not null)
        {
            throw new EcsValidationException(RuleIds.LeastPrivilege, scope.Node.Path, property,
                $"action '{wildcard}' is a wildcard; name the actions the application needs (e.g. 's3:GetObject'), or pass allowWildcardActions: true.");
        }
    }
}
