namespace EcsConstructs.Tests.Support;

/// <summary>
/// Runs code that writes to the console and sets the process exit code (as the rules' plugin does
/// at synthesis), capturing both and restoring them, so that the test host keeps exit code 0.
/// </summary>
internal static class ProcessState
{
    public static (int ExitCode, string Output) Capture(Action action)
    {
        var (output, error) = (Console.Out, Console.Error);
        using var captured = new StringWriter();
        Console.SetOut(captured);
        Console.SetError(captured);
        try
        {
            Environment.ExitCode = 0;
            action();
            return (Environment.ExitCode, captured.ToString());
        }
        finally
        {
            Environment.ExitCode = 0;
            Console.SetOut(output);
            Console.SetError(error);
        }
    }
}
