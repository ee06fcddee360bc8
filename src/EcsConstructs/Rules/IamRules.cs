using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static EcsConstructs.Rules.EcsModel;
using static EcsConstructs.Rules.JsonValues;

namespace EcsConstructs.Rules;

/// <summary>IAM, secrets and KMS rules (failure classes 20-22, 24) and policy reading.</summary>
internal static partial class IamRules
{
    public enum Grant
    {
        Unknown,
        No,
        Yes,
    }

    public static IEnumerable<Finding> ExecutionRoleMissing(TemplateIndex index)
    {
        foreach (var td in index.OfType(TaskDefinition).Where(t => t.P("ExecutionRoleArn") is null))
        {
            var containers = Containers(td).ToList();
            var secrets = containers.Any(c => Items(Get(c, "Secrets")).Any() || Get(c, "RepositoryCredentials") is not null);
            var fargate = RequiresFargate(td);
            var ecr = containers.Any(c => Get(c, "Image")?.ToJsonString().Contains(".dkr.ecr.", StringComparison.Ordinal) == true);
            var awslogs = containers.Any(c => Str(Path(c, "LogConfiguration.LogDriver")) == "awslogs");
            if (secrets)
            {
                yield return new Finding(td, "injects secrets or uses registry credentials but has no ExecutionRoleArn; ECS reads them with the execution role.");
            }
            else if (fargate && (ecr || awslogs))
            {
                yield return new Finding(td, $"requires FARGATE and {(ecr ? "pulls an ECR image" : "uses the awslogs log driver")} without an ExecutionRoleArn (\"Fargate requires task definition to have execution role ARN to support {(ecr ? "ECR images" : "log driver awslogs")}\").");
            }
        }
    }

    public static IEnumerable<Finding> ExecutionRoleCanPull(TemplateIndex index)
    {
        foreach (var td in index.OfType(TaskDefinition))
        {
            var role = index.Target(td.P("ExecutionRoleArn"));
            var ecr = Containers(td).Any(c => Get(c, "Image")?.ToJsonString().Contains(".dkr.ecr.", StringComparison.Ordinal) == true);
            if (role is null || !ecr)
            {
                continue;
            }

            if (Allows(index, role, "ecr:GetAuthorizationToken", null) == Grant.No)
            {
                yield return new Finding(td, $"pulls from ECR but execution role {role.Path} is not allowed ecr:GetAuthorizationToken (\"is not authorized to perform: ecr:GetAuthorizationToken on resource: *\").");
            }
        }
    }

    public static IEnumerable<Finding> SecretsReadable(TemplateIndex index)
    {
        foreach (var td in index.OfType(TaskDefinition))
        {
            var role = index.Target(td.P("ExecutionRoleArn"));
            if (role is null)
            {
                continue;
            }

            var taskRole = index.Target(td.P("TaskRoleArn"));
            foreach (var container in Containers(td))
            {
                foreach (var secret in Objects(Get(container, "Secrets")))
                {
                    var name = Str(Get(secret, "Name"));
                    var (valueFrom, action, partial) = SecretReference(index, Get(secret, "ValueFrom"));
                    if (valueFrom is null)
                    {
                        continue;
                    }

                    var grant = Allows(index, role, action, valueFrom);
                    if (grant == Grant.No)
                    {
                        var onTaskRole = taskRole is not null && Allows(index, taskRole, action, valueFrom) == Grant.Yes;
                        yield return new Finding(td, $"secret {name} of container '{Str(Get(container, "Name"))}' is not readable by execution role {role.Path} ({action}){(onTaskRole ? "; it is granted to the task role, which ECS does not use to inject secrets" : string.Empty)} (\"AccessDeniedException ... is not authorized to perform: {action}\").");
                    }
                    else if (grant == Grant.Yes && partial && !HasWildcardFor(index, role, action, valueFrom))
                    {
                        yield return new Finding(td, $"secret {name} is referenced by the partial ARN {Str(valueFrom)} (no 6-character suffix) and granted on exactly that ARN; IAM matches the full ARN, so access is denied at task start.");
                    }
                }
            }
        }
    }

    public static IEnumerable<Finding> SecretKeyDecrypt(TemplateIndex index)
    {
        foreach (var td in index.OfType(TaskDefinition))
        {
            var role = index.Target(td.P("ExecutionRoleArn"));
            if (role is null)
            {
                continue;
            }

            foreach (var secret in Containers(td).SelectMany(c => Objects(Get(c, "Secrets"))))
            {
                var source = index.Target(Get(secret, "ValueFrom"));
                var keyRef = source?.Type == "AWS::SecretsManager::Secret" ? source.P("KmsKeyId") : null;
                var key = index.Target(keyRef);
                if (key is null)
                {
                    continue; // AWS managed key, or a key outside the stack: cannot check
                }

                if (Allows(index, role, "kms:Decrypt", keyRef) == Grant.No && !KeyPolicyGrants(key, role))
                {
                    yield return new Finding(td, $"secret {Str(Get(secret, "Name"))} is encrypted with key {key.Path}, which execution role {role.Path} may not use (kms:Decrypt) (\"Access to KMS is not allowed\").");
                }
            }
        }
    }

    public static IEnumerable<Finding> RolesTrustEcsTasks(TemplateIndex index)
    {
        foreach (var td in index.OfType(TaskDefinition))
        {
            foreach (var (property, label) in new[] { ("TaskRoleArn", "task role"), ("ExecutionRoleArn", "execution role") })
            {
                var role = index.Target(td.P(property));
                var services = role is null ? null : TrustedServices(role);
                if (services is not null && !services.Contains("ecs-tasks.amazonaws.com"))
                {
                    yield return new Finding(td, $"{label} {role!.Path} trusts [{string.Join(", ", services)}] but not ecs-tasks.amazonaws.com (\"ECS was unable to assume the role\").");
                }
            }
        }
    }

    /// <summary>The service principals a role's trust policy allows; null when a principal is not a literal.</summary>
    public static List<string>? TrustedServices(CfnEntry role)
    {
        var result = new List<string>();
        foreach (var statement in Objects(role.P("AssumeRolePolicyDocument.Statement")).Where(s => Str(Get(s, "Effect")) == "Allow"))
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

        if (action.StartsWith("ecr:", StringComparison.Ordinal) && ManagedPolicies(role).Any(p => p.Contains("AmazonECSTaskExecutionRolePolicy", StringComparison.Ordinal)))
        {
            return Grant.Yes;
        }

        return complete ? Grant.No : Grant.Unknown;
    }

    private static bool HasWildcardFor(TemplateIndex index, CfnEntry role, string action, JsonNode valueFrom) =>
        Statements(index, role, out _).Where(s => OneOrMany(Get(s, "Action")).Select(Str).Any(a => a is not null && Glob(a, action)))
            .SelectMany(s => OneOrMany(Get(s, "Resource"))).Select(Str).Any(r => r is not null && r.Contains('*', StringComparison.Ordinal) || r?.Contains('?', StringComparison.Ordinal) == true);

    private static bool KeyPolicyGrants(CfnEntry key, CfnEntry role) =>
        Objects(key.P("KeyPolicy.Statement")).Any(s => Path(s, "Principal.AWS")?.ToJsonString().Contains($"\"{role.LogicalId}\"", StringComparison.Ordinal) == true);

    private static (JsonNode? ValueFrom, string Action, bool Partial) SecretReference(TemplateIndex index, JsonNode? valueFrom)
    {
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
            return (JsonValue.Create(arn), "secretsmanager:GetSecretValue", !SecretSuffix().IsMatch(parts[6]));
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
            if (Items(policy.P("Roles")).Any(r => TemplateIndex.RefId(r) == role.LogicalId))
            {
                documents.Add(policy.P("PolicyDocument"));
            }
        }

        foreach (var arn in Items(role.P("ManagedPolicyArns")))
        {
            var local = index.Target(arn);
            if (local is not null)
            {
                documents.Add(local.P("PolicyDocument"));
            }
            else
            {
                complete = false; // an AWS managed or imported policy: its statements are unknown
            }
        }

        return documents.SelectMany(d => OneOrMany(Get(d, "Statement"))).OfType<JsonObject>().ToList();
    }

    private static IEnumerable<string> ManagedPolicies(CfnEntry role) => Items(role.P("ManagedPolicyArns")).Select(a => a.ToJsonString());

    private static bool Glob(string pattern, string value)
    {
        var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(value, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    [GeneratedRegex("-[A-Za-z0-9]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretSuffix();
}
