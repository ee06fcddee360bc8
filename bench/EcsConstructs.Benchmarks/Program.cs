using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using EcsConstructs.Benchmarks;
using EcsConstructs.Tests.Support;

// Synthesis benchmark. One case per process (jsii drives ONE Node.js child per process, and the
// peak memory of a case is only meaningful in a process of its own):
//   --case <name> [--warmup 2] [--iterations 5]   one case, prints one JSON line
//   --all [--warmup 2] [--iterations 5]            every case, each in a child process, and a table
//   --verify                                       ours vs raw L2: are the templates the same?
//   --calls                                        jsii round trips per synthesis and per service, ours vs raw L2
//   --rules [--warmup 2] [--iterations 5]          what the rule engine adds to a synthesis (cold and warm)
// See bench/README.md; bench/run.sh runs --verify, --all and times the test suite.
var arguments = args.ToList();
var warmup = IntOption("--warmup", 2);
var iterations = IntOption("--iterations", 5);

if (arguments.Contains("--verify"))
{
    return Verify.Run();
}

if (arguments.Contains("--calls"))
{
    return Calls.Run();
}

if (arguments.Contains("--rules"))
{
    return RulesCost.Run(warmup, iterations);
}

if (arguments.IndexOf("--rules-cold") is >= 0 and var cold && cold + 1 < arguments.Count)
{
    return RulesCost.Cold(arguments[cold + 1]);
}

if (arguments.Contains("--all"))
{
    return Runner.RunAll(warmup, iterations);
}

var caseIndex = arguments.IndexOf("--case");
if (caseIndex < 0 || caseIndex + 1 >= arguments.Count || !Cases.All.ContainsKey(arguments[caseIndex + 1]))
{
    Console.Error.WriteLine($"usage: --case <{string.Join('|', Cases.All.Keys)}> [--warmup N] [--iterations N] | --all | --verify | --calls | --rules");
    return 2;
}

Console.WriteLine(JsonSerializer.Serialize(Measure.Run(arguments[caseIndex + 1], warmup, iterations)));
return 0;

int IntOption(string name, int fallback)
{
    var i = arguments.IndexOf(name);
    return i >= 0 && i + 1 < arguments.Count ? int.Parse(arguments[i + 1], CultureInfo.InvariantCulture) : fallback;
}

namespace EcsConstructs.Benchmarks
{
    /// <summary>A benchmark case: how to add its stack to an app, and whether the app runs the rules at synthesis.</summary>
    /// <param name="Build">Adds the case's stack to the app.</param>
    /// <param name="Rules">Whether the app is synthesized with <c>EcsRules.Synth(app)</c> (rules included), as the examples' Program.cs do.</param>
    internal sealed record BenchCase(Func<App, Stack> Build, bool Rules = false);

    /// <summary>The benchmark cases by name.</summary>
    internal static class Cases
    {
        public static readonly IReadOnlyDictionary<string, BenchCase> All = new Dictionary<string, BenchCase>
        {
            ["example-NginxWalkthrough"] = new(NginxWalkthrough.NginxWalkthroughApp.Build),
            ["example-MixedCapacity"] = new(MixedCapacity.MixedCapacityApp.Build),
            ["example-StepScalingWalkthrough"] = new(StepScalingWalkthrough.StepScalingWalkthroughApp.Build),
            ["example-NginxWalkthrough+rules"] = new(NginxWalkthrough.NginxWalkthroughApp.Build, Rules: true),
            ["ours-1"] = new(app => OursStack.Build(app, 1)),
            ["raw-1"] = new(app => RawL2Stack.Build(app, 1)),
            ["ours-5"] = new(app => OursStack.Build(app, 5)),
            ["raw-5"] = new(app => RawL2Stack.Build(app, 5)),
            ["ours-20"] = new(app => OursStack.Build(app, 20)),
            ["raw-20"] = new(app => RawL2Stack.Build(app, 20)),
            ["ours-20+rules"] = new(app => OursStack.Build(app, 20), Rules: true),
        };
    }

    /// <summary>Apps as <c>cdk synth</c> makes them here (the tests' <c>TestApps</c>: the feature flags of the root cdk.json).</summary>
    internal static class Apps
    {
        /// <summary>Builds and synthesizes a case into a temporary folder; returns the template text.</summary>
        public static (string Template, double BuildMs, double SynthMs) Synthesize(Func<App, Stack> build, bool rules = false)
        {
            var outdir = Directory.CreateTempSubdirectory("ecsconstructs-bench-").FullName;
            try
            {
                var clock = Stopwatch.StartNew();
                var app = TestApps.NewApp(outdir);
                var stack = build(app);
                var buildMs = clock.Elapsed.TotalMilliseconds;
                var assembly = rules ? EcsConstructs.Rules.EcsRules.Synth(app) : app.Synth();
                var synthMs = clock.Elapsed.TotalMilliseconds - buildMs;
                var template = File.ReadAllText(Path.Combine(assembly.Directory, stack.TemplateFile));
                return (template, buildMs, synthMs);
            }
            finally
            {
                Directory.Delete(outdir, recursive: true);
            }
        }
    }

    /// <summary>One case's figures (times in milliseconds, memory in MiB).</summary>
    internal sealed record CaseResult(
        string Case,
        int Iterations,
        double ColdMs,
        double MedianMs,
        double MinMs,
        double MaxMs,
        double MedianBuildMs,
        double MedianSynthMs,
        double MedianCpuMs,
        double MinCpuMs,
        double AllocatedMiBPerIteration,
        int Resources,
        double PeakRssDotnetMiB,
        double PeakRssNodeMiB);

    internal static class Measure
    {
        public static CaseResult Run(string name, int warmup, int iterations)
        {
            var build = Cases.All[name];
            var cold = Time(build); // the first run pays for starting Node.js and loading aws-cdk-lib
            for (var i = 1; i < warmup; i++)
            {
                Time(build);
            }

            var runs = new List<(double Total, double Build, double Synth, double Cpu, string Template)>();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < iterations; i++)
            {
                runs.Add(Time(build));
            }

            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var resources = JsonNode.Parse(runs[0].Template)!["Resources"]!.AsObject().Count;
            var (dotnet, node) = PeakMemory.Read();
            return new CaseResult(
                name, iterations, Round(cold.Total), Round(Median(runs.Select(r => r.Total))),
                Round(runs.Min(r => r.Total)), Round(runs.Max(r => r.Total)),
                Round(Median(runs.Select(r => r.Build))), Round(Median(runs.Select(r => r.Synth))),
                Round(Median(runs.Select(r => r.Cpu))), Round(runs.Min(r => r.Cpu)),
                Round(allocated / (double)iterations / 1048576), resources, Round(dotnet), Round(node));
        }

        private static (double Total, double Build, double Synth, double Cpu, string Template) Time(BenchCase build)
        {
            var cpu = CpuTime.Milliseconds();
            var (template, buildMs, synthMs) = Apps.Synthesize(build.Build, build.Rules);
            return (buildMs + synthMs, buildMs, synthMs, CpuTime.Milliseconds() - cpu, template);
        }

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        private static double Round(double value) => Math.Round(value, 1);
    }

    /// <summary>
    /// CPU time (user + system) of this process and its Node.js child: less sensitive than wall
    /// time to other load on a shared machine. Linux /proc; the child's ticks are 10 ms.
    /// </summary>
    internal static class CpuTime
    {
        public static double Milliseconds()
        {
            var total = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
            foreach (var stat in PeakMemory.ChildStats())
            {
                // fields after "(comm) ": state ppid ... utime is the 14th field of stat, i.e. index 11 here
                total += (double.Parse(stat[11], CultureInfo.InvariantCulture) + double.Parse(stat[12], CultureInfo.InvariantCulture)) * 10;
            }

            return total;
        }
    }

    /// <summary>Peak resident memory (VmHWM) of this process and of its Node.js child, from /proc (Linux).</summary>
    internal static class PeakMemory
    {
        public static (double DotnetMiB, double NodeMiB) Read()
        {
            if (!OperatingSystem.IsLinux())
            {
                return (Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, double.NaN);
            }

            var node = ChildStats().Sum(stat => HighWaterMark($"/proc/{stat[^1]}/status"));
            return (HighWaterMark("/proc/self/status"), node);
        }

        /// <summary>The /proc stat fields (after the command name) of this process's children, with the pid appended.</summary>
        public static IEnumerable<string[]> ChildStats()
        {
            if (!OperatingSystem.IsLinux())
            {
                yield break;
            }

            var self = System.Environment.ProcessId;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == self)
                {
                    continue;
                }

                string[] fields;
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                }
                catch (IOException)
                {
                    continue; // the process ended meanwhile
                }
                catch (UnauthorizedAccessException)
                {
                    continue;
                }

                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == self)
                {
                    yield return [.. fields, pid.ToString(CultureInfo.InvariantCulture)];
                }
            }
        }

        private static double HighWaterMark(string statusFile)
        {
            var line = File.ReadLines(statusFile).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
    }
}
