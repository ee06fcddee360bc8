using System.Text;
using Amazon.CDK;
using Constructs;

namespace EcsConstructs.Rules;

/// <summary>
/// The library's checks for the ECS failures that otherwise surface only at <c>cdk deploy</c> or
/// when tasks start (see <c>docs/rules.md</c>). <see cref="Catalog"/> lists every check, at one of
/// two check points (<see cref="EcsRule.CheckedAt"/>): constructors throw
/// <see cref="Validation.EcsValidationException"/> for what is known when a construct is created,
/// and the synthesis rules read the L1 resources of each stack (so they cover raw CDK and L1
/// escape hatches as well as this library's constructs), resolve each resource's properties once,
/// and report on the offending resource: errors fail <c>cdk synth</c>, warnings print with their id
/// and can be acknowledged. Values that are unresolved tokens or imports are "cannot check", never
/// a false alarm.
/// </summary>
/// <remarks>
/// The library's constructs do not apply the synthesis rules themselves: call <see cref="Apply"/>
/// once on the app (or a stack), as the examples do. Known limitation: raw overrides
/// (<c>AddPropertyOverride</c>, <c>AddOverride</c>) are not visible to the rules, because aws-cdk-lib
/// keeps them in an internal field that jsii does not expose; properties set on an L1 object are.
/// </remarks>
public static class EcsRules
{
    private static readonly Dictionary<string, EcsRule> ById = RuleCatalog.Entries.ToDictionary(e => e.Rule.Id, e => e.Rule, StringComparer.Ordinal);

    /// <summary>The rule catalog, ordered by id: every check of the library, at construction and at synthesis.</summary>
    public static IReadOnlyList<EcsRule> Catalog { get; } = RuleCatalog.Entries.Select(e => e.Rule).ToList().AsReadOnly();

    /// <summary>
    /// Checks every stack under <paramref name="scope"/> (an app, a stage or a stack; nested stacks
    /// included) at synthesis. For a construct inside a stack, the whole stack is indexed but only
    /// findings on resources under the construct are reported. Call it once per app; a
    /// <see cref="Stage"/> inside the app synthesizes on its own, before the app: call it on that
    /// stage too.
    /// </summary>
    /// <param name="scope">The app, stage, stack or construct to check.</param>
    public static void Apply(IConstruct scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        scope.Node.AddValidation(new RulesValidation(scope));
    }

    /// <summary>
    /// Acknowledges warning <paramref name="ruleId"/> for <paramref name="scope"/> and everything
    /// under it (a resource, a construct or a whole stack): the synthesis finding is reported as an
    /// informational note carrying the reason instead of a warning. Errors and rules checked at
    /// construction only cannot be acknowledged; for a warning checked at both points, only the
    /// synthesis finding is acknowledged (the constructor still throws). The acknowledgement is
    /// stored as construct metadata, so it appears in the cloud assembly.
    /// </summary>
    /// <param name="scope">The construct (or stack) the acknowledgement applies to, with its subtree.</param>
    /// <param name="ruleId">A warning rule id checked at synthesis, e.g. <c>ECS046</c>.</param>
    /// <param name="reason">Why the warning does not apply here (at least 10 characters).</param>
    /// <exception cref="ArgumentException">The id is unknown, names a rule checked at construction only or an error rule, or the reason is too short.</exception>
    public static void Acknowledge(IConstruct scope, string ruleId, string reason)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var rule = Find(ruleId)
            ?? throw new ArgumentException($"'{ruleId}' is not a rule id; see EcsRules.Catalog or docs/rules.md.", nameof(ruleId));
        if (!rule.CheckedAt.HasFlag(EcsRuleCheckPoint.Synthesis))
        {
            throw new ArgumentException($"{ruleId} is checked when the construct is created (it throws EcsValidationException) and cannot be acknowledged; fix the input.", nameof(ruleId));
        }

        if (rule.Severity == EcsRuleSeverity.Error)
        {
            throw new ArgumentException($"{ruleId} is an error (the deployment would certainly fail) and cannot be acknowledged; fix the configuration.", nameof(ruleId));
        }

        if (reason is null || reason.Trim().Length < 10)
        {
            throw new ArgumentException("An acknowledgement needs a reason a reviewer can check (at least 10 characters).", nameof(reason));
        }

        Acknowledgements.Add(scope, ruleId, reason.Trim());
    }

    /// <summary>The catalog entry with id <paramref name="ruleId"/>, or null.</summary>
    internal static EcsRule? Find(string? ruleId) =>
        ruleId is not null && ById.TryGetValue(ruleId, out var rule) ? rule : null;

    /// <summary>Renders the catalog as the Markdown of <c>docs/rules.md</c>.</summary>
    /// <returns>The Markdown text, with LF line endings.</returns>
    public static string RenderMarkdown()
    {
        var md = new StringBuilder();
        var construction = Catalog.Count(r => r.CheckedAt.HasFlag(EcsRuleCheckPoint.Construction));
        var synthesis = Catalog.Count(r => r.CheckedAt.HasFlag(EcsRuleCheckPoint.Synthesis));
        md.Append("# Rules\n\n");
        md.Append("<!-- Generated from EcsRules.Catalog by test/EcsConstructs.Tests/Rules/RulesCatalogTests.cs; run `UPDATE_SNAPSHOTS=1 dotnet test` to rewrite. Do not edit by hand. -->\n\n");
        md.Append($"`EcsRules.Catalog` is the one list of every check of the library: {Catalog.Count} rules with stable ids (ECS001-{Catalog[^1].Id}), ");
        md.Append("for configurations that CloudFormation or ECS would reject at deploy time or when tasks start, or that would deploy but misbehave. ");
        md.Append($"Each rule is checked at one or both of two points (column **Checked**): {construction} when a construct is created, {synthesis} at `cdk synth`.\n\n");
        md.Append("- **Construction**: the library's constructs check their props when they are created and throw `EcsValidationException` at the line that creates the construct, ");
        md.Append("before any resource exists. The message starts with the rule id, like a synthesis finding: ");
        md.Append("`[ECS038] App/Task: MemoryMiB: 4096 MiB is not allowed with 256 CPU units on Fargate; allowed: 512, 1024, 2048 MiB.` ");
        md.Append("(the exception's `RuleId` and `Rule` give the entry). No call to `EcsRules.Apply` is needed; a construction check throws whatever the rule's severity and cannot be acknowledged.\n");
        md.Append("- **Synthesis**: `EcsRules.Apply(app)` checks every stack at `cdk synth`. ");
        md.Append("The rules read the L1 (CloudFormation) resources, so they also cover raw CDK constructs and L1 escape hatches. ");
        md.Append("**Errors** fail `cdk synth`; **warnings** print with their id and can be acknowledged in code with a reason: ");
        md.Append("`EcsRules.Acknowledge(construct, \"ECS046\", \"why\")` on a resource, a construct or a whole stack (it covers the subtree). ");
        md.Append("Values that are unresolved tokens, imports or parameters are skipped (\"cannot check\"), never reported as findings; ");
        md.Append("an unknown instance type gives an informational note. Raw overrides (`AddPropertyOverride`) are not visible to the rules.\n");
        md.Append("- **Both**: the constructor refuses the condition in the library's props, and the synthesis rule finds it in any resource, raw CDK included.\n\n");
        md.Append("Failure classes refer to `DEPLOY-FAILURES.md`; \"input\" marks a check of the input that matches no class.\n\n");
        md.Append("## How it runs\n\n");
        md.Append("- **Construction, fail fast**: `EcsCluster`, `Ec2Capacity`, `EcsTaskDefinition`, the services, `ServiceScaling` and `EcrRepository` validate their props in the constructor (secrets and images when the task definition resolves them, `AllowEfsAccessFrom` when called). ");
        md.Append("The first invalid input throws `EcsValidationException` naming the rule id, the construct path, the property, the value and what is allowed. ");
        md.Append("These checks see the props, so they judge what is known then; what needs the finished tree (other constructs, aspects, dependencies, raw CDK) is left to synthesis.\n");
        md.Append("- **Synthesis, explicit**: the library's constructs do not apply the synthesis rules; call `EcsRules.Apply(app)` once in `Program.cs` (or on one stack, or on a construct to report only findings under it).\n");
        md.Append("- `Apply` adds one validation to the scope (not an aspect, which Node.js would call back for every construct): the rules run once per stack in CDK's validation phase, after every aspect (CDK creates the cluster's capacity provider association in an aspect) and after construct dependencies became `DependsOn`. Nested stacks are checked with their parent; the stacks of a `Stage` inside the app synthesize on their own, before the app: apply the rules to that stage too.\n");
        md.Append("- Each stack is indexed once per synthesis: every L1 resource's properties (as `TreeInspector` reports them) are resolved with one `Stack.Resolve` call (per resource one jsii round trip for its logical id, two more for a type the rules read; construct paths only for messages); cross-resource facts (a service's task definition, target groups, listeners, the cluster's association, roles and policies, subnets and routes) are looked up by logical id.\n");
        md.Append("- Data: Fargate sizes from `FargateSizes`, instance vCPU/memory/ENIs/architecture from `InstanceTypeCatalog` (families t3, t3a, t4g, m5, m6i, m6g, m7i, m7g, c5, c6i, c6g, c7g, r5, r6i, r6g).\n\n");
        md.Append("## What cannot be checked at synthesis\n\n");
        md.Append("- Raw overrides (`AddPropertyOverride`, `AddOverride`, deletion overrides): aws-cdk-lib keeps them in an internal field that jsii does not expose, so rules see the L1 properties without them. ");
        md.Append("The one override of this library that matters (`ServiceScaling` deleting `DesiredCount`) is known to ECS041 by its marker construct.\n");
        md.Append("- Imported or cross-stack resources (a cluster, VPC, subnets, ALB, listener, target group, security group, role, secret, key or log group not defined in the stack): the rules that need them stay silent; a log group the stack does not create gives an info note.\n");
        md.Append("- Instance types outside `InstanceTypeCatalog` (info note), ENI trunking, the AMI's agent configuration beyond `ECS_CLUSTER`, account quotas and Fargate zone support (class 10), the service-linked role (25), image architecture (31), replacements against a previous template (40), secret ARN region/account checks (23) and a grace period without a load balancer (19).\n");
        md.Append("- IAM: only policies in the stack are read; an AWS managed policy other than `AmazonECSTaskExecutionRolePolicy` (or an imported one) makes a grant \"unknown\", never \"missing\". Policy conditions, permission boundaries and SCPs are not evaluated.\n\n");
        md.Append("## Rules\n\n");
        md.Append("| Id | Severity | Checked | Classes | What it catches |\n| --- | --- | --- | --- | --- |\n");
        foreach (var rule in Catalog)
        {
            md.Append($"| [{rule.Id}](#{rule.Id.ToLowerInvariant()}) | {rule.Severity} | {Checked(rule)} | {Classes(rule)} | {Escape(rule.Title)} |\n");
        }

        foreach (var rule in Catalog)
        {
            md.Append($"\n## {rule.Id}\n\n");
            md.Append($"**{rule.Severity}**, checked at {CheckedAt(rule)}, {(rule.FailureClasses.Count == 0 ? "an input check (no failure class)" : $"failure class {Classes(rule)}")}. {rule.Title}\n\n");
            md.Append($"- Seen without the check: {rule.DeployMessage}\n");
            md.Append($"- Fix: {rule.Fix}\n");
        }

        return md.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Checked(EcsRule rule) => rule.CheckedAt switch
    {
        EcsRuleCheckPoint.Construction => "construction",
        EcsRuleCheckPoint.Synthesis => "synthesis",
        _ => "both",
    };

    private static string CheckedAt(EcsRule rule) => rule.CheckedAt switch
    {
        EcsRuleCheckPoint.Construction => "construction",
        EcsRuleCheckPoint.Synthesis => "synthesis",
        _ => "construction and synthesis",
    };

    private static string Classes(EcsRule rule) =>
        rule.FailureClasses.Count == 0 ? "input" : string.Join(", ", rule.FailureClasses);
}
