using System.Text.Json.Nodes;
using EcsConstructs.Rules.Model;
using EcsConstructs.Rules.Templates;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules;

/// <summary>
/// A warning acknowledged with a reason: its findings are reported as acknowledged, not as warnings.
/// Acknowledgements are read from three places, so that every run point sees the same ones:
/// <list type="bullet">
/// <item><description>a resource's template metadata (<c>"Metadata": {"ecs-rules": {"acknowledge": [{"id": "ECS046", "reason": "…"}]}}</c>),
/// which the library's <c>EcsRules.Acknowledge</c> writes for every resource under the construct;</description></item>
/// <item><description>the template's top-level <c>Metadata</c> section, same shape, for every resource of the
/// template and of its nested stacks;</description></item>
/// <item><description>an acknowledgement file given to <c>ecs-rules check --acknowledge</c> (<see cref="Load"/>).</description></item>
/// </list>
/// Errors and rules checked at construction only cannot be acknowledged.
/// </summary>
public sealed class Acknowledgement
{
    /// <summary>The metadata key that holds acknowledgements, on a resource or on the template.</summary>
    public const string MetadataKey = "ecs-rules";

    /// <summary>Creates an acknowledgement.</summary>
    /// <param name="ruleId">A warning rule checked at synthesis, e.g. <c>ECS046</c>.</param>
    /// <param name="reason">Why the warning does not apply (at least 10 characters).</param>
    /// <param name="resource">A logical id or construct path (its subtree) it applies to; default: every resource.</param>
    /// <param name="template">A template name or file it applies to; default: every template.</param>
    /// <exception cref="ArgumentException">The rule cannot be acknowledged (<see cref="Refusal"/>) or the reason is too short.</exception>
    public Acknowledgement(string ruleId, string reason, string? resource = null, string? template = null)
    {
        if (Refusal(ruleId, reason) is { } refusal)
        {
            throw new ArgumentException(refusal, nameof(ruleId));
        }

        RuleId = ruleId;
        Reason = reason.Trim();
        Resource = string.IsNullOrWhiteSpace(resource) ? null : resource.Trim();
        Template = string.IsNullOrWhiteSpace(template) ? null : template.Trim();
    }

    /// <summary>The acknowledged rule id.</summary>
    public string RuleId { get; }

    /// <summary>Why the warning does not apply.</summary>
    public string Reason { get; }

    /// <summary>The logical id or construct path (with its subtree) it applies to; null for every resource.</summary>
    public string? Resource { get; }

    /// <summary>The template name or file it applies to; null for every template.</summary>
    public string? Template { get; }

    /// <summary>
    /// Why <paramref name="ruleId"/> cannot be acknowledged with <paramref name="reason"/>, or null
    /// when it can: the id must name a warning checked at synthesis, and the reason must be at
    /// least 10 characters (something a reviewer can check).
    /// </summary>
    /// <param name="ruleId">The rule id.</param>
    /// <param name="reason">The reason.</param>
    /// <returns>The refusal, or null.</returns>
    public static string? Refusal(string? ruleId, string? reason)
    {
        var rule = RuleCatalog.Find(ruleId);
        if (rule is null)
        {
            return $"'{ruleId}' is not a rule id; see docs/rules.md.";
        }

        if (!rule.CheckedAt.HasFlag(EcsRuleCheckPoint.Synthesis))
        {
            return $"{ruleId} is checked when the construct is created (it throws EcsValidationException) and cannot be acknowledged; fix the input.";
        }

        if (rule.Severity == EcsRuleSeverity.Error)
        {
            return $"{ruleId} is an error (the deployment would certainly fail) and cannot be acknowledged; fix the configuration.";
        }

        return reason is null || reason.Trim().Length < 10
            ? "An acknowledgement needs a reason a reviewer can check (at least 10 characters)."
            : null;
    }

    /// <summary>
    /// Reads an acknowledgement file, JSON or YAML:
    /// <code>
    /// acknowledge:
    ///   - id: ECS046
    ///     reason: Rollbacks are handled by the deployment pipeline.
    ///     resource: ApiService      # optional: a logical id or construct path
    ///     template: MultiStack-Api  # optional: a template name or file
    /// </code>
    /// </summary>
    /// <param name="file">The file.</param>
    /// <returns>The acknowledgements.</returns>
    /// <exception cref="TemplateLoadException">The file is missing, unreadable, or an entry is invalid (the message names it).</exception>
    public static IReadOnlyList<Acknowledgement> Load(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!File.Exists(file))
        {
            throw new TemplateLoadException($"{file}: no such acknowledgement file.");
        }

        var root = TemplateParser.Parse(File.ReadAllText(file), file);
        if (root["acknowledge"] is not JsonArray entries)
        {
            throw new TemplateLoadException($"{file}: an acknowledgement file needs a list 'acknowledge' of entries with 'id' and 'reason'.");
        }

        var result = new List<Acknowledgement>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var (id, reason) = (Str(Get(entry, "id")), Str(Get(entry, "reason")));
            if (Refusal(id, reason) is { } refusal)
            {
                throw new TemplateLoadException($"{file}: entry {i + 1}: {refusal}");
            }

            result.Add(new Acknowledgement(id!, reason!, Str(Get(entry, "resource")), Str(Get(entry, "template"))));
        }

        return result;
    }

    /// <summary>The reason <paramref name="ruleId"/> is acknowledged for the resource with, or null.</summary>
    internal static string? Find(CfnEntry resource, string ruleId, IReadOnlyList<Acknowledgement> given)
    {
        if (FromMetadata(resource.Metadata, ruleId) is { } own)
        {
            return own;
        }

        for (var template = resource.Template; template is not null; template = template.Parent)
        {
            if (FromMetadata(template.Root["Metadata"], ruleId) is { } stackWide)
            {
                return stackWide;
            }
        }

        return given.FirstOrDefault(a => a.RuleId == ruleId && a.Covers(resource))?.Reason;
    }

    private bool Covers(CfnEntry resource) =>
        (Template is null || Template == resource.Template.Name || resource.Template.FilePath.EndsWith(Template, StringComparison.Ordinal))
        && (Resource is null || Resource == resource.LogicalId || Resource == resource.Path || resource.Path.StartsWith(Resource + "/", StringComparison.Ordinal));

    private static string? FromMetadata(JsonNode? metadata, string ruleId) =>
        Objects(Path(metadata, $"{MetadataKey}.acknowledge"))
            .Where(a => Str(Get(a, "id")) == ruleId && Refusal(ruleId, Str(Get(a, "reason"))) is null)
            .Select(a => Str(Get(a, "reason"))!.Trim())
            .FirstOrDefault();
}
