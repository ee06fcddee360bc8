using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Iam;

/// <summary>Task and execution roles: existence, trust, ECR pulls, secrets and their keys (ECS028-ECS032).</summary>
internal static class RoleRules
{
    public static IEnumerable<Finding> ExecutionRoleMissing(TemplateIndex index)
    {
        foreach (var td in index.OfType(TaskDefinition).Where(t => t.P("ExecutionRoleArn") is null))
        {
            var containers = Containers(td).ToList();
            var secrets = containers.Any(c => Items(Get(c, "Secrets")).Any() || Get(c, "RepositoryCredentials") is not null);
            var fargate = RequiresFargate(td);
            var ecr = containers.Any(c => index.IsEcrImage(Get(c, "Image")));
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
            var ecr = Containers(td).Any(c => index.IsEcrImage(Get(c, "Image")));
            if (role is null || !ecr)
            {
                continue;
            }

            if (Policies.Allows(index, role, "ecr:GetAuthorizationToken", null) == Policies.Grant.No)
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
                    var (valueFrom, action, partial) = Policies.SecretReference(index, Get(secret, "ValueFrom"));
                    if (valueFrom is null)
                    {
                        continue;
                    }

                    // IAM evaluates the secret's complete ARN: a partial reference (no suffix) is matched by a
                    // grant on name-?????? or name-*, not by a grant on the partial ARN itself.
                    var evaluated = partial ? JsonValue.Create(Str(valueFrom) + "-AbCdEf") : valueFrom;
                    if (Policies.Allows(index, role, action, evaluated) != Policies.Grant.No)
                    {
                        continue;
                    }

                    if (partial && Policies.Allows(index, role, action, valueFrom) == Policies.Grant.Yes)
                    {
                        yield return new Finding(td, $"secret {name} is referenced by the partial ARN {Str(valueFrom)} (no 6-character suffix) and granted on exactly that ARN; IAM matches the full ARN, so access is denied at task start.");
                        continue;
                    }

                    var onTaskRole = taskRole is not null && Policies.Allows(index, taskRole, action, evaluated) == Policies.Grant.Yes;
                    yield return new Finding(td, $"secret {name} of container '{Str(Get(container, "Name"))}' is not readable by execution role {role.Path} ({action}){(onTaskRole ? "; it is granted to the task role, which ECS does not use to inject secrets" : string.Empty)} (\"AccessDeniedException ... is not authorized to perform: {action}\").");
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
                var source = index.Target(Policies.SecretReference(index, Get(secret, "ValueFrom")).ValueFrom);
                var keyRef = source?.Type == "AWS::SecretsManager::Secret" ? source.P("KmsKeyId") : null;
                var key = index.Target(keyRef);
                if (key is null)
                {
                    continue; // AWS managed key, or a key outside the stack: cannot check
                }

                if (Policies.Allows(index, role, "kms:Decrypt", keyRef) == Policies.Grant.No && !Policies.KeyPolicyGrants(key, role))
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
                var services = role is null ? null : Policies.TrustedServices(role);
                if (services is not null && !services.Contains("ecs-tasks.amazonaws.com"))
                {
                    yield return new Finding(td, $"{label} {role!.Path} trusts [{string.Join(", ", services)}] but not ecs-tasks.amazonaws.com (\"ECS was unable to assume the role\").");
                }
            }
        }
    }
}
