namespace EcsConstructs.Rules;

/// <summary>One finding of a rule on one resource of one template.</summary>
public sealed class RuleFinding
{
    internal RuleFinding(EcsRule rule, FindingSeverity severity, string template, string templatePath, string logicalId, string resourceType, string path, string message, string? acknowledgement, int? line)
    {
        Rule = rule;
        Severity = severity;
        Template = template;
        TemplatePath = templatePath;
        LogicalId = logicalId;
        ResourceType = resourceType;
        Path = path;
        Message = message;
        Acknowledgement = acknowledgement;
        Line = line;
    }

    /// <summary>The catalog rule that reported the finding.</summary>
    public EcsRule Rule { get; }

    /// <summary>The rule id, e.g. <c>ECS019</c>.</summary>
    public string RuleId => Rule.Id;

    /// <summary>Error or warning (the rule's severity), or info for a "cannot check" note.</summary>
    public FindingSeverity Severity { get; }

    /// <summary>The template's name: the stack's display name in a cloud assembly (<c>Prod/Web</c>), or the file as given.</summary>
    public string Template { get; }

    /// <summary>The template file.</summary>
    public string TemplatePath { get; }

    /// <summary>The logical id of the resource the finding is about.</summary>
    public string LogicalId { get; }

    /// <summary>The CloudFormation type of that resource.</summary>
    public string ResourceType { get; }

    /// <summary>The resource's construct path (CDK templates), else its logical id.</summary>
    public string Path { get; }

    /// <summary>What is wrong, with the values involved and what the deployment would report.</summary>
    public string Message { get; }

    /// <summary>The reason a warning was acknowledged with, or null. An acknowledged warning does not count as a warning.</summary>
    public string? Acknowledgement { get; }

    /// <summary>Whether the warning was acknowledged.</summary>
    public bool IsAcknowledged => Acknowledgement is not null;

    /// <summary>The 1-based line of the resource in the template file, when known.</summary>
    public int? Line { get; }

    /// <summary>
    /// The finding as one line: <c>[ECS019] Web/Lb/Resource: has 1 subnet … Fix: …</c> (notes and
    /// acknowledged warnings without the fix).
    /// </summary>
    /// <returns>The text.</returns>
    public override string ToString() => Severity == FindingSeverity.Info
        ? $"[{RuleId}] {Path}: {Message}"
        : IsAcknowledged
            ? $"[{RuleId}] {Path}: acknowledged ({Acknowledgement}): {Message}"
            : $"[{RuleId}] {Path}: {Message} Fix: {Rule.Fix}";
}
