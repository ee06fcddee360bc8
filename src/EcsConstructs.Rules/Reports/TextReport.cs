using System.Text;

namespace EcsConstructs.Rules.Reports;

/// <summary>The text rendering of a <see cref="RuleReport"/>, for terminals and CI logs.</summary>
internal static class TextReport
{
    public static string Render(RuleReport report, bool verbose)
    {
        var text = new StringBuilder();
        foreach (var finding in report.Findings)
        {
            if (finding.Severity == FindingSeverity.Info || finding.IsAcknowledged)
            {
                if (verbose)
                {
                    text.Append(Line(finding.IsAcknowledged ? "acknowledged" : "note", finding));
                }

                continue;
            }

            text.Append(Line(finding.Severity == FindingSeverity.Error ? "error" : "warning", finding));
        }

        return text.Append(report.Summary()).Append('\n').ToString();
    }

    /// <summary>
    /// One finding: <c>error [ECS019] Web/Lb/Resource: …</c>; prefixed with the template
    /// (<c>template.yaml: error [ECS019] Lb: …</c>) when the path does not name the stack.
    /// </summary>
    private static string Line(string label, RuleFinding finding) =>
        (finding.Path == finding.LogicalId ? $"{finding.Template}: " : string.Empty) + $"{label} {finding}\n";
}
