using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EcsConstructs.Benchmarks;

/// <summary>Runs every case in a process of its own and prints the figures as a Markdown table.</summary>
internal static class Runner
{
    public static int RunAll(int warmup, int iterations)
    {
        var results = new Dictionary<string, CaseResult>();
        foreach (var name in Cases.All.Keys)
        {
            Console.Error.WriteLine($"running {name} ({warmup} warm-up, {iterations} measured) ...");
            var start = new ProcessStartInfo(Environment.ProcessPath!)
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
            {
                start.ArgumentList.Add(typeof(Runner).Assembly.Location);
            }

            foreach (var arg in new[] { "--case", name, "--warmup", warmup.ToString(CultureInfo.InvariantCulture), "--iterations", iterations.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"{name} failed with exit code {process.ExitCode}");
                return 1;
            }

            var line = output.Split('\n').Last(l => l.TrimStart().StartsWith('{'));
            results[name] = JsonSerializer.Deserialize<CaseResult>(line)!;
        }

        Console.WriteLine(Table(results, warmup, iterations));
        return 0;
    }

    private static string Table(Dictionary<string, CaseResult> r, int warmup, int iterations)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"Synthesis, median of {iterations} runs after {warmup} warm-up (ms); cold = first run of the process (starts Node.js, loads aws-cdk-lib).");
        s.AppendLine();
        s.AppendLine("| Case | Resources | Median | Min | Max | Build (C# + jsii) | Synth (Node) | CPU median | CPU min | Cold | Allocated (.NET) MiB/run | Peak RSS dotnet MiB | Peak RSS node MiB |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var x in r.Values)
        {
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {x.Case} | {x.Resources} | {x.MedianMs:F0} | {x.MinMs:F0} | {x.MaxMs:F0} | {x.MedianBuildMs:F0} | {x.MedianSynthMs:F0} | {x.MedianCpuMs:F0} | {x.MinCpuMs:F0} | {x.ColdMs:F0} | {x.AllocatedMiBPerIteration:F1} | {x.PeakRssDotnetMiB:F0} | {x.PeakRssNodeMiB:F0} |");
        }

        s.AppendLine();
        s.AppendLine("Wall = build + synth; CPU = user + system time of dotnet and node during the run (less sensitive to other load).");
        s.AppendLine();
        s.AppendLine("| Services | ours / raw (wall median) | ours / raw (wall min) | ours / raw (CPU median) | ours build / raw build | ours N / ours 1 (wall) | raw N / raw 1 (wall) | ours N / ours 1 (CPU) | raw N / raw 1 (CPU) |");
        s.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var n in new[] { 1, 5, 20 })
        {
            var ours = r[$"ours-{n}"];
            var raw = r[$"raw-{n}"];
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {n} | {ours.MedianMs / raw.MedianMs:F2} | {ours.MinMs / raw.MinMs:F2} | {ours.MedianCpuMs / raw.MedianCpuMs:F2} | {ours.MedianBuildMs / raw.MedianBuildMs:F2} | {ours.MedianMs / r["ours-1"].MedianMs:F2} | {raw.MedianMs / r["raw-1"].MedianMs:F2} | {ours.MedianCpuMs / r["ours-1"].MedianCpuMs:F2} | {raw.MedianCpuMs / r["raw-1"].MedianCpuMs:F2} |");
        }

        s.AppendLine();
        s.AppendLine("Cost of each added service (wall median; constant or falling = linear scaling, no per-service overhead that grows with the stack):");
        s.AppendLine();
        s.AppendLine("| Services | ours ms per added service | raw ms per added service | ours ms per service (total / N) |");
        s.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var (from, to) in new[] { (1, 5), (5, 20) })
        {
            var ours = (r[$"ours-{to}"].MedianMs - r[$"ours-{from}"].MedianMs) / (to - from);
            var raw = (r[$"raw-{to}"].MedianMs - r[$"raw-{from}"].MedianMs) / (to - from);
            s.AppendLine(CultureInfo.InvariantCulture, $"| {from} → {to} | {ours:F0} | {raw:F0} | {r[$"ours-{to}"].MedianMs / to:F0} |");
        }

        s.AppendLine();
        s.AppendLine("What the rules (`EcsRules.Synth(app)` in place of `app.Synth()`) add:");
        s.AppendLine();
        s.AppendLine("| Case | without rules (wall median) | with rules | rules cost (wall) | rules cost (CPU median) |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (without, with) in new[] { ("example-NginxWalkthrough", "example-NginxWalkthrough+rules"), ("ours-20", "ours-20+rules") })
        {
            if (r.TryGetValue(without, out var a) && r.TryGetValue(with, out var b))
            {
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"| {without} | {a.MedianMs:F0} ms | {b.MedianMs:F0} ms | {b.MedianMs - a.MedianMs:F0} ms | {b.MedianCpuMs - a.MedianCpuMs:F0} ms |");
            }
        }

        return s.ToString();
    }
}
