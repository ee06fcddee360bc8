using Amazon.CDK;
using Constructs;

namespace EcsConstructs.Validation;

/// <summary>
/// Small guard helpers used by constructors to fail fast with an <see cref="EcsValidationException"/>.
/// Values that are unresolved CDK tokens are never judged here.
/// </summary>
internal static class Check
{
    public static void InRange(IConstruct scope, string property, double? value, double min, double max, string? unit = null)
    {
        if (value is not { } v || Token.IsUnresolved(v))
        {
            return;
        }

        if (v < min || v > max)
        {
            var suffix = unit is null ? string.Empty : $" {unit}";
            throw new EcsValidationException(scope.Node.Path, property,
                $"{Format(v)}{suffix} is out of range; allowed: {Format(min)} to {Format(max)}{suffix}.");
        }
    }

    public static void NotGreater(IConstruct scope, string lowerProperty, double? lower, string upperProperty, double? upper)
    {
        if (lower is not { } lo || upper is not { } hi || Token.IsUnresolved(lo) || Token.IsUnresolved(hi))
        {
            return;
        }

        if (lo > hi)
        {
            throw new EcsValidationException(scope.Node.Path, lowerProperty,
                $"{Format(lo)} is greater than {upperProperty} ({Format(hi)}); {lowerProperty} must be less than or equal to {upperProperty}.");
        }
    }

    public static void NotEmpty(IConstruct scope, string property, string? value)
    {
        if (value is not null && value.Trim().Length == 0)
        {
            throw new EcsValidationException(scope.Node.Path, property, "must not be empty or whitespace; omit it to use the default.");
        }
    }

    /// <summary>
    /// The duration in seconds, refusing fractions: CloudFormation takes these as whole seconds,
    /// and CDK's <c>Duration.ToSeconds()</c> would fail with a raw jsii error at synth instead.
    /// Null for a null or unresolved duration.
    /// </summary>
    public static double? WholeSeconds(IConstruct scope, string property, Duration? duration)
    {
        if (duration is null || duration.IsUnresolved())
        {
            return null;
        }

        var seconds = duration.ToSeconds(new TimeConversionOptions { Integral = false });
        if (seconds != Math.Floor(seconds))
        {
            throw new EcsValidationException(scope.Node.Path, property,
                $"{Format(seconds)} seconds is not a whole number of seconds; allowed: whole seconds (e.g. Duration.Seconds({Format(Math.Ceiling(seconds))})).");
        }

        return seconds;
    }

    public static string Format(double value) =>
        value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
