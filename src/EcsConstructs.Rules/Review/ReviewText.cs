using System.Globalization;
using System.Text;

namespace EcsConstructs.Rules.Review;

/// <summary>The text rendering of a <see cref="ReviewReport"/>, for a terminal and for snapshot mismatch messages.</summary>
internal static class ReviewText
{
    public static string Render(ReviewReport report)
    {
        var text = new StringBuilder();
        AppendFlags(text, report);
        foreach (var stack in report.Stacks)
        {
            AppendStack(text, stack, "");
        }

        text.Append(Summary(report)).Append('\n');
        return text.ToString();
    }

    /// <summary>The flags, one per line with its severity (<c>error</c> certain, <c>warning</c> possible), under a heading; nothing when there are none.</summary>
    public static void AppendFlags(StringBuilder text, ReviewReport report, string indent = "")
    {
        if (report.Flags.Count == 0)
        {
            return;
        }

        text.Append(indent).Append("!! ").Append(report.Flags.Count(f => f.IsCertain)).Append(" blocking, ")
            .Append(report.Flags.Count(f => !f.IsCertain)).Append(" possible: data loss or a failing update\n");
        foreach (var flag in report.Flags)
        {
            text.Append(indent).Append(flag.IsCertain ? "  error   " : "  warning ").Append(flag.Stack).Append(": ").Append(flag.Message).Append('\n');
        }

        text.Append('\n');
    }

    /// <summary>One stack: a heading, a line per resource and one per changed property; nothing for an unchanged stack.</summary>
    public static void AppendStack(StringBuilder text, StackReview stack, string indent)
    {
        if (stack.MetadataOnly)
        {
            text.Append(indent).Append("Stack ").Append(stack.Name).Append(": no resource change (only metadata changed: construct paths, asset metadata, CDKMetadata or the bootstrap version check)\n\n");
            return;
        }

        if (!stack.HasChanges)
        {
            return;
        }

        text.Append(indent).Append("Stack ").Append(stack.Name);
        text.Append(!stack.InBaseline ? " (new stack)" : !stack.InCurrent ? " (only in the baseline: cdk deploy does not delete it)" : string.Empty).Append('\n');
        foreach (var resource in stack.Resources)
        {
            text.Append(indent).Append("  ").Append(Symbol(resource)).Append(' ').Append(resource.LogicalId)
                .Append(" (").Append(resource.Type).Append(") ").Append(Outcome(resource)).Append('\n');
            foreach (var property in resource.Properties)
            {
                text.Append(indent).Append("      ").Append(property.Name).Append(": ").Append(Effect(property.Effect));
                if (property.Cause is not null)
                {
                    text.Append(" (").Append(property.Cause).Append(')');
                }

                text.Append('\n');
            }
        }

        foreach (var other in stack.OtherChanges)
        {
            text.Append(indent).Append("  ").Append(other).Append('\n');
        }

        text.Append('\n');
    }

    public static string Summary(ReviewReport report)
    {
        if (!report.HasChanges)
        {
            var metadata = report.Stacks.Count(s => s.MetadataOnly);
            return metadata > 0
                ? string.Create(CultureInfo.InvariantCulture, $"ecs-rules diff: no changes (only metadata changed in {Count(metadata, "stack")}).")
                : "ecs-rules diff: no changes.";
        }

        var resources = report.Stacks.SelectMany(s => s.Resources).ToList();
        var replaced = resources.Count(r => r.Kind is ResourceChangeKind.Moved or ResourceChangeKind.Modified && r.Effect == UpdateEffect.Replaced);
        var maybe = resources.Count(r => r.Kind == ResourceChangeKind.Modified && r.Effect == UpdateEffect.MayBeReplaced);
        var inPlace = resources.Count(r => r.Kind == ResourceChangeKind.Modified && r.Effect == UpdateEffect.InPlace);
        var added = resources.Count(r => r.Kind == ResourceChangeKind.Added);
        var removed = resources.Count(r => r.Kind == ResourceChangeKind.Removed);
        var stacks = report.Stacks.Count(s => s.HasChanges);
        return string.Create(CultureInfo.InvariantCulture,
            $"ecs-rules diff: {replaced} replaced, {maybe} may be replaced, {inPlace} updated in place, {added} added, {removed} removed in {Count(stacks, "stack")}; {report.Flags.Count(f => f.IsCertain)} blocking, {report.Flags.Count(f => !f.IsCertain)} possible.");
    }

    public static string Effect(UpdateEffect effect) => effect switch
    {
        UpdateEffect.Replaced => "replaced",
        UpdateEffect.MayBeReplaced => "may be replaced",
        _ => "updated in place",
    };

    public static string Outcome(ResourceReview resource) => resource.Kind switch
    {
        ResourceChangeKind.Added => "added",
        ResourceChangeKind.Removed => "removed",
        ResourceChangeKind.Moved => $"replaced (logical ID moved from {resource.PreviousLogicalId})",
        _ => Effect(resource.Effect),
    };

    private static char Symbol(ResourceReview resource) => resource.Kind switch
    {
        ResourceChangeKind.Added => '+',
        ResourceChangeKind.Removed => '-',
        _ => resource.Effect == UpdateEffect.InPlace ? '~' : '!',
    };

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? string.Empty : "s")}");
}
