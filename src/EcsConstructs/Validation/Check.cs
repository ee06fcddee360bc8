using System.Text.RegularExpressions;
using Amazon.CDK;
using Constructs;
using EcsConstructs.Rules;

namespace EcsConstructs.Validation;

/// <summary>
/// Small guard helpers used by constructors to fail fast with an <see cref="EcsValidationException"/>
/// naming the catalog rule the caller enforces (an id of <see cref="Rules.RuleIds"/>, usually
/// <c>OutOfRange</c>, <c>FractionalSeconds</c> or <c>InvalidName</c>). Values that are unresolved
/// CDK tokens are never judged here.
/// </summary>
internal static partial class Check
{
    /// <summary>
    /// Whether a name is one ECS accepts for a cluster, service, task definition family or container:
    /// 1 to 255 letters, digits, <c>_</c> and <c>-</c>. Null and unresolved names are not judged.
    /// </summary>
    public static void EcsName(IConstruct scope, string property, string? name, string what)
    {
        if (name is not null && !Token.IsUnresolved(name) && !EcsNamePattern().IsMatch(name))
        {
            throw new EcsValidationException(Rules.RuleIds.InvalidName, scope.Node.Path, property,
                $"'{name}' is not a valid {what}; allowed: 1 to 255 letters, digits, '_' and '-'.");
        }
    }

    /// <summary>Whether a name is one ECS accepts for clusters, families, containers, services and volumes.</summary>
    public static bool IsEcsName(string? name) => name is not null && EcsNamePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex EcsNamePattern();

    /// <summary>
    /// Whether a number may be a CDK token. CDK encodes number tokens as huge negative doubles
    /// (about -1.9e289), so ordinary values are judged without asking jsii: each
    /// <see cref="Token.IsUnresolved(object)"/> is a round trip to the Node.js process.
    /// </summary>
    private static bool MayBeToken(double value) => Math.Abs(value) > 1e15 && Token.IsUnresolved(value);

    public static void InRange(string ruleId, IConstruct scope, string property, double? value, double min, double max, string? unit = null)
    {
        if (value is not { } v || MayBeToken(v))
        {
            return;
        }

        if (v < min || v > max)
        {
            var suffix = unit is null ? string.Empty : $" {unit}";
            throw new EcsValidationException(ruleId, scope.Node.Path, property,
                $"{Format(v)}{suffix} is out of range; allowed: {Format(min)} to {Format(max)}{suffix}.");
        }
    }

    public static void NotGreater(string ruleId, IConstruct scope, string lowerProperty, double? lower, string upperProperty, double? upper)
    {
        if (lower is not { } lo || upper is not { } hi || MayBeToken(lo) || MayBeToken(hi))
        {
            return;
        }

        if (lo > hi)
        {
            throw new EcsValidationException(ruleId, scope.Node.Path, lowerProperty,
                $"{Format(lo)} is greater than {upperProperty} ({Format(hi)}); {lowerProperty} must be less than or equal to {upperProperty}.");
        }
    }

    public static void NotEmpty(string ruleId, IConstruct scope, string property, string? value)
    {
        if (value is not null && value.Trim().Length == 0)
        {
            throw new EcsValidationException(ruleId, scope.Node.Path, property, "must not be empty or whitespace; omit it to use the default.");
        }
    }

    /// <summary>
    /// The duration in seconds, refusing fractions: CloudFormation takes these as whole seconds,
    /// and CDK's <c>Duration.ToSeconds()</c> would fail with a raw jsii error at synth instead.
    /// Null for a null or unresolved duration.
    /// </summary>
    public static double? WholeSeconds(string ruleId, IConstruct scope, string property, Duration? duration)
    {
        if (duration is null)
        {
            return null;
        }

        // Durations are immutable: ask jsii once per instance (the props' shared defaults are
        // read by every service), not twice per validation.
        var known = KnownSeconds.GetValue(duration, d => new(d.IsUnresolved() ? null : d.ToSeconds(new TimeConversionOptions { Integral = false })));
        if (known.Value is not { } seconds)
        {
            return null;
        }

        if (seconds != Math.Floor(seconds))
        {
            throw new EcsValidationException(ruleId, scope.Node.Path, property,
                $"{Format(seconds)} seconds is not a whole number of seconds; allowed: whole seconds (e.g. Duration.Seconds({Format(Math.Ceiling(seconds))})).");
        }

        return seconds;
    }

    /// <summary>
    /// The duration in whole minutes (for settings CloudFormation takes in minutes), refusing fractions of a
    /// second or of a minute; null for a null or unresolved duration.
    /// </summary>
    public static double? WholeMinutes(IConstruct scope, string property, Duration? duration)
    {
        if (WholeSeconds(RuleIds.FractionalSeconds, scope, property, duration) is not { } seconds)
        {
            return null;
        }

        if (seconds % 60 != 0)
        {
            throw new EcsValidationException(RuleIds.FractionalSeconds, scope.Node.Path, property,
                $"{Format(seconds)} seconds is not a whole number of minutes; allowed: whole minutes (e.g. Duration.Minutes({Format(Math.Ceiling(seconds / 60))})).");
        }

        return seconds / 60;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Duration, System.Runtime.CompilerServices.StrongBox<double?>> KnownSeconds = new();

    public static string Format(double value) =>
        value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
