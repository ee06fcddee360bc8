using EcsConstructs.Rules.Review;
using EcsConstructs.Rules.Templates;

namespace EcsConstructs.Rules.Cli;

/// <summary>
/// The commands of <c>ecs-rules</c>. Exit codes of <c>check</c>: 0 no error finding, 1 error findings;
/// of <c>diff</c>: 0 no change, 1 changes, 3 blocking changes; of both: 2 bad usage or unreadable input
/// (one line on standard error, no stack trace).
/// </summary>
public static class CommandLine
{
    /// <summary>Exit code: the templates have no error finding.</summary>
    public const int Clean = 0;

    /// <summary>Exit code: at least one rule reported an error.</summary>
    public const int Errors = 1;

    /// <summary>Exit code: bad usage, or input that cannot be read.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code of <c>diff</c>: the templates differ (the same value as <see cref="Errors"/>).</summary>
    public const int Changes = 1;

    /// <summary>
    /// Exit code of <c>diff</c>: the change replaces or removes a stateful resource, or replaces a
    /// custom-named resource under the same name.
    /// </summary>
    public const int BlockingChanges = 3;

    private const string Usage = """
        ecs-rules: checks CloudFormation templates for Amazon ECS configurations that fail at deploy time.

        Usage:
          ecs-rules check <cdk.out folder | folder of templates | template files...> [options]
          ecs-rules diff <baseline> <current> [options]
                                     what deploying current over baseline does to each resource
          ecs-rules rules            list the rules (id, severity, what each catches)
          ecs-rules --version

        Options of check:
          --format text|json|sarif   output format (default: text)
          --acknowledge FILE         acknowledged warnings, JSON or YAML:
                                     acknowledge: [{id: ECS046, reason: "...", resource: ..., template: ...}]
          --region REGION            check templates whose region is not known (template files,
                                     stacks without an environment) as stacks of REGION
          --output FILE              write the report to FILE instead of standard output
          --verbose                  also list acknowledged warnings and "cannot check" notes

        Exit codes of check: 0 no error finding, 1 error findings, 2 bad usage or unreadable input.

        diff compares two sets of templates, each a cdk.out folder, a folder of templates (such as
        __snapshots__) or one template file (JSON or YAML), stack by stack: resources added, removed,
        replaced (naming the property that forces it, a logical ID that moved, or a replaced resource
        it refers to), may be replaced, or updated in place. Flags on top: a stateful resource replaced
        or removed (data deleted, or orphaned under Retain), a custom-named resource replaced under the
        same name (the update fails), a CODE_DEPLOY service updated with a new task definition, load
        balancers, network configuration or platform version (ECS refuses it). CDK metadata, CDKMetadata
        and key order are ignored.

        Options of diff:
          --format text|json|markdown   output format (default: text; markdown for a pull-request comment)
          --output FILE                 write the report to FILE instead of standard output

        Exit codes of diff: 0 no change, 1 changes, 3 changes that replace or remove a stateful
        resource or replace a custom-named resource, 2 bad usage or unreadable input.
        The rules: docs/rules.md of EcsConstructs.
        """;

    /// <summary>Runs the command line; returns the exit code.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Where reports go (standard output).</param>
    /// <param name="error">Where problems go (standard error).</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return args switch
            {
                [] or ["-h" or "--help" or "help", ..] => Help(output, args.Length == 0 ? BadInput : Clean),
                ["--version"] => Version(output),
                ["rules", ..] => Rules(output),
                ["check", .. var rest] => Check(rest, output),
                ["diff", .. var rest] => Diff(rest, output),
                _ => Fail(error, $"unknown command '{args[0]}'; run 'ecs-rules --help'."),
            };
        }
        catch (UsageException e)
        {
            return Fail(error, e.Message);
        }
        catch (TemplateLoadException e)
        {
            return Fail(error, e.Message);
        }
        catch (IOException e)
        {
            return Fail(error, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(error, e.Message);
        }
    }

    private static int Check(string[] args, TextWriter output)
    {
        var paths = new List<string>();
        string format = "text";
        string? acknowledge = null;
        string? file = null;
        string? region = null;
        var verbose = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--format":
                    format = Format(args, ref i, "text", "json", "sarif");
                    break;
                case "--acknowledge":
                    acknowledge = Value(args, ref i);
                    break;
                case "--region":
                    region = Value(args, ref i);
                    break;
                case "--output":
                    file = Value(args, ref i);
                    break;
                case "--verbose":
                    verbose = true;
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    throw new UsageException($"unknown option '{option}'; run 'ecs-rules --help'.");
                default:
                    paths.Add(args[i]);
                    break;
            }
        }

        if (paths.Count == 0)
        {
            throw new UsageException("check needs a cloud assembly folder (cdk.out) or template files; run 'ecs-rules --help'.");
        }

        var acknowledgements = acknowledge is null ? [] : Acknowledgement.Load(acknowledge);
        var templates = TemplateSet.Load(paths);
        if (region is not null)
        {
            try
            {
                templates.InRegion(region);
            }
            catch (ArgumentException)
            {
                throw new UsageException($"--region {region}: not an AWS region name (like eu-west-1).");
            }
        }

        var report = RuleEngine.Check(templates, acknowledgements);
        var text = format switch
        {
            "json" => report.ToJson(verbose),
            "sarif" => report.ToSarif(verbose: verbose),
            _ => report.ToText(verbose),
        };
        Write(output, file, text);

        return report.HasErrors ? Errors : Clean;
    }

    private static int Diff(string[] args, TextWriter output)
    {
        var paths = new List<string>();
        var format = "text";
        string? file = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--format":
                    format = Format(args, ref i, "text", "json", "markdown");
                    break;
                case "--output":
                    file = Value(args, ref i);
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    throw new UsageException($"unknown option '{option}'; run 'ecs-rules --help'.");
                default:
                    paths.Add(args[i]);
                    break;
            }
        }

        if (paths.Count != 2)
        {
            throw new UsageException("diff needs two paths, the baseline and the current templates (each a cdk.out folder, a folder of templates or a template file); run 'ecs-rules --help'.");
        }

        var report = TemplateReview.CompareAs(TemplateSet.Load([paths[0]]), TemplateSet.Load([paths[1]]), paths[0], paths[1]);
        var text = format switch
        {
            "json" => report.ToJson(),
            "markdown" => report.ToMarkdown(),
            _ => report.ToText(),
        };
        Write(output, file, text);

        return report.HasBlockingChanges ? BlockingChanges : report.HasChanges ? Changes : Clean;
    }

    private static int Rules(TextWriter output)
    {
        foreach (var rule in RuleCatalog.Rules.Where(r => r.CheckedAt.HasFlag(EcsRuleCheckPoint.Synthesis)))
        {
            output.WriteLine($"{rule.Id} {(rule.Severity == EcsRuleSeverity.Error ? "error  " : "warning")} {rule.Title}");
        }

        return Clean;
    }

    private static int Version(TextWriter output)
    {
        output.WriteLine($"ecs-rules {typeof(RuleEngine).Assembly.GetName().Version?.ToString(3)}");
        return Clean;
    }

    private static int Help(TextWriter output, int code)
    {
        output.WriteLine(Usage);
        return code;
    }

    /// <summary>The value of <c>--format</c>, one of <paramref name="allowed"/>.</summary>
    private static string Format(string[] args, ref int i, params string[] allowed)
    {
        var format = Value(args, ref i);
        return allowed.Contains(format, StringComparer.Ordinal)
            ? format
            : throw new UsageException($"--format {format}: allowed: {string.Join(", ", allowed)}.");
    }

    /// <summary>Writes a report to <c>--output</c>'s file, or to the output without it.</summary>
    private static void Write(TextWriter output, string? file, string text)
    {
        if (file is null)
        {
            output.Write(text);
        }
        else
        {
            File.WriteAllText(file, text);
        }
    }

    private static string Value(string[] args, ref int i) =>
        i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
            ? args[++i]
            : throw new UsageException($"{args[i]} needs a value; run 'ecs-rules --help'.");

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"ecs-rules: {message}");
        return BadInput;
    }

    /// <summary>Bad usage: reported as one line, exit code 2.</summary>
    private sealed class UsageException(string message) : Exception(message);
}
