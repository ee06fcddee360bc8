using System.Text.RegularExpressions;
using Constructs;
using EcsConstructs.Rules;
using EcsConstructs.Validation;

namespace EcsConstructs.Services;

/// <summary>
/// Validates a health check matcher: codes and ranges, e.g. "200", "200,302", "200-299", within
/// 200-499 for an Application Load Balancer and 200-599 for a Network Load Balancer's HTTP checks
/// (the ranges Elastic Load Balancing accepts).
/// </summary>
internal static partial class HttpCodes
{
    /// <summary>The highest success code an Application Load Balancer target group accepts.</summary>
    public const int AlbMax = 499;

    /// <summary>The highest success code a Network Load Balancer target group accepts for HTTP health checks.</summary>
    public const int NlbMax = 599;

    [GeneratedRegex(@"^\d{3}(-\d{3})?$")]
    private static partial Regex Part();

    public static void Validate(IConstruct scope, string property, string codes, bool networkLoadBalancer)
    {
        var (kind, max) = networkLoadBalancer ? ("NLB", NlbMax) : ("ALB", AlbMax);
        foreach (var part in (codes ?? string.Empty).Split(','))
        {
            var trimmed = part.Trim();
            if (!Part().IsMatch(trimmed))
            {
                throw new EcsValidationException(RuleIds.HealthChecks, scope.Node.Path, property,
                    $"'{codes}' is not a list of HTTP codes or ranges; allowed: e.g. \"200\", \"200,302\" or \"200-299\", within 200-{max}.");
            }

            var bounds = trimmed.Split('-').Select(int.Parse).ToArray();
            if (bounds.Any(b => b < 200 || b > max) || (bounds.Length == 2 && bounds[0] > bounds[1]))
            {
                throw new EcsValidationException(RuleIds.HealthChecks, scope.Node.Path, property,
                    $"'{codes}' contains '{trimmed}'; {kind} success codes must lie within 200-{max}, ranges ascending.");
            }
        }
    }
}
