using EcsConstructs.Validation;
using static EcsConstructs.Rules.EcsModel;
using static EcsConstructs.Rules.JsonValues;

namespace EcsConstructs.Rules;

/// <summary>Task definition, logging and EFS rules (failure classes 26, 28-30, 32).</summary>
internal static class TaskRules
{
    public static IEnumerable<Finding> AwsLogsGroupGiven(TemplateIndex index)
    {
        foreach (var (td, container, options) in AwsLogs(index))
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
        foreach (var (td, container, options) in AwsLogs(index))
        {
            var name = Str(Get(container, "Name"));
            var group = Get(options, "awslogs-group");
            var region = Str(Get(options, "awslogs-region"));
            var create = Str(Get(options, "awslogs-create-group")) == "true";
            if (region is not null && index.Region is not null && region != index.Region)
            {
                yield return new Finding(td, $"container '{name}' sends logs to region {region} but the stack deploys to {index.Region}; a group created by the stack is not there (\"The specified log group does not exist\").");
            }

            var literal = Str(group);
            if (literal is { Length: > 0 } && index.Target(group) is null && !create
                && !index.OfType("AWS::Logs::LogGroup").Any(g => Str(g.P("LogGroupName")) == literal))
            {
                yield return new Finding(td, $"container '{name}' logs to group '{literal}', which this stack does not create; not checked whether it exists.", Info: true);
            }

            var role = index.Target(td.P("ExecutionRoleArn"));
            if (create && role is not null && IamRules.Allows(index, role, "logs:CreateLogGroup", null) == IamRules.Grant.No)
            {
                yield return new Finding(td, $"container '{name}' sets awslogs-create-group but execution role {role.Path} may not call logs:CreateLogGroup (\"failed to create Cloudwatch log stream\").");
            }
        }
    }

    public static IEnumerable<Finding> EfsAccessPoint(TemplateIndex index)
    {
        foreach (var (td, efs) in EfsVolumes(index))
        {
            var accessPoint = Path(efs, "AuthorizationConfig.AccessPointId") is not null;
            var iam = Str(Path(efs, "AuthorizationConfig.IAM")) == "ENABLED";
            var root = Str(Get(efs, "RootDirectory"));
            if (accessPoint && root is not null && root != "/")
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
        foreach (var (td, efs) in EfsVolumes(index))
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
            else if (role is not null && IamRules.Allows(index, role, "elasticfilesystem:ClientMount", null) == IamRules.Grant.No)
            {
                yield return new Finding(td, $"EFS volume uses IAM authorization but task role {role.Path} is not allowed elasticfilesystem:ClientMount (mount fails with access denied).");
            }
        }
    }

    public static IEnumerable<Finding> FargateSize(TemplateIndex index)
    {
        foreach (var td in index.OfType(TaskDefinition).Where(RequiresFargate))
        {
            var cpuNode = td.P("Cpu");
            var memoryNode = td.P("Memory");
            var (cpu, memory) = (Int(cpuNode), Int(memoryNode));
            if (cpuNode is null)
            {
                yield return new Finding(td, "requires FARGATE without a task-level Cpu (\"Fargate requires that 'cpu' be defined at the task level\").");
            }
            else if (memoryNode is null)
            {
                yield return new Finding(td, "requires FARGATE without a task-level Memory (\"Fargate requires that 'memory' be defined at the task level\").");
            }
            else if (cpu is { } c && memory is { } m)
            {
                if (!FargateSizes.IsValidCpu(c))
                {
                    yield return new Finding(td, $"requires FARGATE with Cpu {c}; Fargate accepts {string.Join(", ", FargateSizes.CpuValues)} (\"Invalid 'cpu' setting for task\").");
                }
                else if (!FargateSizes.IsValid(c, m))
                {
                    yield return new Finding(td, $"requires FARGATE with Cpu {c} and Memory {m}; with {c} CPU units Fargate accepts {FargateSizes.DescribeMemoryFor(c)} (\"No Fargate configuration exists for given values: {c} CPU, {m} memory\").");
                }
                else if (Str(td.P("RuntimePlatform.OperatingSystemFamily"))?.StartsWith("WINDOWS", StringComparison.Ordinal) == true && c < 1024)
                {
                    yield return new Finding(td, $"runs Windows on FARGATE with Cpu {c}; Windows tasks need at least 1024 CPU units.");
                }
            }
        }
    }

    public static IEnumerable<Finding> ContainerMemory(TemplateIndex index)
    {
        foreach (var td in index.OfType(TaskDefinition))
        {
            var taskMemory = Int(td.P("Memory"));
            var taskMemoryGiven = td.P("Memory") is not null;
            foreach (var container in Containers(td))
            {
                var name = Str(Get(container, "Name"));
                var (memoryNode, reservationNode) = (Get(container, "Memory"), Get(container, "MemoryReservation"));
                var (memory, reservation) = (Int(memoryNode), Int(reservationNode));
                if (!taskMemoryGiven && memoryNode is null && reservationNode is null)
                {
                    yield return new Finding(td, $"container '{name}' has neither Memory nor MemoryReservation and the task has no Memory (\"At least one of 'memory' or 'memoryReservation' must be specified\").");
                }

                if (memory > taskMemory)
                {
                    yield return new Finding(td, $"container '{name}' Memory {memory} MiB is greater than the task's {taskMemory} MiB (\"The 'memory' setting for container '{name}' is greater than for the task\").");
                }

                if (reservation > memory)
                {
                    yield return new Finding(td, $"container '{name}' MemoryReservation {reservation} MiB is greater than its Memory {memory} MiB; the hard limit must be at least the reservation.");
                }
                else if (reservation > taskMemory)
                {
                    yield return new Finding(td, $"container '{name}' MemoryReservation {reservation} MiB is greater than the task's {taskMemory} MiB.");
                }
            }
        }
    }

    public static IEnumerable<Finding> Daemon(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service).Where(IsDaemon))
        {
            if (service.P("DesiredCount") is not null)
            {
                yield return new Finding(service, "is a DAEMON service with a DesiredCount (\"The daemon scheduling strategy does not support a desired count for services\").");
            }

            if (Items(service.P("PlacementStrategies")).Any())
            {
                yield return new Finding(service, "is a DAEMON service with placement strategies (\"The daemon scheduling strategy does not support placement strategies\").");
            }

            if (LaunchType(service) == "FARGATE" || (index.TaskDef(service) is { } td && RequiresFargate(td) && !Items(td.P("RequiresCompatibilities")).Select(Str).Contains("EC2")))
            {
                yield return new Finding(service, "is a DAEMON service on Fargate; the DAEMON strategy runs on EC2 instances only.");
            }
        }
    }

    public static IEnumerable<Finding> Placement(TemplateIndex index)
    {
        foreach (var service in index.OfType(Service))
        {
            var td = index.TaskDef(service);
            var constraints = Items(service.P("PlacementConstraints")).Count() + (td is null ? 0 : Items(td.P("PlacementConstraints")).Count());
            var strategies = Items(service.P("PlacementStrategies")).Count();
            var providers = index.Strategy(service)?.Providers;
            var fargate = LaunchType(service) == "FARGATE" || (providers is { Count: > 0 } && providers.All(p => p.IsFargate));
            if (fargate && (constraints > 0 || strategies > 0))
            {
                yield return new Finding(service, $"runs on Fargate with {constraints} placement constraint(s) and {strategies} placement strategy rule(s) (\"Placement constraints are not supported with FARGATE launch type\").");
            }

            if (constraints > 10)
            {
                yield return new Finding(service, $"has {constraints} placement constraints (service and task definition); ECS allows at most 10.");
            }

            if (strategies > 5)
            {
                yield return new Finding(service, $"has {strategies} placement strategy rules; ECS allows at most 5.");
            }
        }
    }

    private static IEnumerable<(CfnEntry Td, System.Text.Json.Nodes.JsonObject Container, System.Text.Json.Nodes.JsonNode? Options)> AwsLogs(TemplateIndex index) =>
        index.OfType(TaskDefinition).SelectMany(td => Containers(td)
            .Where(c => Str(Path(c, "LogConfiguration.LogDriver")) == "awslogs")
            .Select(c => (td, c, Path(c, "LogConfiguration.Options"))));

    private static IEnumerable<(CfnEntry Td, System.Text.Json.Nodes.JsonNode Efs)> EfsVolumes(TemplateIndex index) =>
        index.OfType(TaskDefinition).SelectMany(td => Objects(td.P("Volumes"))
            .Select(v => Get(v, "EFSVolumeConfiguration")).OfType<System.Text.Json.Nodes.JsonNode>().Select(e => (td, e)));
}
