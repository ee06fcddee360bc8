using System.Text.RegularExpressions;

namespace EcsConstructs.Rules.Conditions;

/// <summary>
/// Limits ECS places on task definitions and services, shared by the library's constructors and the
/// template rules: placement (ECS012), container memory (ECS039), awsvpc port mappings (ECS024), EFS
/// access points (ECS036), secret references (ECS030), load balancer zones (ECS019), capacity bounds (ECS042).
/// </summary>
internal static partial class TaskLimits
{
    /// <summary>The most placement constraints a task may have (service and task definition together).</summary>
    public const int MaxPlacementConstraints = 10;

    /// <summary>The most placement strategy rules a service may have.</summary>
    public const int MaxPlacementStrategies = 5;

    /// <summary>The fewest distinct Availability Zones an Application Load Balancer needs.</summary>
    public const int LoadBalancerZones = 2;

    /// <summary>Whether a container's memory reservation exceeds its hard limit (both known).</summary>
    public static bool ReservationAboveLimit(int? reservationMiB, int? limitMiB) => reservationMiB > limitMiB;

    /// <summary>Whether a container's memory exceeds the task's (both known).</summary>
    public static bool ContainerAboveTask(int? containerMiB, int? taskMiB) => containerMiB > taskMiB;

    /// <summary>Whether a host port is allowed for a container port: in awsvpc and host mode it must be unset or equal.</summary>
    public static bool HostPortAllowed(bool awsvpcOrHost, int? hostPort, int? containerPort) =>
        !awsvpcOrHost || hostPort is null || hostPort == containerPort;

    /// <summary>Whether an EFS volume's root directory is allowed: with an access point it must be unset or <c>/</c>.</summary>
    public static bool EfsRootDirectoryAllowed(bool accessPoint, string? rootDirectory) =>
        !accessPoint || rootDirectory is null or "/";

    /// <summary>Whether a list of zones names at least two, each once (what an Application Load Balancer needs).</summary>
    public static bool LoadBalancerZonesAllowed(IReadOnlyCollection<string> zones) =>
        zones.Count >= LoadBalancerZones && zones.Distinct(StringComparer.Ordinal).Count() == zones.Count;

    /// <summary>Whether a lower bound is at most its upper bound (either unknown: allowed).</summary>
    public static bool BoundsOrdered(int? lower, int? upper) => lower is null || upper is null || lower <= upper;

    /// <summary>
    /// Whether a Secrets Manager secret name or ARN part ends with the 6-character suffix Secrets
    /// Manager appends: IAM matches complete ARNs, so a partial ARN granted exactly is denied.
    /// </summary>
    public static bool HasSecretSuffix(string secretName) => SecretSuffix().IsMatch(secretName);

    [GeneratedRegex("-[A-Za-z0-9]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretSuffix();
}
