using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Conditions;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Tasks;

/// <summary>EFS volumes: mount targets and their network, access points, IAM authorization (ECS035-ECS037).</summary>
internal static class EfsRules
{
    public static IEnumerable<Finding> EfsMountNetwork(TemplateIndex index)
    {
        foreach (var td in index.OfType(TaskDefinition))
        {
            foreach (var volume in Objects(td.P("Volumes")))
            {
                var fs = index.Target(Get(Get(volume, "EFSVolumeConfiguration"), "FilesystemId"));
                if (fs is null)
                {
                    continue;
                }

                var mounts = index.OfType("AWS::EFS::MountTarget").Where(m => TemplateIndex.RefId(m.P("FileSystemId")) == fs.Key).ToList();
                if (mounts.Count == 0)
                {
                    yield return new Finding(td, $"mounts EFS file system {fs.Path}, which has no mount target in the stack (\"mount.nfs4: Connection timed out\").");
                    continue;
                }

                var groups = mounts.SelectMany(m => Items(m.P("SecurityGroups"))).ToList();
                if (groups.Any(g => index.Target(g) is null))
                {
                    continue;
                }

                var ids = groups.Select(g => index.Target(g)!.Key).ToHashSet();
                if (!NetworkModel.Ingress(index, ids).Any(r => r.From <= 2049 && r.To >= 2049))
                {
                    yield return new Finding(td, $"mounts EFS file system {fs.Path}, whose mount targets' security groups admit nothing on TCP 2049 (\"mount.nfs4: Connection timed out\").");
                }
            }
        }
    }

    public static IEnumerable<Finding> EfsAccessPoint(TemplateIndex index)
    {
        foreach (var (td, efs) in index.EfsVolumes())
        {
            var accessPoint = Path(efs, "AuthorizationConfig.AccessPointId") is not null;
            var iam = Str(Path(efs, "AuthorizationConfig.IAM")) == "ENABLED";
            var root = Str(Get(efs, "RootDirectory"));
            if (!TaskLimits.EfsRootDirectoryAllowed(accessPoint, root))
            {
                yield return new Finding(td, $"EFS volume uses an access point with RootDirectory '{root}' (\"When using an EFS access point, the root directory must either be set to \\\"/\\\" or be omitted\").");
            }

            if ((accessPoint || iam) && Str(Get(efs, "TransitEncryption")) != "ENABLED")
            {
                yield return new Finding(td, $"EFS volume uses {(accessPoint ? "an access point" : "IAM authorization")} without TransitEncryption ENABLED, which ECS requires.");
            }
        }
    }

    public static IEnumerable<Finding> EfsIamClientMount(TemplateIndex index)
    {
        foreach (var (td, efs) in index.EfsVolumes())
        {
            if (Str(Path(efs, "AuthorizationConfig.IAM")) != "ENABLED")
            {
                continue;
            }

            var role = index.Target(td.P("TaskRoleArn"));
            if (td.P("TaskRoleArn") is null)
            {
                yield return new Finding(td, "EFS volume uses IAM authorization but the task definition has no task role to authorize.");
            }
            else if (role is not null && Policies.Allows(index, role, "elasticfilesystem:ClientMount", null) == Policies.Grant.No)
            {
                yield return new Finding(td, $"EFS volume uses IAM authorization but task role {role.Path} is not allowed elasticfilesystem:ClientMount (mount fails with access denied).");
            }
        }
    }
}
