using System.Globalization;
using System.Text.RegularExpressions;

namespace EcsConstructs.Rules.Conditions;

/// <summary>
/// Schedule expressions of Application Auto Scaling's scheduled actions: <c>at(yyyy-mm-ddThh:mm:ss)</c>,
/// <c>rate(value unit)</c> and <c>cron(minutes hours day-of-month month day-of-week year)</c>. The
/// library's <c>ServiceScaling</c> and the template rule ECS056 both decide with <see cref="Problem"/>.
/// </summary>
internal static partial class ScheduleExpressions
{
    private static readonly (string Name, int Min, int Max, string[]? Names)[] CronFields =
    [
        ("minutes", 0, 59, null),
        ("hours", 0, 23, null),
        ("day-of-month", 1, 31, null),
        ("month", 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
        ("day-of-week", 1, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
        ("year", 1970, 2199, null),
    ];

    /// <summary>Why <paramref name="expression"/> is not a schedule Application Auto Scaling accepts, or null when it is one.</summary>
    public static string? Problem(string expression)
    {
        if (AtPattern().Match(expression) is { Success: true } at)
        {
            return DateTime.TryParseExact(at.Groups[1].Value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? null
                : $"'{expression}' names no valid date and time; allowed: at(yyyy-mm-ddThh:mm:ss).";
        }

        if (RatePattern().Match(expression) is { Success: true } rate)
        {
            var value = long.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture);
            var unit = rate.Groups[2].Value;
            if (value <= 0)
            {
                return $"'{expression}' has a rate of {value}; allowed: a positive whole number.";
            }

            return unit is "minute" or "minutes" or "hour" or "hours" or "day" or "days"
                ? null
                : $"'{expression}' has the unit '{unit}'; allowed: minute(s), hour(s), day(s).";
        }

        if (CronPattern().Match(expression) is { Success: true } cron)
        {
            var fields = cron.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 6)
            {
                return $"'{expression}' has {fields.Length} fields; allowed: 6 (minutes hours day-of-month month day-of-week year).";
            }

            if ((fields[2] == "?") == (fields[4] == "?"))
            {
                return $"'{expression}' needs '?' in exactly one of day-of-month and day-of-week.";
            }

            for (var i = 0; i < fields.Length; i++)
            {
                if (FieldProblem(fields[i], CronFields[i]) is { } problem)
                {
                    return $"'{expression}' has {CronFields[i].Name} '{fields[i]}': {problem}.";
                }
            }

            return null;
        }

        return $"'{expression}' is not a schedule; allowed: at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(minutes hours day-of-month month day-of-week year).";
    }

    private static string? FieldProblem(string field, (string Name, int Min, int Max, string[]? Names) spec)
    {
        if (field is "*" or "?")
        {
            return null;
        }

        foreach (var part in field.Split(','))
        {
            var (range, step) = part.Split('/') switch
            {
                [var r] => (r, (string?)null),
                [var r, var s] => (r, s),
                _ => (part, "bad"),
            };
            if (step is not null && (!int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0))
            {
                return $"the step '{step}' is not a positive whole number";
            }

            // Day-of-month and day-of-week also accept L, W and # forms (e.g. L, 15W, 6L, 2#1).
            var bounds = range == "*" ? [] : range.TrimEnd('L', 'W').Split('#')[0].Split('-');
            foreach (var bound in bounds.Where(b => b.Length > 0))
            {
                var number = spec.Names is { } names && Array.IndexOf(names, bound.ToUpperInvariant()) is >= 0 and var position
                    ? position + 1
                    : int.TryParse(bound, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null;
                if (number is null || number < spec.Min || number > spec.Max)
                {
                    return $"'{bound}' is outside {spec.Min}-{spec.Max}{(spec.Names is null ? string.Empty : $" or {spec.Names[0]}-{spec.Names[^1]}")}";
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"^at\((.*)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex AtPattern();

    [GeneratedRegex(@"^rate\(\s*(-?\d+)\s+(\S+)\s*\)$", RegexOptions.CultureInvariant)]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^cron\((.*)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex CronPattern();
}
