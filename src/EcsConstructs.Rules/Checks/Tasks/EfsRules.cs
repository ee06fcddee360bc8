using System.Text.Json.Nodes;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules.Conditions;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Checks.Tasks;

/// <summary>EFS volumes: mount targets and their network, access points, IAM authorization, zones and Fargate platform versions (ECS035-ECS037, ECS068, ECS069).</summary>
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

    /// <summary>
    /// ECS068: a service's tasks run in zones (their awsvpc subnets, or the subnets of the instances
    /// they run on) where the EFS file system they mount has no mount target. Only when every zone is
    /// known and comparable.
    /// </summary>
    public static IEnumerable<Finding> EfsMountTargetZones(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service))
        {
            if (index.TaskDef(service) is not { } td)
            {
                continue;
            }

            var subnets = service.P("NetworkConfiguration.AwsvpcConfiguration.Subnets") is { } own
                ? Items(own).ToList()
                : index.Ec2Groups(service)?.SelectMany(g => Items(g.P("VPCZoneIdentifier"))).ToList();
            var taskZones = subnets?.Select(s => TemplateIndex.ZoneKey(index.Target(s)?.P("AvailabilityZone"))).ToList();
            if (taskZones is null || taskZones.Count == 0 || taskZones.Any(z => z is null))
            {
                continue;
            }

            foreach (var volume in Objects(td.P("Volumes")))
            {
                var fs = index.Target(Get(Get(volume, "EFSVolumeConfiguration"), "FilesystemId"));
                var mounts = fs is null ? [] : index.OfType("AWS::EFS::MountTarget").Where(m => TemplateIndex.RefId(m.P("FileSystemId")) == fs.Key).ToList();
                var mountZones = mounts.Select(m => TemplateIndex.ZoneKey(index.Target(m.P("SubnetId"))?.P("AvailabilityZone"))).ToList();
                if (fs is null || mounts.Count == 0 || mountZones.Any(z => z is null) || !TemplateIndex.ZonesComparable([.. taskZones!, .. mountZones!]))
                {
                    continue; // no mount target at all is ECS035's
                }

                var missing = taskZones.Except(mountZones).Distinct().ToList();
                if (missing.Count > 0)
                {
                    yield return new Finding(service, $"runs tasks in {string.Join(", ", missing.Select(z => TemplateIndex.DescribeZone(z!)))} where EFS file system {fs.Path} has no mount target (it has them in {string.Join(", ", mountZones.Distinct().Select(z => TemplateIndex.DescribeZone(z!)))}): tasks placed there cannot mount it (\"mount.nfs4: Connection timed out\" / \"Failed to resolve\").");
                }
            }
        }
    }

    /// <summary>ECS069: a Fargate service with EFS volumes on a platform version below 1.4.0 (Linux), which has no EFS support.</summary>
    public static IEnumerable<Finding> EfsOnOldFargatePlatform(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service).Where(index.IsFargate))
        {
            var version = Str(service.P("PlatformVersion"));
            if (version is null or "LATEST" || !Version.TryParse(version, out var parsed) || parsed >= new Version(1, 4, 0)
                || index.TaskDef(service) is not { } td || !Objects(td.P("Volumes")).Any(v => Get(v, "EFSVolumeConfiguration") is not null))
            {
                continue;
            }

            yield return new Finding(service, $"mounts EFS volumes on Fargate platform version {version}; EFS volumes need platform version 1.4.0 or later (\"EFS volumes are not supported on this platform version\", paraphrase).");
        }
    }
}
