using Constructs;
using EcsConstructs.Rules;
using EcsConstructs.Rules.Conditions;
using EcsConstructs.Validation;

namespace EcsConstructs.Services;

/// <summary>
/// Validates a health check matcher: codes and ranges, e.g. "200", "200,302", "200-299", within
/// 200-499 for an Application Load Balancer and 200-599 for a Network Load Balancer's HTTP checks
/// (the ranges Elastic Load Balancing accepts), with the predicates rule ECS027 uses
/// (<see cref="HealthCheckCodes"/>).
/// </summary>
internal static class HttpCodes
{
    public static void Validate(IConstruct scope, string property, string codes, bool networkLoadBalancer)
    {
        var (kind, max) = (networkLoadBalancer ? "NLB" : "ALB", HealthCheckCodes.Max(networkLoadBalancer));
        var parts = HealthCheckCodes.Parse(codes)
            ?? throw new EcsValidationException(RuleIds.HealthChecks, scope.Node.Path, property,
                $"'{codes}' is not a list of HTTP codes or ranges; allowed: e.g. \"200\", \"200,302\" or \"200-299\", within 200-{max}.");
        if (HealthCheckCodes.FirstOutOfRange(parts, networkLoadBalancer) is { } bad)
        {
            throw new EcsValidationException(RuleIds.HealthChecks, scope.Node.Path, property,
                $"'{codes}' contains '{(bad.From == bad.To ? $"{bad.From}" : $"{bad.From}-{bad.To}")}'; {kind} success codes must lie within 200-{max}, ranges ascending.");
        }
    }
}
