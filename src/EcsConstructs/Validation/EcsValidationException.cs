namespace EcsConstructs.Validation;

/// <summary>
/// The one exception type the library throws for invalid input. Its message always names the
/// construct path, the property, the offending value and what is allowed, so that a failed
/// <c>cdk synth</c> says exactly what to change.
/// </summary>
public sealed class EcsValidationException : Exception
{
    /// <summary>Creates the exception for a property of the construct at <paramref name="constructPath"/>.</summary>
    /// <param name="constructPath">The construct path (<c>Node.Path</c>) whose input is invalid.</param>
    /// <param name="propertyName">The name of the props property at fault (e.g. <c>DesiredCount</c>).</param>
    /// <param name="problem">What is wrong and what is allowed, as a sentence.</param>
    public EcsValidationException(string constructPath, string propertyName, string problem)
        : base($"{constructPath}: {propertyName}: {problem}")
    {
        ConstructPath = constructPath;
        PropertyName = propertyName;
        Problem = problem;
    }

    /// <summary>The construct path whose input is invalid.</summary>
    public string ConstructPath { get; }

    /// <summary>The props property at fault.</summary>
    public string PropertyName { get; }

    /// <summary>What is wrong and what is allowed.</summary>
    public string Problem { get; }
}
