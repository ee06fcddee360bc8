using System.Globalization;
using System.Text.RegularExpressions;

namespace EcsConstructs.Rules.Conditions;

/// <summary>
/// Health check success codes (a target group's matcher: "200", "200,302", "200-299"): within
/// 200-499 for an Application Load Balancer, 200-599 for a Network Load Balancer's HTTP checks.
/// The library's constructors and rule ECS027 both decide with these predicates.
/// </summary>
internal static partial class HealthCheckCodes
{
    /// <summary>The highest success code an Application Load Balancer target group accepts.</summary>
    public const int AlbMax = 499;

    /// <summary>The highest success code a Network Load Balancer target group accepts for HTTP health checks.</summary>
    public const int NlbMax = 599;

    /// <summary>The highest code allowed on a target group of the given kind.</summary>
    public static int Max(bool networkLoadBalancer) => networkLoadBalancer ? NlbMax : AlbMax;

    /// <summary>The codes and ranges of a matcher, or null when it is not a list of codes and ranges.</summary>
    public static IReadOnlyList<(int From, int To)>? Parse(string? matcher)
    {
        var parts = new List<(int, int)>();
        foreach (var part in (matcher ?? string.Empty).Split(','))
        {
            var trimmed = part.Trim();
            if (!Part().IsMatch(trimmed))
            {
                return null;
            }

            var bounds = trimmed.Split('-').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
            parts.Add((bounds[0], bounds[^1]));
        }

        return parts;
    }

    /// <summary>The first part of the matcher outside the allowed range (or a descending range), or null when all are allowed.</summary>
    public static (int From, int To)? FirstOutOfRange(IReadOnlyList<(int From, int To)> codes, bool networkLoadBalancer) =>
        codes.Select(c => ((int From, int To)?)c).FirstOrDefault(c => c!.Value.From < 200 || c.Value.To > Max(networkLoadBalancer) || c.Value.From > c.Value.To);

    [GeneratedRegex(@"^\d{3}(-\d{3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
