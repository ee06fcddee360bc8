namespace EcsConstructs.Services;

/// <summary>
/// How a service is reached through a shared ALB listener: a listener rule with an explicit priority
/// and path and/or host conditions, forwarding to the service's target group.
/// </summary>
public sealed class ListenerRuleOptions
{
    /// <summary>The rule's priority, unique on the listener (lower is evaluated first). Allowed: 1 to 50000.</summary>
    public required int Priority { get; init; }

    /// <summary>Path patterns, e.g. <c>/api/*</c> (each starting with '/'). Default: none.</summary>
    public IReadOnlyList<string>? PathPatterns { get; init; }

    /// <summary>Host headers, e.g. <c>api.example.com</c>. Default: none.</summary>
    /// <remarks>At least one path pattern or host header is required; together at most 5 values.</remarks>
    public IReadOnlyList<string>? HostHeaders { get; init; }
}
