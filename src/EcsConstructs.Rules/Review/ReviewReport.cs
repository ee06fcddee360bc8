namespace EcsConstructs.Rules.Review;

/// <summary>The result of <see cref="TemplateReview.Compare"/>: every stack's changes and the flags, with their renderings.</summary>
public sealed class ReviewReport
{
    internal ReviewReport(string baseline, string current, IReadOnlyList<StackReview> stacks, IReadOnlyList<ReviewFlag> flags)
    {
        Baseline = baseline;
        Current = current;
        Stacks = stacks;
        Flags = flags;
    }

    /// <summary>How the baseline was named (the paths given, joined by spaces).</summary>
    public string Baseline { get; }

    /// <summary>How the current templates were named (the paths given, joined by spaces).</summary>
    public string Current { get; }

    /// <summary>Every stack of either side, in ordinal order of their names (unchanged stacks included, with no resources).</summary>
    public IReadOnlyList<StackReview> Stacks { get; }

    /// <summary>Replacements and removals of stateful resources and replacements of custom-named resources, certain ones first.</summary>
    public IReadOnlyList<ReviewFlag> Flags { get; }

    /// <summary>Whether anything that deploys differs; a change of metadata only (construct paths, asset metadata, <c>CDKMetadata</c>) is none.</summary>
    public bool HasChanges => Stacks.Any(s => s.HasChanges);

    /// <summary>
    /// Whether a certain flag is raised: a stateful resource is replaced or removed, or a custom-named
    /// resource is replaced (<c>ecs-rules diff</c> exits with 3).
    /// </summary>
    public bool HasBlockingChanges => Flags.Any(f => f.IsCertain);

    /// <summary>
    /// The report as text: the flags on top, then per changed stack one line per resource
    /// (<c>~ Id (Type) replaced</c>) and one per changed property with its effect, then a summary line.
    /// </summary>
    /// <returns>The text, with LF line endings.</returns>
    public string ToText() => ReviewText.Render(this);

    /// <summary>The report as Markdown for a pull-request comment: the flags as a list, a table per changed stack.</summary>
    /// <returns>The Markdown, with LF line endings.</returns>
    public string ToMarkdown() => ReviewMarkdown.Render(this);

    /// <summary>
    /// The report as JSON: <c>{"baseline","current","hasChanges","hasBlockingChanges","flags":[…],"stacks":[{"name","resources":[{"logicalId","type","change","effect","properties":[…]}],…}]}</c>;
    /// effects are <c>in-place</c>, <c>may-be-replaced</c> and <c>replaced</c>.
    /// </summary>
    /// <returns>The JSON, indented, with a final line break.</returns>
    public string ToJson() => ReviewJson.Render(this);
}
