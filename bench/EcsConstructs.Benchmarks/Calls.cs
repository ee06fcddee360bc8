using System.Diagnostics;
using System.Text.Json.Nodes;

namespace EcsConstructs.Benchmarks;

/// <summary>
/// Counts the jsii requests (C# to Node.js round trips) of one synthesis, by kind and member, from
/// the kernel's own log (JSII_DEBUG=1): a run with one measured iteration minus a run without it.
/// Prints the per-service cost of EcsConstructs and of raw L2, and where they differ.
/// </summary>
internal static class Calls
{
    public static int Run()
    {
        var perRun = new Dictionary<string, Dictionary<string, int>>();
        foreach (var name in new[] { "ours-1", "raw-1", "ours-5", "raw-5" })
        {
            var one = Requests(name, 1);
            var two = Requests(name, 2);
            perRun[name] = two.Keys.Union(one.Keys)
                .ToDictionary(k => k, k => two.GetValueOrDefault(k) - one.GetValueOrDefault(k));
            Console.WriteLine($"{name}: {perRun[name].Values.Sum()} jsii requests per synthesis");
        }

        var ours = PerService(perRun["ours-1"], perRun["ours-5"]);
        var raw = PerService(perRun["raw-1"], perRun["raw-5"]);
        Console.WriteLine($"per additional service: ours {ours.Values.Sum():F1} requests, raw L2 {raw.Values.Sum():F1}");
        Console.WriteLine("requests per service, ours - raw (the largest differences):");
        foreach (var (key, diff) in ours.Keys.Union(raw.Keys)
                     .Select(k => (k, ours.GetValueOrDefault(k) - raw.GetValueOrDefault(k)))
                     .Where(x => Math.Abs(x.Item2) >= 0.5)
                     .OrderByDescending(x => Math.Abs(x.Item2)).Take(15))
        {
            Console.WriteLine($"  {diff,6:+0.#;-0.#}  {key}");
        }

        // The rules: jsii requests that EcsRules.Synth adds to the walkthrough's synthesis (the engine reads the templates in .NET).
        var plain = Requests("example-NginxWalkthrough", 2).Values.Sum() - Requests("example-NginxWalkthrough", 1).Values.Sum();
        var ruled = Requests("example-NginxWalkthrough+rules", 2).Values.Sum() - Requests("example-NginxWalkthrough+rules", 1).Values.Sum();
        Console.WriteLine($"example-NginxWalkthrough: {plain} jsii requests per synthesis, {ruled} with EcsRules.Synth (the rules: {ruled - plain})");

        // The cost of one round trip, measured with the cheapest static call there is.
        for (var i = 0; i < 300; i++)
        {
            _ = Amazon.CDK.Token.IsUnresolved(1.0);
        }

        var clock = Stopwatch.StartNew();
        const int n = 3000;
        for (var i = 0; i < n; i++)
        {
            _ = Amazon.CDK.Token.IsUnresolved(1.0);
        }

        Console.WriteLine($"one round trip (Token.IsUnresolved, mean of {n}): {clock.Elapsed.TotalMilliseconds / n:F3} ms; " +
            $"the extra {ours.Values.Sum() - raw.Values.Sum():F0} requests per service cost about {(ours.Values.Sum() - raw.Values.Sum()) * clock.Elapsed.TotalMilliseconds / n:F1} ms");
        return 0;
    }

    private static Dictionary<string, double> PerService(Dictionary<string, int> one, Dictionary<string, int> five) =>
        five.Keys.Union(one.Keys).ToDictionary(k => k, k => (five.GetValueOrDefault(k) - one.GetValueOrDefault(k)) / 4.0);

    private static Dictionary<string, int> Requests(string name, int iterations)
    {
        var start = new ProcessStartInfo(System.Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(System.Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Calls).Assembly.Location);
        }

        foreach (var arg in new[] { "--case", name, "--warmup", "1", "--iterations", iterations.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["JSII_DEBUG"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var counts = new Dictionary<string, int>();
        while (process.StandardError.ReadLine() is { } line)
        {
            if (!line.StartsWith("> {", StringComparison.Ordinal))
            {
                continue;
            }

            var key = Key(line[2..]);
            if (key is not null)
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        process.WaitForExit();
        _ = stdout.GetAwaiter().GetResult();
        return counts;
    }

    private static string? Key(string json)
    {
        JsonNode? r;
        try
        {
            r = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        string Last(string? s) => s is null ? "?" : s.Split('@')[0].Split('.')[^1];
        var api = r?["api"]?.GetValue<string>();
        return api switch
        {
            "create" => $"create {Last(r!["fqn"]?.GetValue<string>())}",
            "sinvoke" => $"sinvoke {Last(r!["fqn"]?.GetValue<string>())}.{r["method"]}",
            "sget" => $"sget {Last(r!["fqn"]?.GetValue<string>())}.{r["property"]}",
            "invoke" => $"invoke {Last(r!["objref"]?["$jsii.byref"]?.GetValue<string>())}.{r["method"]}",
            "get" => $"get {Last(r!["objref"]?["$jsii.byref"]?.GetValue<string>())}.{r["property"]}",
            "set" => $"set {Last(r!["objref"]?["$jsii.byref"]?.GetValue<string>())}.{r["property"]}",
            null => r?["complete"] is not null ? "callback result" : null,
            _ => api,
        };
    }
}
