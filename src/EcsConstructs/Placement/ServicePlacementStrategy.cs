using Amazon.CDK.AWS.ECS;

namespace EcsConstructs.Placement;

/// <summary>
/// One task placement strategy of an EC2 service (ECS applies a service's strategies in order,
/// at most 5). Placement is an EC2 feature: a Fargate service with a strategy fails at synth.
/// </summary>
public sealed class ServicePlacementStrategy
{
    /// <summary>The field of <see cref="SpreadAcrossZones"/>.</summary>
    public const string AvailabilityZoneAttribute = "attribute:ecs.availability-zone";

    private ServicePlacementStrategy(string type, string? field)
    {
        Type = type;
        Field = field;
    }

    /// <summary>The ECS strategy type: <c>binpack</c>, <c>spread</c> or <c>random</c>.</summary>
    public string Type { get; }

    /// <summary>The field the strategy works on (<c>cpu</c>, <c>memory</c>, <c>instanceId</c>, <c>attribute:…</c>); null for <c>random</c>.</summary>
    public string? Field { get; }

    /// <summary>Places tasks on the instances with the least CPU left, so fewer instances are used.</summary>
    /// <returns>The strategy <c>binpack(cpu)</c>.</returns>
    public static ServicePlacementStrategy BinpackCpu() => new("binpack", "cpu");

    /// <summary>Places tasks on the instances with the least memory left, so fewer instances are used.</summary>
    /// <returns>The strategy <c>binpack(memory)</c>.</returns>
    public static ServicePlacementStrategy BinpackMemory() => new("binpack", "memory");

    /// <summary>Spreads tasks evenly over the container instances.</summary>
    /// <returns>The strategy <c>spread(instanceId)</c>.</returns>
    public static ServicePlacementStrategy SpreadAcrossInstances() => new("spread", "instanceId");

    /// <summary>Spreads tasks evenly over the Availability Zones.</summary>
    /// <returns>The strategy <c>spread(attribute:ecs.availability-zone)</c>.</returns>
    public static ServicePlacementStrategy SpreadAcrossZones() => new("spread", AvailabilityZoneAttribute);

    /// <summary>
    /// Spreads tasks evenly over the values of an instance attribute, e.g. <c>attribute:ecs.instance-type</c>
    /// or a custom attribute. Allowed: <c>instanceId</c>, <c>host</c> or <c>attribute:&lt;name&gt;</c>
    /// (checked when the service is created).
    /// </summary>
    /// <param name="field">The field to spread over.</param>
    /// <returns>The strategy <c>spread(field)</c>.</returns>
    public static ServicePlacementStrategy Spread(string field) => new("spread", field);

    /// <summary>Places tasks randomly (on instances that fit).</summary>
    /// <returns>The strategy <c>random</c>.</returns>
    public static ServicePlacementStrategy Random() => new("random", null);

    /// <summary>The strategy as ECS writes it, e.g. <c>spread(attribute:ecs.availability-zone)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Field is null ? Type : $"{Type}({Field})";

    internal bool IsValid => Type != "spread"
        || Field is "instanceId" or "host"
        || (Field is { Length: > 10 } f && f.StartsWith("attribute:", StringComparison.Ordinal));

    internal PlacementStrategy ToCdk() => (Type, Field) switch
    {
        ("binpack", "cpu") => PlacementStrategy.PackedByCpu(),
        ("binpack", _) => PlacementStrategy.PackedByMemory(),
        ("random", _) => PlacementStrategy.Randomly(),
        (_, "instanceId" or "host") => PlacementStrategy.SpreadAcrossInstances(),
        _ => PlacementStrategy.SpreadAcross(Field!),
    };
}
