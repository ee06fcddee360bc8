using Amazon.CDK.AWS.ECS;

namespace EcsConstructs.Tasks;

/// <summary>A port a container listens on, and how it is exposed on the host.</summary>
public sealed class PortMappingOptions
{
    /// <summary>Host port value that asks ECS for a dynamic host port (bridge mode): a free port of the ephemeral range.</summary>
    public const int DynamicHostPort = 0;

    /// <summary>The port the container listens on. Allowed: 1 to 65535.</summary>
    public required int ContainerPort { get; init; }

    /// <summary>
    /// The host port. Bridge mode: null or <see cref="DynamicHostPort"/> means dynamic (written as <c>HostPort: 0</c>),
    /// a number fixes the port (one task per port per instance). Host and awsvpc modes: null or equal to
    /// <see cref="ContainerPort"/> only (ECS rejects a different one). Default: null.
    /// </summary>
    public int? HostPort { get; init; }

    /// <summary>The protocol. Default: <see cref="Protocol.TCP"/>.</summary>
    public Protocol Protocol { get; init; } = Protocol.TCP;

    /// <summary>A name for the mapping (used by Service Connect and to find the port later). Default: none.</summary>
    public string? Name { get; init; }
}
