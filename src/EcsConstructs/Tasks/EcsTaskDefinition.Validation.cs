using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Rules.Data;
using EcsConstructs.Rules;
using EcsConstructs.Rules.Conditions;
using EcsConstructs.Validation;

namespace EcsConstructs.Tasks;

/// <summary>The synth-time checks of <see cref="EcsTaskDefinition"/> (deploy failure classes 15, 28, 29, 30).</summary>
public sealed partial class EcsTaskDefinition
{
    private void Validate(EcsTaskDefinitionProps props)
    {
        if (props.ExecutionRole is not null && ReferenceEquals(props.ExecutionRole, props.TaskRole))
        {
            throw new EcsValidationException(RuleIds.LeastPrivilege, Node.Path, nameof(props.TaskRole),
                "is the same role as ExecutionRole; the execution role (ECS: images, logs, secrets) and the task role (the application) must be separate roles.");
        }

        Check.EcsName(this, nameof(props.Family), props.Family, "task definition family");

        ValidateTaskSize(props);
        ValidateVolumes();
        if (props.Containers.Count == 0)
        {
            throw new EcsValidationException(RuleIds.ContainerDefinitions, Node.Path, nameof(props.Containers), "is empty; a task needs at least one container.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in props.Containers)
        {
            if (c.Name is null)
            {
                throw new EcsValidationException(RuleIds.InvalidName, Node.Path, nameof(props.Containers),
                    "has a container without a name; allowed: 1 to 255 letters, digits, '_' and '-'.");
            }

            Check.EcsName(this, $"Containers[{c.Name}].Name", c.Name, "container name");

            if (!names.Add(c.Name))
            {
                throw new EcsValidationException(RuleIds.InvalidName, Node.Path, nameof(props.Containers),
                    $"uses the name '{c.Name}' more than once; container names must be unique in a task.");
            }
        }

        if (!props.Containers.Any(c => c.Essential))
        {
            throw new EcsValidationException(RuleIds.ContainerDefinitions, Node.Path, nameof(props.Containers),
                "has no essential container; at least one container must be essential.");
        }

        var byName = props.Containers.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var c in props.Containers)
        {
            ValidateContainer(props, c, byName);
        }

        ValidateSums(props);
    }

    private void ValidateTaskSize(EcsTaskDefinitionProps props)
    {
        Check.InRange(RuleIds.OutOfRange, this, nameof(props.Cpu), props.Cpu, 128, 196608, "CPU units");
        Check.InRange(RuleIds.OutOfRange, this, nameof(props.MemoryMiB), props.MemoryMiB, 6, 1_000_000, "MiB");
        if (!IsFargate)
        {
            return;
        }

        if (NetworkMode != NetworkMode.AWS_VPC)
        {
            throw new EcsValidationException(RuleIds.AwsvpcRules, Node.Path, nameof(props.NetworkMode),
                $"{NetworkMode} is not supported on Fargate; allowed: AWS_VPC.");
        }

        var cpuValues = string.Join(", ", FargateSizes.CpuValues);
        if (props.Cpu is not { } cpu)
        {
            throw new EcsValidationException(RuleIds.FargateSize, Node.Path, nameof(props.Cpu),
                $"is not set; Fargate requires task-level CPU and memory; allowed CPU units: {cpuValues}.");
        }

        if (!FargateSizes.IsValidCpu(cpu))
        {
            throw new EcsValidationException(RuleIds.FargateSize, Node.Path, nameof(props.Cpu),
                $"{cpu} CPU units is not a Fargate size; allowed: {cpuValues}.");
        }

        if (props.MemoryMiB is not { } memory)
        {
            throw new EcsValidationException(RuleIds.FargateSize, Node.Path, nameof(props.MemoryMiB),
                $"is not set; Fargate requires task-level CPU and memory; allowed with {cpu} CPU units: {FargateSizes.DescribeMemoryFor(cpu)}.");
        }

        if (!FargateSizes.IsValid(cpu, memory))
        {
            throw new EcsValidationException(RuleIds.FargateSize, Node.Path, nameof(props.MemoryMiB),
                $"{memory} MiB is not allowed with {cpu} CPU units on Fargate; allowed: {FargateSizes.DescribeMemoryFor(cpu)}.");
        }

        if (props.OperatingSystemFamily?.IsWindows() == true)
        {
            if (!FargateSizes.IsValidWindowsCpu(cpu))
            {
                throw new EcsValidationException(RuleIds.FargateSize, Node.Path, nameof(props.Cpu),
                    $"{cpu} CPU units is not offered for Windows tasks on Fargate; allowed: {string.Join(", ", FargateSizes.WindowsCpuValues)}.");
            }

            if (PlatformName(Stack.Of(this), props.CpuArchitecture) == "ARM64")
            {
                throw new EcsValidationException(RuleIds.FargateSize, Node.Path, nameof(props.CpuArchitecture),
                    "ARM64 is not offered for Windows tasks on Fargate; allowed: X86_64 (or not set).");
            }
        }
    }

    private void ValidateVolumes()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in _volumes)
        {
            var property = $"Volumes[{v.Name}]";
            if (!Check.IsEcsName(v.Name))
            {
                throw new EcsValidationException(RuleIds.InvalidName, Node.Path, "Volumes", $"volume name '{v.Name}' is invalid; allowed: 1 to 255 letters, digits, '_' and '-'.");
            }

            if (!names.Add(v.Name))
            {
                throw new EcsValidationException(RuleIds.InvalidName, Node.Path, "Volumes", $"uses the name '{v.Name}' more than once; volume names must be unique in a task.");
            }

            switch (v.Kind)
            {
                case TaskVolumeKind.BindMount when IsFargate && v.HostPath is not null:
                    throw new EcsValidationException(RuleIds.TaskVolumes, Node.Path, property,
                        $"host path '{v.HostPath}' is not supported on Fargate; allowed: a bind mount without a host path (task storage).");
                case TaskVolumeKind.Docker when IsFargate:
                    throw new EcsValidationException(RuleIds.TaskVolumes, Node.Path, property,
                        "Docker volumes are not supported on Fargate; allowed: a bind mount (task storage) or an EFS volume.");
                case TaskVolumeKind.Docker when v.DockerScope == Scope.TASK && v.Autoprovision is not null:
                    throw new EcsValidationException(RuleIds.TaskVolumes, Node.Path, property,
                        "Autoprovision applies to SHARED scope only; omit it or use Scope.SHARED.");
                case TaskVolumeKind.Efs when !TaskLimits.EfsRootDirectoryAllowed(v.AccessPoint is not null, v.RootDirectory):
                    throw new EcsValidationException(RuleIds.EfsAccessPoint, Node.Path, property,
                        $"root directory '{v.RootDirectory}' is given with an access point; with an access point the root directory must be omitted or '/' (the access point sets it).");
            }
        }
    }

    private void ValidateContainer(EcsTaskDefinitionProps props, ContainerOptions c, Dictionary<string, ContainerOptions> byName)
    {
        var p = $"Containers[{c.Name}]";
        Check.InRange(RuleIds.OutOfRange, this, $"{p}.Cpu", c.Cpu, 0, 196608, "CPU units");
        Check.InRange(RuleIds.OutOfRange, this, $"{p}.MemoryLimitMiB", c.MemoryLimitMiB, 6, 1_000_000, "MiB");
        Check.InRange(RuleIds.OutOfRange, this, $"{p}.MemoryReservationMiB", c.MemoryReservationMiB, 6, 1_000_000, "MiB");
        if (c.MemoryLimitMiB is { } limit && c.MemoryReservationMiB is { } reservation && TaskLimits.ReservationAboveLimit(reservation, limit))
        {
            throw new EcsValidationException(RuleIds.ContainerMemory, Node.Path, $"{p}.MemoryReservationMiB",
                $"{reservation} MiB is greater than MemoryLimitMiB ({limit} MiB); the reservation must be less than or equal to the hard limit.");
        }

        if (!IsFargate && props.MemoryMiB is null && c.MemoryLimitMiB is null && c.MemoryReservationMiB is null)
        {
            throw new EcsValidationException(RuleIds.ContainerMemory, Node.Path, $"{p}.MemoryLimitMiB",
                "and MemoryReservationMiB are both unset; on EC2 without task-level MemoryMiB each container needs at least one of them.");
        }

        if (props.MemoryMiB is { } taskMemory && c.MemoryLimitMiB is { } containerLimit && TaskLimits.ContainerAboveTask(containerLimit, taskMemory))
        {
            throw new EcsValidationException(RuleIds.ContainerMemory, Node.Path, $"{p}.MemoryLimitMiB",
                $"{containerLimit} MiB is greater than the task's MemoryMiB ({taskMemory} MiB); a container's memory must fit in the task's.");
        }

        ValidatePorts(p, c);
        ValidateEnvironment(p, c);

        if (c.Links is { Count: > 0 } links)
        {
            if (NetworkMode != NetworkMode.BRIDGE)
            {
                throw new EcsValidationException(RuleIds.AwsvpcRules, Node.Path, $"{p}.Links",
                    $"links are supported only with the BRIDGE network mode, but the task uses {NetworkMode}; containers of an AWS_VPC or HOST task reach each other on localhost.");
            }

            foreach (var link in links)
            {
                if (link == c.Name || !byName.ContainsKey(link))
                {
                    throw new EcsValidationException(RuleIds.ContainerDefinitions, Node.Path, $"{p}.Links",
                        $"'{link}' is not another container of the task; allowed: {OtherNames(byName, c.Name)}.");
                }
            }
        }

        foreach (var d in c.DependsOn ?? [])
        {
            if (d.Container == c.Name || !byName.TryGetValue(d.Container, out var target))
            {
                throw new EcsValidationException(RuleIds.ContainerDefinitions, Node.Path, $"{p}.DependsOn",
                    $"'{d.Container}' is not another container of the task; allowed: {OtherNames(byName, c.Name)}.");
            }

            if (d.Condition is ContainerDependencyCondition.COMPLETE or ContainerDependencyCondition.SUCCESS && target.Essential)
            {
                throw new EcsValidationException(RuleIds.ContainerDefinitions, Node.Path, $"{p}.DependsOn",
                    $"condition {d.Condition} on '{d.Container}', an essential container; COMPLETE and SUCCESS need a non-essential container (Essential = false), such as an init container.");
            }

            if (d.Condition == ContainerDependencyCondition.HEALTHY && target.HealthCheck is null)
            {
                throw new EcsValidationException(RuleIds.ContainerDefinitions, Node.Path, $"{p}.DependsOn",
                    $"condition HEALTHY on '{d.Container}', which has no HealthCheck; give it one or use START.");
            }
        }

        foreach (var m in c.MountPoints ?? [])
        {
            if (!_volumes.Any(v => v.Name == m.Volume))
            {
                var known = _volumes.Count == 0 ? "none (the task has no volumes)" : string.Join(", ", _volumes.Select(v => v.Name));
                throw new EcsValidationException(RuleIds.ContainerDefinitions, Node.Path, $"{p}.MountPoints",
                    $"volume '{m.Volume}' is not a volume of the task; allowed: {known}.");
            }

            if (string.IsNullOrEmpty(m.ContainerPath) || !m.ContainerPath.StartsWith('/'))
            {
                throw new EcsValidationException(RuleIds.ContainerDefinitions, Node.Path, $"{p}.MountPoints",
                    $"container path '{m.ContainerPath}' is not absolute; allowed: a path starting with '/'.");
            }
        }

        if (c.HealthCheck is { } hc)
        {
            Check.InRange(RuleIds.OutOfRange, this, $"{p}.HealthCheck.Interval", Check.WholeSeconds(RuleIds.FractionalSeconds, this, $"{p}.HealthCheck.Interval", hc.Interval), 5, 300, "seconds");
            Check.InRange(RuleIds.OutOfRange, this, $"{p}.HealthCheck.Timeout", Check.WholeSeconds(RuleIds.FractionalSeconds, this, $"{p}.HealthCheck.Timeout", hc.Timeout), 2, 120, "seconds");
            Check.InRange(RuleIds.OutOfRange, this, $"{p}.HealthCheck.Retries", hc.Retries, 1, 10);
            Check.InRange(RuleIds.OutOfRange, this, $"{p}.HealthCheck.StartPeriod", Check.WholeSeconds(RuleIds.FractionalSeconds, this, $"{p}.HealthCheck.StartPeriod", hc.StartPeriod), 0, 300, "seconds");
            if (hc.Command.Count == 0)
            {
                throw new EcsValidationException(RuleIds.ContainerDefinitions, Node.Path, $"{p}.HealthCheck.Command", "is empty; give a command, e.g. [\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"].");
            }
        }

        var stopTimeout = Check.WholeSeconds(RuleIds.FractionalSeconds, this, $"{p}.StopTimeout", c.StopTimeout);
        if (IsFargate)
        {
            Check.InRange(RuleIds.OutOfRange, this, $"{p}.StopTimeout", stopTimeout, 2, 120, "seconds");
        }

        foreach (var u in c.Ulimits ?? [])
        {
            if (u.SoftLimit > u.HardLimit)
            {
                throw new EcsValidationException(RuleIds.ContainerDefinitions, Node.Path, $"{p}.Ulimits",
                    $"{u.Name}: soft limit {Check.Format(u.SoftLimit)} is greater than hard limit {Check.Format(u.HardLimit)}; the soft limit must be less than or equal to the hard limit.");
            }
        }
    }

    private void ValidatePorts(string p, ContainerOptions c)
    {
        if (c.PortMappings is not { Count: > 0 } ports)
        {
            return;
        }

        if (NetworkMode == NetworkMode.NONE)
        {
            throw new EcsValidationException(RuleIds.ContainerDefinitions, Node.Path, $"{p}.PortMappings",
                "are ignored with the NONE network mode (no external network); remove them or use BRIDGE, HOST or AWS_VPC.");
        }

        foreach (var port in ports)
        {
            Check.InRange(RuleIds.OutOfRange, this, $"{p}.PortMappings.ContainerPort", port.ContainerPort, 1, 65535);
            Check.InRange(RuleIds.OutOfRange, this, $"{p}.PortMappings.HostPort", port.HostPort, 0, 65535);
            if (!TaskLimits.HostPortAllowed(NetworkMode is NetworkMode.AWS_VPC or NetworkMode.HOST, port.HostPort, port.ContainerPort) && port.HostPort is { } host)
            {
                throw new EcsValidationException(RuleIds.AwsvpcRules, Node.Path, $"{p}.PortMappings",
                    $"host port {host} differs from container port {port.ContainerPort}; with {NetworkMode} the host port must be unset or equal to the container port.");
            }
        }
    }

    private void ValidateEnvironment(string p, ContainerOptions c)
    {
        var env = c.Environment ?? new Dictionary<string, string>();
        foreach (var name in env.Keys)
        {
            if (!c.AllowSecretLikeEnvironmentNames && SecretLikeName().IsMatch(name))
            {
                throw new EcsValidationException(RuleIds.LeastPrivilege, Node.Path, $"{p}.Environment",
                    $"'{name}' looks like a secret, and environment values are readable in the task definition; inject it with Secrets (ContainerSecret.FromSecretsManager or FromSsmParameter), or set AllowSecretLikeEnvironmentNames if it is not secret.");
            }
        }

        foreach (var name in c.Secrets?.Keys ?? [])
        {
            if (env.ContainsKey(name))
            {
                throw new EcsValidationException(RuleIds.ContainerDefinitions, Node.Path, $"{p}.Secrets",
                    $"'{name}' is also set in Environment; a variable comes from one of them only.");
            }
        }
    }

    private void ValidateSums(EcsTaskDefinitionProps props)
    {
        if (props.MemoryMiB is { } taskMemory)
        {
            var shares = props.Containers
                .Select(c => (c.Name, MiB: c.MemoryReservationMiB ?? c.MemoryLimitMiB))
                .Where(s => s.MiB is not null)
                .ToList();
            var total = shares.Sum(s => s.MiB!.Value);
            if (total > taskMemory)
            {
                throw new EcsValidationException(RuleIds.ContainerDefinitions, Node.Path, nameof(props.Containers),
                    $"reserve {total} MiB of memory in total ({string.Join(", ", shares.Select(s => $"{s.Name} {s.MiB}"))}), more than the task's MemoryMiB ({taskMemory} MiB).");
            }
        }

        if (props.Cpu is { } taskCpu)
        {
            var shares = props.Containers.Where(c => c.Cpu is not null).ToList();
            var total = shares.Sum(c => c.Cpu!.Value);
            if (total > taskCpu)
            {
                throw new EcsValidationException(RuleIds.ContainerDefinitions, Node.Path, nameof(props.Containers),
                    $"reserve {total} CPU units in total ({string.Join(", ", shares.Select(s => $"{s.Name} {s.Cpu}"))}), more than the task's Cpu ({taskCpu} CPU units).");
            }
        }
    }

    private static string OtherNames(Dictionary<string, ContainerOptions> byName, string self)
    {
        var others = byName.Keys.Where(n => n != self).ToList();
        return others.Count == 0 ? "none (the task has one container)" : string.Join(", ", others);
    }

    [GeneratedRegex("PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeName();
}
