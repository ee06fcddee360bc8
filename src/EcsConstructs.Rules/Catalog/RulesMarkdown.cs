using System.Text;

namespace EcsConstructs.Rules;

/// <summary>Renders the catalog as <c>docs/rules.md</c> (a test keeps the committed file equal to it).</summary>
internal static class RulesMarkdown
{
    /// <summary>The Markdown of <c>docs/rules.md</c>, with LF line endings.</summary>
    public static string Render()
    {
        var rules = RuleCatalog.Rules;
        var md = new StringBuilder();
        var construction = rules.Count(r => r.CheckedAt.HasFlag(EcsRuleCheckPoint.Construction));
        var synthesis = rules.Count(r => r.CheckedAt.HasFlag(EcsRuleCheckPoint.Synthesis));
        md.Append("# Rules\n\n");
        md.Append("<!-- Generated from RuleCatalog by test/EcsConstructs.Rules.Tests/Catalog/RuleCatalogTests.cs; run `UPDATE_SNAPSHOTS=1 dotnet test` to rewrite. Do not edit by hand. -->\n\n");
        md.Append($"`RuleCatalog.Rules` is the one list of every check of EcsConstructs: {rules.Count} rules with stable ids (ECS001-{rules[^1].Id}), ");
        md.Append("for configurations that CloudFormation or ECS would reject at deploy time or when tasks start, or that would deploy but misbehave. ");
        md.Append($"Each rule is checked at one or both of two points (column **Checked**): {construction} when a construct is created, {synthesis} on the synthesized templates.\n\n");
        md.Append("- **Construction**: the library's constructs check their props when they are created and throw `EcsValidationException` at the line that creates the construct, ");
        md.Append("before any resource exists. The message starts with the rule id, like a template finding: ");
        md.Append("`[ECS038] App/Task: MemoryMiB: 4096 MiB is not allowed with 256 CPU units on Fargate; allowed: 512, 1024, 2048 MiB.` ");
        md.Append("(the exception's `RuleId` and `Rule` give the entry). A construction check throws whatever the rule's severity and cannot be acknowledged.\n");
        md.Append("- **Synthesis**: the rule engine reads the CloudFormation templates, what CloudFormation receives: the library's constructs, raw CDK, property overrides, ");
        md.Append("properties newer than aws-cdk-lib 2.160, `CfnInclude`d templates and hand-written CloudFormation alike, every stack of the app together. ");
        md.Append("**Errors** fail `cdk synth` and `ecs-rules check`; **warnings** print with their id and can be acknowledged with a reason. ");
        md.Append("A value the engine cannot know is never a finding.\n");
        md.Append("- **Both**: the constructor refuses the condition in the library's props (calling the same predicate), and the template rule finds it in any template.\n\n");
        md.Append("Failure classes are numbered in [failure-classes.md](failure-classes.md); \"input\" marks a check of the input that matches no class.\n\n");
        md.Append("## How it runs\n\n");
        md.Append("- **At `cdk synth`**: end `Program.cs` with `EcsRules.Synth(app);` in place of `app.Synth();` (the one line of the opt-in). ");
        md.Append("It synthesizes the app, then runs the rules once over every stack of the cloud assembly (nested stacks and the stacks of stages included), in plain .NET (no jsii call). ");
        md.Append("Errors and warnings print to standard error with their id, a clean check prints nothing; errors make the app, and so `cdk synth`, exit with code 1.\n");
        md.Append("- **Anywhere else**: `ecs-rules check <cdk.out | templates…>` (the .NET tool `EcsConstructs.Rules.Cli`) runs the same engine on the cloud assembly of any CDK language, ");
        md.Append("on SAM output and on hand-written templates, JSON or YAML; `--format json` and `--format sarif` for scripts and code hosts. Exit 0: no error; 1: errors; 2: unreadable input.\n");
        md.Append("- **In tests**: `RuleEngine.Check(TemplateSet.FromCloudAssembly(dir))` or `TemplateSet.FromText(json)`.\n");
        md.Append("- **Acknowledging a warning**: `EcsRules.Acknowledge(construct, \"ECS046\", \"why\")` in code writes `\"Metadata\": {\"ecs-rules\": {\"acknowledge\": [{\"id\": \"ECS046\", \"reason\": \"why\"}]}}` ");
        md.Append("on every resource under the construct (on a stack: into the template's `Metadata`, covering its nested stacks), so every run point sees it. ");
        md.Append("Hand-written templates use the same metadata; `ecs-rules check --acknowledge file.yaml` takes a file of `{id, reason, resource?, template?}` entries. Errors cannot be acknowledged.\n\n");
        md.Append("## What the engine reads\n\n");
        md.Append("Every template of the set is parsed once (System.Text.Json; YAML through YamlDotNet, with the short forms `!Ref`, `!GetAtt`, `!Sub`, `!Select`, `!GetAZs`, `!ImportValue`, …), ");
        md.Append("and every resource's properties are resolved once by a small resolver:\n\n");
        md.Append("- `Ref` and `Fn::GetAtt` to a resource become a reference to that resource, also from another template of the set;\n");
        md.Append("- `Ref` to a parameter: the value a parent stack passes to its nested stack, else the parameter's default (an SSM parameter type stays unknown);\n");
        md.Append("- `Fn::ImportValue` resolves through the `Outputs` of the exporting stack when that stack is in the set; `Fn::GetAtt` of a nested stack's `Outputs.X` through the nested template;\n");
        md.Append("- `Fn::Select` over a list, and over `Fn::GetAZs`: different indexes are different zones, the same index the same zone (a literal zone name and an index cannot be compared);\n");
        md.Append("- `Fn::Join`, `Fn::Sub` and `Fn::FindInMap` when every part is known; `Fn::If` and resource `Condition`s when the condition is known; ");
        md.Append("`AWS::Region`, `AWS::AccountId`, `AWS::Partition`, `AWS::URLSuffix` and `AWS::StackName` when the cloud assembly names the stack's environment; `AWS::NoValue` removes the property.\n\n");
        md.Append("Anything else is **unknown**: an intrinsic function the resolver cannot evaluate, a parameter without default, an import from a stack outside the set, a resource outside the set. ");
        md.Append("An unknown value never produces a finding: the rule that needs it stays silent. A resource whose `Condition` is unknown counts as evidence (a listener that may forward to a target group) but gets no finding itself. ");
        md.Append("Notes (\"cannot check\", e.g. an instance type the table does not list) are not printed by default (`ecs-rules check --verbose`).\n\n");
        md.Append("Data: Fargate sizes and the instance type table (vCPU, memory, network interfaces, architecture) are compiled into the engine (families t3, t3a, t4g, m5, m6i, m6g, m7i, m7g, c5, c6i, c6g, c7g, r5, r6i, r6g).\n\n");
        md.Append("## What cannot be checked\n\n");
        md.Append("- Resources outside the templates checked (an imported VPC, cluster, listener, role, secret or key): rules that need them stay silent; a log group the templates do not create gives a note.\n");
        md.Append("- Instance types outside the table (note), ENI trunking, the AMI's agent configuration beyond `ECS_CLUSTER`, account quotas and Fargate zone support (class 10), the service-linked role (25), image architecture (31), ");
        md.Append("secret ARN region/account checks (23) and a grace period without a load balancer (19).\n");
        md.Append("- Replacements (40): a check sees one version of the templates. `ecs-rules diff <baseline> <current>` and the snapshot mismatch messages of EcsConstructs.Testing compare two: a custom-named resource replaced under the same name, stateful resources replaced or removed, and a `CODE_DEPLOY` service updated in place with a new task definition, load balancers, network configuration or platform version (which ECS refuses; a CodeDeploy deployment ships them).\n");
        md.Append("- IAM: only policies in the templates are read; an AWS managed policy other than `AmazonECSTaskExecutionRolePolicy` (or an imported one) makes a grant \"unknown\", never \"missing\". ");
        md.Append("Policy conditions, permission boundaries and SCPs are not evaluated.\n\n");
        md.Append("## Rules\n\n");
        md.Append("| Id | Severity | Checked | Classes | What it catches |\n| --- | --- | --- | --- | --- |\n");
        foreach (var rule in rules)
        {
            md.Append($"| [{rule.Id}](#{rule.Id.ToLowerInvariant()}) | {rule.Severity} | {Checked(rule)} | {Classes(rule)} | {Escape(rule.Title)} |\n");
        }

        foreach (var rule in rules)
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
