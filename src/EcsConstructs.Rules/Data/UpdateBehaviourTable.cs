using EcsConstructs.Rules.Review;

namespace EcsConstructs.Rules.Data;

/// <summary>
/// CloudFormation's update behaviour of every top-level property of every resource type (updated in
/// place, replaced, or conditional), which types hold data, and which property gives a resource its
/// custom name. Generated from the AWS CDK's resource database (<see cref="GeneratedSource"/>) by
/// <c>node tools/update-behaviour/generate.js</c> into <c>UpdateBehaviours.g.cs</c>; see
/// <c>tools/update-behaviour/README.md</c>.
/// </summary>
/// <remarks>
/// The table is one string, one line per type sorted ordinally, and the offsets of its lines as
/// static data. A lookup is a binary search over the lines and a scan of one line: nothing is parsed
/// into objects and nothing is scanned at first use, so the table costs next to nothing to start.
/// </remarks>
internal static partial class UpdateBehaviourTable
{
    /// <summary>
    /// Types that hold data the resource database does not mark as stateful: an ECR repository holds
    /// the images pushed to it, which a replacement deletes with the repository (or orphans, when
    /// retained).
    /// </summary>
    private static readonly string[] ExtraStatefulTypes = ["AWS::ECR::Repository"];

    /// <summary>Number of resource types in the table.</summary>
    public static int Count => GeneratedTypeCount;

    /// <summary>Whether the table knows the resource type (<c>Custom::</c> types and third-party types are not in it).</summary>
    /// <param name="type">A CloudFormation type name, e.g. <c>AWS::ECS::Service</c>.</param>
    /// <returns>Whether the type is in the table.</returns>
    public static bool IsKnown(string type) => Line(type).Length > 0;

    /// <summary>
    /// What a change of the top-level property does to a resource of the type: <see cref="UpdateEffect.Replaced"/>,
    /// <see cref="UpdateEffect.MayBeReplaced"/>, or <see cref="UpdateEffect.InPlace"/> for a property the table does not list.
    /// </summary>
    /// <param name="type">The resource type.</param>
    /// <param name="property">The top-level property name.</param>
    /// <returns>The effect; null when the type is not in the table.</returns>
    public static UpdateEffect? Of(string type, string property)
    {
        var line = Line(type);
        if (line.Length == 0)
        {
            return null;
        }

        var rest = line[type.Length..];
        while (rest.Length > 0)
        {
            var token = NextToken(ref rest);
            if (token.Length == property.Length + 1 && SameName(token[..^1], property))
            {
                return token[^1] == '!' ? UpdateEffect.Replaced : UpdateEffect.MayBeReplaced;
            }
        }

        return UpdateEffect.InPlace;
    }

    /// <summary>Whether resources of the type hold data that a replacement or removal deletes (or orphans, when retained).</summary>
    /// <param name="type">The resource type.</param>
    /// <returns>Whether the type is stateful.</returns>
    public static bool IsStateful(string type)
    {
        if (Array.IndexOf(ExtraStatefulTypes, type) >= 0)
        {
            return true;
        }

        var rest = Flags(type);
        while (rest.Length > 0)
        {
            if (NextToken(ref rest) is "*")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The property that gives a resource of the type a custom name (<c>ClusterName</c>, a load balancer's <c>Name</c>), or null.</summary>
    /// <param name="type">The resource type.</param>
    /// <returns>The property name, or null when the type has none (or is unknown).</returns>
    public static string? CustomNameProperty(string type)
    {
        var rest = Flags(type);
        while (rest.Length > 0)
        {
            var token = NextToken(ref rest);
            if (token.Length > 1 && token[0] == '=')
            {
                return token[1..].ToString();
            }
        }

        return null;
    }

    /// <summary>The table's line of the type (without the line break), or an empty span.</summary>
    private static ReadOnlySpan<char> Line(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var starts = GeneratedLineStarts;
        int low = 0, high = starts.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var start = starts[middle];
            var end = middle + 1 < starts.Length ? starts[middle + 1] - 1 : GeneratedTable.Length;
            var order = CompareName(start, end, type);
            if (order == 0)
            {
                return GeneratedTable.AsSpan(start, end - start);
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return [];
    }

    /// <summary>
    /// Compares the type name that starts the line <paramref name="start"/>..<paramref name="end"/> of the
    /// table (it ends at the first space) with <paramref name="type"/>, ordinally. A plain loop: the
    /// framework's ordinal comparisons and searches go through vectorized helpers that are compiled or
    /// initialized at first use, which cost milliseconds in a cold process (measured).
    /// </summary>
    private static int CompareName(int start, int end, string type)
    {
        var i = 0;
        for (; start + i < end && GeneratedTable[start + i] != ' '; i++)
        {
            if (i == type.Length)
            {
                return 1;
            }

            var difference = GeneratedTable[start + i] - type[i];
            if (difference != 0)
            {
                return difference;
            }
        }

        return i == type.Length ? 0 : -1;
    }

    private static bool SameName(ReadOnlySpan<char> token, string property)
    {
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] != property[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What follows the type on its line (empty for an unknown type).</summary>
    private static ReadOnlySpan<char> Flags(string type)
    {
        var line = Line(type);
        return line.Length == 0 ? [] : line[type.Length..];
    }

    /// <summary>The next space-separated token of <paramref name="rest"/>; advances past it (plain loops, as in <see cref="CompareName"/>).</summary>
    private static ReadOnlySpan<char> NextToken(ref ReadOnlySpan<char> rest)
    {
        var start = 0;
        while (start < rest.Length && rest[start] == ' ')
        {
            start++;
        }

        var end = start;
        while (end < rest.Length && rest[end] != ' ')
        {
            end++;
        }

        var token = rest[start..end];
        rest = rest[end..];
        return token;
    }
}
