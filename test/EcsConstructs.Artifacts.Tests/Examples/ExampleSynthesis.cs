namespace EcsConstructs.Tests.Examples;

/// <summary>What <c>cdk synth</c> wrote for one example.</summary>
/// <param name="Example">The example's folder name under <c>examples/</c>.</param>
/// <param name="Templates">Each stack's template, normalized by <c>TemplateNormalizer</c>, by snapshot name (the stack's construct path with <c>/</c> replaced by <c>-</c>).</param>
/// <param name="Failure">The command and its output when <c>cdk synth</c> failed; otherwise <see langword="null"/>.</param>
public sealed record ExampleSynthesis(string Example, IReadOnlyDictionary<string, string> Templates, string? Failure);
