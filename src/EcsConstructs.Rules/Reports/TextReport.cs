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
                    text.Append(finding.IsAcknowledged ? "acknowledged " : "note ").Append(Located(finding)).Append('\n');
                }

                continue;
            }

            text.Append(finding.Severity == FindingSeverity.Error ? "error " : "warning ")
                .Append(Located(finding)).Append('\n');
        }

        return text.Append(report.Summary()).Append('\n').ToString();
    }

    /// <summary>The finding's line; prefixed with the template when its path does not name the stack (plain templates).</summary>
    public static string Located(RuleFinding finding) =>
        finding.Path == finding.LogicalId ? $"{finding.Template}: {finding}" : finding.ToString();
}
