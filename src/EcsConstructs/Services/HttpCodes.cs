using System.Text.RegularExpressions;
using Constructs;
using EcsConstructs.Rules;
using EcsConstructs.Validation;

namespace EcsConstructs.Services;

/// <summary>Validates an ALB matcher: codes and ranges within 200-499, e.g. "200", "200,302", "200-299".</summary>
internal static partial class HttpCodes
{
    [GeneratedRegex(@"^\d{3}(-\d{3})?$")]
    private static partial Regex Part();

    public static void Validate(IConstruct scope, string property, string codes)
    {
        foreach (var part in (codes ?? string.Empty).Split(','))
        {
            var trimmed = part.Trim();
            if (!Part().IsMatch(trimmed))
            {
                throw new EcsValidationException(RuleIds.HealthChecks, scope.Node.Path, property,
                    $"'{codes}' is not a list of HTTP codes or ranges; allowed: e.g. \"200\", \"200,302\" or \"200-299\", within 200-499.");
            }

            var bounds = trimmed.Split('-').Select(int.Parse).ToArray();
            if (bounds.Any(b => b is < 200 or > 499) || (bounds.Length == 2 && bounds[0] > bounds[1]))
            {
                throw new EcsValidationException(RuleIds.HealthChecks, scope.Node.Path, property,
                    $"'{codes}' contains '{trimmed}'; ALB success codes must lie within 200-499, ranges ascending.");
            }
        }
    }
}
