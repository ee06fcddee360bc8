using EcsConstructs.Rules.Reports;

namespace EcsConstructs.Rules;

/// <summary>The findings of one check (<see cref="RuleEngine.Check"/>) and their renderings.</summary>
public sealed class RuleReport
{
    internal RuleReport(IReadOnlyList<RuleFinding> findings, IReadOnlyList<string> templates)
    {
        Findings = findings;
        Templates = templates;
    }

    /// <summary>Every finding: errors, warnings (acknowledged or not) and info notes.</summary>
    public IReadOnlyList<RuleFinding> Findings { get; }

    /// <summary>The names of the templates checked.</summary>
    public IReadOnlyList<string> Templates { get; }

    /// <summary>The errors: each would fail the deployment.</summary>
    public IEnumerable<RuleFinding> Errors => Findings.Where(f => f.Severity == FindingSeverity.Error);

    /// <summary>The warnings that are not acknowledged.</summary>
    public IEnumerable<RuleFinding> Warnings => Findings.Where(f => f.Severity == FindingSeverity.Warning && !f.IsAcknowledged);

    /// <summary>Whether any rule reported an error.</summary>
    public bool HasErrors => Errors.Any();

    /// <summary>
    /// The report as text: one line per error and warning (<c>error [ECS019] path: message</c>, then
    /// its fix), acknowledged warnings and notes only with <paramref name="verbose"/>, and a summary line.
    /// </summary>
    /// <param name="verbose">Also list acknowledged warnings and "cannot check" notes.</param>
    /// <returns>The text, with LF line endings.</returns>
    public string ToText(bool verbose = false) => TextReport.Render(this, verbose);

    /// <summary>
    /// The report as JSON: <c>{"findings":[{"ruleId","severity","template","logicalId","path","resourceType","message","fix","acknowledged"?,"line"?}],"summary":{…}}</c>;
    /// severities are <c>error</c>, <c>warning</c> and (with <paramref name="verbose"/>) <c>info</c>.
    /// </summary>
    /// <param name="verbose">Also list "cannot check" notes.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool verbose = false) => JsonReport.Render(this, verbose);

    /// <summary>
    /// The report as SARIF 2.1.0, the format code hosts read to show findings on pull requests:
    /// one run of the <c>ecs-rules</c> tool, its rules from the catalog, one result per finding
    /// (acknowledged warnings carry a suppression with the reason), located at the template file
    /// and line and named by logical id and construct path.
    /// </summary>
    /// <param name="baseDirectory">Folder that artifact URIs are made relative to; default the current directory.</param>
    /// <param name="verbose">Also list "cannot check" notes (level <c>note</c>).</param>
    /// <returns>The SARIF JSON text.</returns>
    public string ToSarif(string? baseDirectory = null, bool verbose = false) => SarifReport.Render(this, baseDirectory ?? Directory.GetCurrentDirectory(), verbose);

    /// <summary>The summary line, e.g. <c>ecs-rules: 1 error, 2 warnings (1 acknowledged) in 5 templates.</c></summary>
    /// <returns>The line.</returns>
    public string Summary()
    {
        var errors = Errors.Count();
        var warnings = Warnings.Count();
        var acknowledged = Findings.Count(f => f.IsAcknowledged);
        var notes = Findings.Count(f => f.Severity == FindingSeverity.Info);
        return $"ecs-rules: {Count(errors, "error")}, {Count(warnings, "warning")}"
            + (acknowledged > 0 ? $" ({acknowledged} acknowledged)" : string.Empty)
            + (notes > 0 ? $", {Count(notes, "note")}" : string.Empty)
            + $" in {Count(Templates.Count, "template")}.";
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? string.Empty : "s")}";
}
