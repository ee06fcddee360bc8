using System.Text.Json.Nodes;

namespace EcsConstructs.Benchmarks;

/// <summary>Checks that the raw L2 stack synthesizes the same template as EcsConstructs.</summary>
internal static class Verify
{
    public static int Run()
    {
        var failures = 0;
        foreach (var n in new[] { 1, 5 })
        {
            var ours = Resources(Apps.Synthesize(app => OursStack.Build(app, n)).Template);
            var raw = Resources(Apps.Synthesize(app => RawL2Stack.Build(app, n)).Template);
            var onlyOurs = ours.Select(r => r.Key).Except(raw.Select(r => r.Key)).ToList();
            var onlyRaw = raw.Select(r => r.Key).Except(ours.Select(r => r.Key)).ToList();
            var different = ours.Where(r => raw.ContainsKey(r.Key) && !JsonNode.DeepEquals(r.Value, raw[r.Key])).Select(r => r.Key).ToList();
            Console.WriteLine($"{n} service(s): {ours.Count} resources (ours), {raw.Count} (raw L2); " +
                $"only in ours: [{string.Join(", ", onlyOurs)}]; only in raw: [{string.Join(", ", onlyRaw)}]; different: [{string.Join(", ", different)}]");
            foreach (var id in different)
            {
                Console.WriteLine($"  {id}\n    ours: {ours[id]!.ToJsonString()}\n    raw:  {raw[id]!.ToJsonString()}");
            }

            failures += onlyOurs.Count + onlyRaw.Count + different.Count;
        }

        Console.WriteLine(failures == 0 ? "same templates (CDK metadata aside)" : "templates differ");
        return failures == 0 ? 0 : 1;
    }

    private static JsonObject Resources(string template)
    {
        var resources = JsonNode.Parse(template)!["Resources"]!.AsObject();
        resources.Remove("CDKMetadata"); // construct analytics: differ by construct type, not by infrastructure
        return resources;
    }
}
