using System.Diagnostics;
using System.Globalization;
using Amazon.CDK;
using EcsConstructs.Rules;
using EcsConstructs.Rules.Templates;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Benchmarks;

/// <summary>
/// What the rules add to a synthesis. <c>EcsRules.Synth(app)</c> starts the engine's warm-up on a
/// thread-pool thread, runs <c>app.Synth()</c> (Node.js), waits for the warm-up, then checks the cloud
/// assembly: the time after <c>app.Synth()</c> returns is what a user waits for in addition. Measured
/// directly in the process (low noise), not as the difference of two noisy whole-process times:
/// <list type="bullet">
/// <item><description>cold, in a new process (the app's first and only synthesis, as at <c>cdk synth</c>),
/// with the warm-up as <c>EcsRules.Synth</c> does it, and without (the engine's own cold start);</description></item>
/// <item><description>warm: the check alone against a warm synthesis, for the walkthrough and 20 services.</description></item>
/// </list>
/// </summary>
internal static class RulesCost
{
    public static int Run(int warmup, int iterations)
    {
        Console.WriteLine("Cold (a new process per run: the walkthrough's one synthesis, then the rules; medians over the processes):");
        Console.WriteLine();
        Console.WriteLine("| Rules | app.Synth() (ms) | After app.Synth() (ms) | Total (ms) | Added to the synthesis without rules (ms) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        double? baseline = null;
        foreach (var mode in new[] { "none", "warm-up", "no-warm-up" })
        {
            var runs = Enumerable.Range(0, Math.Max(5, iterations)).Select(_ => ColdChild(mode)).ToList();
            var total = Median(runs.Select(r => r.Synth + r.Added).ToList());
            baseline ??= total;
            var label = mode switch
            {
                "none" => "none (app.Synth() alone)",
                "warm-up" => "EcsRules.Synth (engine warm-up during app.Synth)",
                _ => "the engine started after app.Synth (no warm-up)",
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {Median(runs.Select(r => r.Synth).ToList()):F0} | {Median(runs.Select(r => r.Added).ToList()):F0} | {total:F0} | {(mode == "none" ? "-" : $"{total - baseline:F0}")} |"));
        }

        Console.WriteLine();
        Console.WriteLine("Warm (same process, after warm-up runs):");
        Console.WriteLine();
        Console.WriteLine("| App | Resources | Synthesis median (ms) | Rules median (ms) | Rules / synthesis |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (name, build) in new (string, Func<App, Stack>)[]
        {
            ("example-NginxWalkthrough", NginxWalkthrough.NginxWalkthroughApp.Build),
            ("ours-20", app => OursStack.Build(app, 20)),
        })
        {
            var synths = new List<double>();
            for (var i = 0; i < warmup + iterations; i++)
            {
                var (_, buildMs, synthMs) = Apps.Synthesize(build);
                if (i >= warmup)
                {
                    synths.Add(buildMs + synthMs);
                }
            }

            var outdir = Directory.CreateTempSubdirectory("ecsconstructs-rules-").FullName;
            try
            {
                var app = TestApps.NewApp(outdir);
                build(app);
                var directory = app.Synth().Directory;
                var rules = Enumerable.Range(0, warmup + iterations).Select(_ => Time(() => Check(directory))).Skip(warmup).ToList();
                var resources = Directory.GetFiles(directory, "*.template.json").Sum(f => System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(f))!["Resources"]!.AsObject().Count);
                var synth = Median(synths);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {resources} | {synth:F0} | {Median(rules):F1} | {Median(rules) / synth:P1} |"));
            }
            finally
            {
                Directory.Delete(outdir, recursive: true);
            }
        }

        return 0;
    }

    /// <summary>
    /// In this (new) process: the walkthrough's one synthesis and the rules after it, as
    /// <c>EcsRules.Synth</c> runs them (<paramref name="mode"/> <c>warm-up</c>), without the warm-up
    /// (<c>no-warm-up</c>) or not at all (<c>none</c>).
    /// Prints "synthesis-ms added-ms".
    /// </summary>
    public static int Cold(string mode)
    {
        var outdir = Directory.CreateTempSubdirectory("ecsconstructs-rules-").FullName;
        try
        {
            var app = TestApps.NewApp(outdir);
            NginxWalkthrough.NginxWalkthroughApp.Build(app);
            var warmUp = mode == "warm-up" ? RuleEngine.WarmUp() : Task.CompletedTask;
            var clock = Stopwatch.StartNew();
            var assembly = app.Synth();
            var synth = clock.Elapsed.TotalMilliseconds;
            warmUp.Wait();
            if (mode != "none")
            {
                _ = EcsRules.Check(assembly);
            }

            var added = clock.Elapsed.TotalMilliseconds - synth;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{synth:F1} {added:F1}"));
            return 0;
        }
        finally
        {
            Directory.Delete(outdir, recursive: true);
        }
    }

    private static (double Synth, double Added) ColdChild(string mode)
    {
        var start = new ProcessStartInfo(System.Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(System.Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(RulesCost).Assembly.Location);
        }

        start.ArgumentList.Add("--rules-cold");
        start.ArgumentList.Add(mode);
        using var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadToEnd().Trim().Split('\n')[^1].Split(' ');
        process.WaitForExit();
        return (double.Parse(line[0], CultureInfo.InvariantCulture), double.Parse(line[1], CultureInfo.InvariantCulture));
    }

    /// <summary>What <c>EcsRules.Synth</c> does after <c>app.Synth()</c>: read the assembly, run every rule.</summary>
    private static void Check(string directory) => _ = RuleEngine.Check(TemplateSet.FromCloudAssembly(directory)).HasErrors;

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
