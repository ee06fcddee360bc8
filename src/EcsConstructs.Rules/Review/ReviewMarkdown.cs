using System.Text;

namespace EcsConstructs.Rules.Review;

/// <summary>The Markdown rendering of a <see cref="ReviewReport"/>, for a pull-request comment.</summary>
internal static class ReviewMarkdown
{
    public static string Render(ReviewReport report)
    {
        var text = new StringBuilder("## Template review\n\n");
        if (report.Flags.Count > 0)
        {
            foreach (var flag in report.Flags)
            {
                text.Append("- **").Append(flag.IsCertain ? "Error" : "Warning").Append("** `").Append(Escape(flag.Stack)).Append("`: ").Append(Escape(flag.Message)).Append('\n');
            }

            text.Append('\n');
        }

        foreach (var stack in report.Stacks)
        {
            if (stack.MetadataOnly)
            {
                text.Append("### ").Append(Escape(stack.Name)).Append("\n\nNo resource change (only metadata changed).\n\n");
                continue;
            }

            if (!stack.HasChanges)
            {
                continue;
            }

            text.Append("### ").Append(Escape(stack.Name));
            text.Append(!stack.InBaseline ? " (new stack)" : !stack.InCurrent ? " (only in the baseline)" : string.Empty).Append("\n\n");
            if (stack.Resources.Count > 0)
            {
                text.Append("| Resource | Type | Change | Properties |\n| --- | --- | --- | --- |\n");
                foreach (var resource in stack.Resources)
                {
                    var outcome = ReviewText.Outcome(resource);
                    if (resource.Effect == UpdateEffect.Replaced || resource.Kind == ResourceChangeKind.Removed)
                    {
                        outcome = $"**{outcome}**";
                    }

                    var properties = string.Join("<br>", resource.Properties.Select(p =>
                        $"`{p.Name}`: {ReviewText.Effect(p.Effect)}{(p.Cause is null ? string.Empty : $" ({Escape(p.Cause)})")}"));
                    text.Append("| `").Append(resource.LogicalId).Append("` | `").Append(resource.Type).Append("` | ").Append(Escape(outcome))
                        .Append(" | ").Append(properties).Append(" |\n");
                }

                text.Append('\n');
            }

            foreach (var other in stack.OtherChanges)
            {
                text.Append("- ").Append(Escape(other)).Append('\n');
            }

            if (stack.OtherChanges.Count > 0)
            {
                text.Append('\n');
            }
        }

        text.Append(ReviewText.Summary(report)).Append('\n');
        return text.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
