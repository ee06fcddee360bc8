using System.Diagnostics;
using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.CXAPI;
using Environment = System.Environment;
using EcsConstructs.Tests.Quality.Generation;
using EcsConstructs.Tests.Support;
using EcsConstructs.Tests.TemplateChecks;
using EcsConstructs.Validation;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace EcsConstructs.Tests.Quality;

/// <summary>
/// Bad-input property test: generated props (valid and invalid) for every stable construct either
/// throw the library's <see cref="EcsValidationException"/> (with a rule id of the catalog) naming a property the case perturbed,
/// or synthesize a template that passes the template checks (schema: 0 errors; cdk-nag: 0
/// unsuppressed errors). Never another exception (a jsii error is a bug), never a bad template.
/// </summary>
/// <remarks>
/// Cases 0 to N-1 apply each of the N perturbations of <see cref="CaseGenerators"/> once (on a
/// random valid spec); the rest are random mixes (valid, one or two perturbations).
/// Reproducible: case <c>i</c> is generated from <c>new Rnd(CaseSeed(seed, i))</c>. Environment variables:
/// <c>QUALITY_SEED</c> (default <see cref="DefaultSeed"/>), <c>QUALITY_CASES</c> (default
/// <see cref="DefaultCount"/>), <c>QUALITY_CASE</c> (run only that case index, with its checks).
/// </remarks>
public sealed class GeneratedInputTests(ITestOutputHelper output)
{
    /// <summary>The fixed seed of the suite's run.</summary>
    public const ulong DefaultSeed = 20_261_122;

    /// <summary>How many cases the suite generates.</summary>
    public const int DefaultCount = 200;

    private const int Size = 20;

    private enum Outcome
    {
        Rejected,
        Synthesized,
        Failed,
    }

    [Fact]
    public void Generated_props_are_rejected_with_EcsValidationException_or_synthesize_templates_that_pass_the_checks()
    {
        var seed = EnvNumber("QUALITY_SEED") is { } s ? (ulong)s : DefaultSeed;
        var count = (int)(EnvNumber("QUALITY_CASES") ?? DefaultCount);
        var only = EnvNumber("QUALITY_CASE");
        var indices = only is { } one ? [(int)one] : Enumerable.Range(0, count).ToArray();

        var directory = Directory.CreateTempSubdirectory("quality-cases-");
        var problems = new List<string>();
        var outcomes = new List<(GeneratedCase Case, Outcome Outcome)>();
        var synthesized = new List<(int Index, GeneratedCase Case, string File)>();
        var buildTime = Stopwatch.StartNew();
        TimeSpan builtTime = default, rejectedTime = default;

        // All cases are built into one app, a stack each (a new app per case would cost more than
        // the cases themselves: the app takes the repository's feature flags over jsii). A rejected
        // case's stack is removed; the app is synthesized once, and all the templates are checked
        // by one check.mjs run.
        var app = TestApps.NewApp();
        var built = new List<(int Index, GeneratedCase Case, Stack Stack)>();
        foreach (var index in indices)
        {
            var generated = Generate(seed, index);
            if (only is not null)
            {
                output.WriteLine($"case {index}: {generated.Describe()}");
            }

            var stack = NewCaseStack(app, index);
            var caseTime = Stopwatch.StartNew();
            var (outcome, problem) = Construct(generated, stack);
            (outcome is null ? ref builtTime : ref rejectedTime) += caseTime.Elapsed;
            if (outcome is { } done)
            {
                app.Node.TryRemoveChild(stack.Node.Id);
                outcomes.Add((generated, done));
                if (problem is not null)
                {
                    problems.Add(Report(seed, index, generated, problem));
                }
            }
            else
            {
                built.Add((index, generated, stack));
            }
        }

        var synthTime = Stopwatch.StartNew();
        var synthesizedAll = SynthesizeAll(app, built, directory.FullName);
        synthTime.Stop();
        foreach (var (index, generated, file, problem) in synthesizedAll)
        {
            outcomes.Add((generated, problem is null ? Outcome.Synthesized : Outcome.Failed));
            if (problem is not null)
            {
                problems.Add(Report(seed, index, generated, problem));
            }
            else
            {
                synthesized.Add((index, generated, file!));
            }
        }

        buildTime.Stop();
        var checkTime = Stopwatch.StartNew();
        if (synthesized.Count > 0)
        {
            var report = TemplateCheckRunner.Run(synthesized.Select(x => x.File));
            foreach (var (index, generated, file) in synthesized)
            {
                var result = report.For(Path.GetFileName(file));
                if (result.Errors.Count > 0)
                {
                    problems.Add(Report(seed, index, generated,
                        "synthesized a template that fails the template check:" + Environment.NewLine +
                        string.Join(Environment.NewLine, result.Errors.Select(e => "    ERROR " + e))));
                    outcomes[outcomes.FindIndex(o => ReferenceEquals(o.Case, generated))] = (generated, Outcome.Failed);
                }
                else if (generated.KnownInvalid)
                {
                    problems.Add(Report(seed, index, generated, "known-invalid props were accepted: the template passes the checks but would not deploy as meant"));
                    outcomes[outcomes.FindIndex(o => ReferenceEquals(o.Case, generated))] = (generated, Outcome.Failed);
                }
            }
        }

        checkTime.Stop();
        var rejected = outcomes.Count(o => o.Outcome == Outcome.Rejected);
        var passed = outcomes.Count(o => o.Outcome == Outcome.Synthesized);
        output.WriteLine($"{outcomes.Count} cases (seed {seed}): {rejected} rejected with EcsValidationException, " +
                         $"{passed} synthesized and passed the checks, {outcomes.Count - rejected - passed} failed");
        foreach (var group in outcomes.GroupBy(o => o.Case.Generator))
        {
            output.WriteLine($"  {group.Key}: {group.Count()} cases, {group.Count(o => o.Outcome == Outcome.Rejected)} rejected, " +
                             $"{group.Count(o => o.Outcome == Outcome.Synthesized)} passed");
        }

        var used = outcomes.SelectMany(o => o.Case.Perturbations.Select(p => (o.Case.Generator, p))).ToHashSet();
        var known = CaseGenerators.All.SelectMany(g => g.PerturbationNames.Select(p => (g.Name, p))).ToList();
        var unused = known.Where(k => !used.Contains(k)).Select(k => $"{k.Name}: {k.p}").ToList();
        output.WriteLine($"perturbations exercised: {known.Count - unused.Count} of {known.Count}" +
                         (unused.Count == 0 ? string.Empty : $"; not in this run: {string.Join("; ", unused)}"));
        output.WriteLine($"generate + construct + synth: {buildTime.Elapsed.TotalSeconds:F1} s (constructing rejected cases {rejectedTime.TotalSeconds:F1} s, " +
                         $"built cases {builtTime.TotalSeconds:F1} s, one synthesis of {built.Count} stacks {synthTime.Elapsed.TotalSeconds:F1} s); " +
                         $"template check of {synthesized.Count} templates: {checkTime.Elapsed.TotalSeconds:F1} s");

        if (problems.Count == 0)
        {
            directory.Delete(recursive: true);
        }

        Assert.True(problems.Count == 0,
            $"{problems.Count} generated case(s) failed (templates kept in {directory.FullName}):{Environment.NewLine}" +
            string.Join(Environment.NewLine + Environment.NewLine, problems.Take(25)));
        if (only is null)
        {
            Assert.True(rejected >= 40, $"only {rejected} cases were rejected; the generators should produce more invalid props");
            Assert.True(passed >= 40, $"only {passed} cases synthesized; the generators should produce more valid props");
            foreach (var generator in CaseGenerators.All)
            {
                Assert.Contains(outcomes, o => o.Case.Generator == generator.Name && o.Outcome == Outcome.Rejected);
                Assert.Contains(outcomes, o => o.Case.Generator == generator.Name && o.Outcome == Outcome.Synthesized);
            }
        }
    }

    [Fact]
    public void Case_generation_is_reproducible_from_the_seed()
    {
        var first = Enumerable.Range(0, 20).Select(i => Generate(DefaultSeed, i).Describe()).ToList();
        var second = Enumerable.Range(0, 20).Select(i => Generate(DefaultSeed, i).Describe()).ToList();

        Assert.Equal(first, second);
        Assert.True(first.Distinct().Count() > 15, "20 consecutive cases should be mostly distinct");
    }

    /// <summary>Case <paramref name="index"/> of the run with <paramref name="seed"/>.</summary>
    internal static GeneratedCase Generate(ulong seed, int index) =>
        Gen.Sample(CaseGenerators.ForCase(index), 1, new Rnd(CaseSeed(seed, index)), Size)[0];

    /// <summary>
    /// The random seed of one case: SplitMix64's finalizer over <c>seed * golden gamma + index</c>,
    /// so that runs with nearby seeds (1, 2, 3) do not share shifted copies of the same cases.
    /// </summary>
    internal static ulong CaseSeed(ulong seed, int index)
    {
        var z = unchecked((seed * 0x9E3779B97F4A7C15UL) + (ulong)index + 1);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    private static Stack NewCaseStack(App app, int index) =>
        new(app, "Q" + index.ToString("D3", CultureInfo.InvariantCulture), new StackProps { Env = new Amazon.CDK.Environment { Region = Pieces.Region } });

    /// <summary>Builds the case: null when it was built, else its outcome (and the problem, if any).</summary>
    private static (Outcome? Outcome, string? Problem) Construct(GeneratedCase generated, Stack stack)
    {
        var stackName = stack.Node.Id;
        try
        {
            generated.Build(stack);
            return (null, null);
        }
        catch (EcsValidationException e)
        {
            var property = GeneratedCase.Normalize(e.PropertyName);
            if (!generated.Perturbed.Contains(property))
            {
                return (Outcome.Failed, $"rejected for '{e.PropertyName}', which the case did not perturb: {e.Message}");
            }

            var owner = $"{stackName}/{generated.Owner}";
            // The exception's constructor refuses ids outside the catalog, so every rejection names a rule.
            if (!e.ConstructPath.StartsWith(owner, StringComparison.Ordinal) || !e.Message.StartsWith($"[{e.RuleId}] {e.ConstructPath}: ", StringComparison.Ordinal))
            {
                return (Outcome.Failed, $"the message does not start with the rule id and the construct path under {owner}: {e.Message}");
            }

            return (Outcome.Rejected, null);
        }
#pragma warning disable CA1031 // Any other exception is the finding: report it with the case.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (Outcome.Failed, Unhandled(e));
        }
    }

    /// <summary>
    /// Synthesizes the built cases' app once and copies each template to <paramref name="directory"/>.
    /// If that synthesis throws, each case is built again alone, in its own app, to find the culprit.
    /// </summary>
    private static List<(int Index, GeneratedCase Case, string? File, string? Problem)> SynthesizeAll(
        App app, List<(int Index, GeneratedCase Case, Stack Stack)> built, string directory)
    {
        CloudAssembly assembly;
        try
        {
            assembly = app.Synth();
        }
#pragma warning disable CA1031 // Attributed below, case by case.
        catch (Exception)
#pragma warning restore CA1031
        {
            return built.Select(b =>
            {
                var (file, problem) = SynthesizeAlone(b.Index, b.Case, directory);
                return (b.Index, b.Case, file, problem);
            }).ToList();
        }

        return built.Select(b =>
        {
            var (file, problem) = CopyTemplate(assembly, b.Stack, directory);
            return (b.Index, b.Case, file, problem);
        }).ToList();
    }

    private static (string? File, string? Problem) SynthesizeAlone(int index, GeneratedCase generated, string directory)
    {
        try
        {
            var app = TestApps.NewApp();
            var stack = NewCaseStack(app, index);
            generated.Build(stack);
            return CopyTemplate(app.Synth(), stack, directory);
        }
#pragma warning disable CA1031 // Any exception at synthesis is the finding.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (null, "at synthesis: " + Unhandled(e));
        }
    }

    private static (string? File, string? Problem) CopyTemplate(CloudAssembly assembly, Stack stack, string directory)
    {
        var artifact = assembly.GetStackArtifact(stack.ArtifactId);
        var errors = artifact.Messages.Where(m => m.Level == SynthesisMessageLevel.ERROR).Select(m => $"{m.Id}: {m.Entry.Data}").ToList();
        if (errors.Count > 0)
        {
            return (null, "synthesized with error annotations (cdk synth would fail):" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        var file = Path.Combine(directory, stack.Node.Id + ".template.json");
        File.Copy(Path.Combine(assembly.Directory, artifact.TemplateFile), file);
        return (file, null);
    }

    private static string Unhandled(Exception e) => $"unhandled {e.GetType().FullName}: {e.Message.Split('\n')[0]}";

    private static string Report(ulong seed, int index, GeneratedCase generated, string problem) =>
        $"case {index} (seed {seed}; reproduce: QUALITY_SEED={seed} QUALITY_CASE={index}): {problem}{Environment.NewLine}    {generated.Describe()}";

    private static long? EnvNumber(string name) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
