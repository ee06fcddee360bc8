namespace EcsConstructs.Rules.Templates;

/// <summary>
/// A template or cloud assembly could not be read: a missing file or folder, a file that is not
/// a JSON or YAML template, a manifest that names a missing template. The message is one line
/// naming the input and what is wrong with it.
/// </summary>
public sealed class TemplateLoadException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    /// <param name="message">What could not be read, and why.</param>
    public TemplateLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    /// <param name="message">What could not be read, and why.</param>
    /// <param name="inner">The underlying error.</param>
    public TemplateLoadException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public TemplateLoadException()
        : base("The template could not be read.")
    {
    }
}
