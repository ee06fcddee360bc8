using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using EcsConstructs.Rules.Templates;

namespace EcsConstructs.Rules;

/// <summary>
/// The rule engine as a CDK policy validation plugin (<see cref="EcsRules.AppProps"/>). CDK calls
/// <see cref="Validate"/> once per synthesis, after it wrote the templates, with the path of every
/// stack's template (stages included); the engine reads them (nested stack templates and the
/// cloud assembly's manifest beside them too) in plain .NET, without a jsii call.
/// </summary>
/// <remarks>
/// Errors and warnings print to standard error in the same format as <c>ecs-rules check</c>; a clean
/// check prints nothing. Errors are also returned as violations, so CDK prints its validation report
/// (construct paths, template locations) and, with the <c>@aws-cdk/core:validationReportJson</c>
/// context, writes it as JSON. CDK itself does not fail the .NET process, so the plugin sets the
/// process exit code to 1 when there are errors: the app, and with it <c>cdk synth</c>, fails.
/// </remarks>
internal sealed class EcsRulesPlugin : DeputyBase, IPolicyValidationPluginBeta1
{
    public string Name => "EcsRules";

    public string? Version => typeof(RuleEngine).Assembly.GetName().Version?.ToString(3);

    public string[]? RuleIds =>
        [.. RuleCatalog.Rules.Where(r => r.CheckedAt.HasFlag(EcsRuleCheckPoint.Synthesis)).Select(r => r.Id)];

    public IPolicyValidationPluginReportBeta1 Validate(IPolicyValidationContextBeta1 context)
    {
        RuleReport report;
        try
        {
            report = RuleEngine.Check(TemplateSet.FromFiles(context.TemplatePaths));
        }
        catch (TemplateLoadException e)
        {
            Console.Error.WriteLine($"ecs-rules: the templates could not be read: {e.Message}");
            System.Environment.ExitCode = 1;
            return new PolicyValidationPluginReportBeta1 { Success = false, Violations = [], PluginVersion = Version };
        }

        if (report.Errors.Any() || report.Warnings.Any())
        {
            Console.Error.Write(report.ToText());
        }

        if (report.HasErrors)
        {
            System.Environment.ExitCode = 1;
        }

        return new PolicyValidationPluginReportBeta1
        {
            Success = !report.HasErrors,
            PluginVersion = Version,
            Violations = [.. report.Errors.Select(Violation)],
        };
    }

    private static IPolicyViolationBeta1 Violation(RuleFinding finding) => new PolicyViolationBeta1
    {
        RuleName = finding.RuleId,
        Description = finding.Message,
        Fix = finding.Rule.Fix,
        Severity = "error",
        ViolatingResources =
        [
            new PolicyViolatingResourceBeta1
            {
                ResourceLogicalId = finding.LogicalId,
                TemplatePath = finding.TemplatePath,
                Locations = [$"Resources/{finding.LogicalId}"],
            },
        ],
    };
}
