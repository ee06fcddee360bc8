using System.Text.RegularExpressions;

namespace EcsConstructs.Rules.Conditions;

/// <summary>
/// Container image references as Docker and ECS parse them:
/// <c>[registry[:port]/]name[:tag][@digest]</c>, with lower-case name components, a tag of at most
/// 128 letters, digits, <c>_</c>, <c>.</c> and <c>-</c> (not starting with <c>.</c> or <c>-</c>), a digest
/// <c>algorithm:hex</c>. The library's <c>ImageSource</c> and the template rule ECS057 both decide with
/// <see cref="Problem"/>.
/// </summary>
internal static partial class ImageReferences
{
    /// <summary>Why <paramref name="reference"/> is not an image reference ECS can pull, or null when it is one.</summary>
    public static string? Problem(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return "is empty";
        }

        if (reference.Any(char.IsWhiteSpace))
        {
            return "contains whitespace";
        }

        if (Reference().Match(reference) is not { Success: true } match)
        {
            var colon = reference.LastIndexOf(':');
            var slash = reference.LastIndexOf('/');
            return colon > 0 && slash > colon && !reference[..colon].Contains('/', StringComparison.Ordinal)
                ? "has a tag before the last path component (the tag goes last: name:tag)"
                : "is not a valid reference (registry/name:tag with lower-case name components)";
        }

        return match.Groups["tag"].Success && match.Groups["tag"].Value.Length > 128 ? "has a tag longer than 128 characters" : null;
    }

    [GeneratedRegex(
        @"^(?:(?<domain>(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?)/)?" +
        @"(?<name>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)" +
        @"(?::(?<tag>[\w][\w.-]*))?" +
        @"(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
