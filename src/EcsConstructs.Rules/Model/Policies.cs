using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Model;

/// <summary>IAM policies as far as the templates show them: trust policies, grants of roles, secret references.</summary>
internal static partial class Policies
{
    /// <summary>Whether a role is allowed an action.</summary>
    public enum Grant
    {
        /// <summary>Not known: a policy outside the templates, or a computed resource.</summary>
        Unknown,

        /// <summary>No statement of the known, complete set of policies allows it.</summary>
        No,

        /// <summary>A statement allows it.</summary>
        Yes,
    }

    /// <summary>The service principals a role's trust policy allows; null when a principal is not a literal.</summary>
    public static List<string>? TrustedServices(CfnEntry role)
    {
        var result = new List<string>();
        foreach (var statement in OneOrMany(role.P("AssumeRolePolicyDocument.Statement")).OfType<JsonObject>().Where(s => Str(Get(s, "Effect")) == "Allow"))
        {
            foreach (var principal in OneOrMany(Path(statement, "Principal.Service")))
            {
                if (Str(principal) is not { } name)
                {
                    return null;
                }

                result.Add(name);
            }

            if (Get(statement, "Principal") is JsonObject p && p.Any(kv => kv.Key != "Service"))
            {
                return null;
            }
        }

        return result;
    }

    /// <summary>Whether the role's policies in the stack allow <paramref name="action"/> on <paramref name="resource"/> (null = any resource).</summary>
    public static Grant Allows(TemplateIndex index, CfnEntry role, string action, JsonNode? resource)
    {
        var statements = Statements(index, role, out var complete);
        foreach (var statement in statements.Where(s => Str(Get(s, "Effect")) == "Allow"))
        {
            if (!OneOrMany(Get(statement, "Action")).Select(Str).Any(a => a is not null && Glob(a, action)))
            {
                continue;
            }

            var resources = OneOrMany(Get(statement, "Resource")).ToList();
            if (resource is null || resources.Any(r => Str(r) == "*" || JsonNode.DeepEquals(r, resource) || (TemplateIndex.RefId(r) is { } rid && rid == TemplateIndex.RefId(resource)) || (Str(r) is { } pattern && Str(resource) is { } literal && Glob(pattern, literal))))
            {
                return Grant.Yes;
            }

            if (resources.Any(r => Str(r) is null))
            {
                complete = false; // a computed resource might match
            }
        }

        return complete ? Grant.No : Grant.Unknown;
    }

    public static bool KeyPolicyGrants(CfnEntry key, CfnEntry role) =>
        Objects(key.P("KeyPolicy.Statement")).Any(s => Mentions(Path(s, "Principal.AWS"), role.Key));

    /// <summary>
    /// What a container secret's <c>ValueFrom</c> names: the secret (a reference, or its ARN without a
    /// JSON key), the action ECS reads it with, and whether a Secrets Manager ARN is partial (no
    /// 6-character suffix). A JSON field of a secret of the templates, which CDK writes as
    /// <c>Fn::Join</c> of the secret's reference and <c>:field::</c>, names that secret.
    /// </summary>
    public static (JsonNode? ValueFrom, string Action, bool Partial) SecretReference(TemplateIndex index, JsonNode? valueFrom)
    {
        if (Get(valueFrom, "Fn::Join") is JsonArray { Count: 2 } join && join[1] is JsonArray { Count: > 0 } joined
            && index.Target(joined[0]) is { Type: "AWS::SecretsManager::Secret" })
        {
            valueFrom = joined[0];
        }

        var target = index.Target(valueFrom);
        if (target is not null)
        {
            return target.Type switch
            {
                "AWS::SecretsManager::Secret" => (valueFrom, "secretsmanager:GetSecretValue", false),
                "AWS::SSM::Parameter" => (null, "ssm:GetParameters", false), // the grant names the parameter ARN, built with Fn::Join: cannot compare
                _ => (null, string.Empty, false),
            };
        }

        var text = Str(valueFrom);
        if (text is null || !text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return (null, string.Empty, false);
        }

        var parts = text.Split(':');
        if (parts.Length >= 7 && parts[2] == "secretsmanager")
        {
            var arn = string.Join(':', parts.Take(7));
            return (JsonValue.Create(arn), "secretsmanager:GetSecretValue", !Conditions.TaskLimits.HasSecretSuffix(parts[6]));
        }

        return parts.Length >= 6 && parts[2] == "ssm" ? (JsonValue.Create(text), "ssm:GetParameters", false) : (null, string.Empty, false);
    }

    private static List<JsonObject> Statements(TemplateIndex index, CfnEntry role, out bool complete)
    {
        complete = true;
        var documents = new List<JsonNode?>();
        documents.AddRange(Objects(role.P("Policies")).Select(p => Get(p, "PolicyDocument")));
        foreach (var policy in index.OfType("AWS::IAM::Policy").Concat(index.OfType("AWS::IAM::ManagedPolicy")))
        {
            if (Items(policy.P("Roles")).Any(r => TemplateIndex.RefId(r) == role.Key))
            {
                documents.Add(policy.P("PolicyDocument"));
            }
        }

        foreach (var policy in index.OfType("AWS::IAM::RolePolicy").Where(p => TemplateIndex.RefId(p.P("RoleName")) == role.Key))
        {
            documents.Add(policy.P("PolicyDocument"));
        }

        foreach (var arn in Items(role.P("ManagedPolicyArns")))
        {
            var local = index.Target(arn);
            if (local is not null)
            {
                documents.Add(local.P("PolicyDocument"));
            }
            else if (IsTaskExecutionRolePolicy(arn))
            {
                documents.Add(TaskExecutionRolePolicy);
            }
            else
            {
                complete = false; // another AWS managed or an imported policy: its statements are unknown
            }
        }

        return documents.SelectMany(d => OneOrMany(Get(d, "Statement"))).OfType<JsonObject>().ToList();
    }

    /// <summary>
    /// What the AWS managed policy <c>AmazonECSTaskExecutionRolePolicy</c> grants (its published
    /// document): pulling from ECR and writing to existing log streams, on any resource; nothing
    /// else (no secrets, no KMS, no <c>logs:CreateLogGroup</c>).
    /// </summary>
    private static readonly JsonObject TaskExecutionRolePolicy = new()
    {
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Action"] = new JsonArray("ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "logs:CreateLogStream", "logs:PutLogEvents"),
            ["Resource"] = "*",
        }),
    };

    /// <summary>Whether a managed policy ARN is <c>…:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy</c> (a literal, or joined with the partition).</summary>
    private static bool IsTaskExecutionRolePolicy(JsonNode arn) =>
        AnyString(arn, s => s.EndsWith(":iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy", StringComparison.Ordinal));

    private static bool Glob(string pattern, string value)
    {
        var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(value, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

}
