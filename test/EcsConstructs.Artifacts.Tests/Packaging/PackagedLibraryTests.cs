using System.Text.Json.Nodes;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace EcsConstructs.Tests.Packaging;

/// <summary>
/// The packed packages compose as a new user meets them: <c>dotnet new ecs-app</c> from the template
/// package creates an app that builds against the EcsConstructs packages by version, synthesizes a
/// cluster and a load-balanced service with no rule finding, and passes its own tests; and the
/// packages hold what they should (the main one: the library, its XML docs and README, no test helpers).
/// </summary>
public sealed class PackagedLibraryTests(PackagedLibraryFixture fixture, ITestOutputHelper output) : IClassFixture<PackagedLibraryFixture>
{
    private string MainPackage => $"EcsConstructs.{fixture.Version}.nupkg";

    private string TestingPackage => $"EcsConstructs.Testing.{fixture.Version}.nupkg";

    [Fact]
    public void An_app_created_with_dotnet_new_ecs_app_synthesizes_a_load_balanced_fargate_service()
    {
        output.WriteLine($"pack + dotnet new + restore + build + synth + test of the app: {fixture.Duration.TotalSeconds:F1} s ({fixture.Configuration} packages, version {fixture.Version})");

        var types = JsonNode.Parse(fixture.TemplateJson)!["Resources"]!.AsObject()
            .Select(r => r.Value!["Type"]!.GetValue<string>()).ToList();
        Assert.Single(types, t => t == "AWS::ECS::Service");
        Assert.Single(types, t => t == "AWS::ECS::ClusterCapacityProviderAssociations");
        Assert.Single(types, t => t == "AWS::ElasticLoadBalancingV2::LoadBalancer");
    }

    [Fact]
    public void The_new_app_is_named_as_asked_and_targets_net10()
    {
        var project = File.ReadAllText(Path.Combine(fixture.App, "src", "Orders", "Orders.csproj"));
        Assert.Contains("<TargetFramework>net10.0</TargetFramework>", project, StringComparison.Ordinal);
        Assert.Contains($"<PackageReference Include=\"EcsConstructs\" Version=\"{fixture.Version}\" />", project, StringComparison.Ordinal);
        Assert.Contains("EcsRules.Synth(app);", File.ReadAllText(Path.Combine(fixture.App, "src", "Orders", "Program.cs")), StringComparison.Ordinal);
        Assert.Contains("node tools/cdk-app/run.mjs src/Orders/Orders.csproj", File.ReadAllText(Path.Combine(fixture.App, "cdk.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_new_apps_tests_pass_and_record_its_snapshot()
    {
        Assert.Matches(@"Passed!\s+- Failed:\s+0, Passed:\s+2", fixture.TestOutput);
        // The test builds the app with cdk.json's feature flags, as `cdk synth` does: same resources.
        var snapshot = JsonNode.Parse(File.ReadAllText(fixture.Snapshot))!["Resources"]!.AsObject();
        var synthesized = JsonNode.Parse(fixture.TemplateJson)!["Resources"]!.AsObject();
        Assert.Equal(synthesized.Select(r => r.Key).Order(StringComparer.Ordinal), snapshot.Select(r => r.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_ecs_rules_tool_installs_from_its_package_and_finds_nothing_in_the_new_apps_cloud_assembly()
    {
        // The tool exited 0 (no error finding); its last line is the summary.
        Assert.Matches(@"^ecs-rules: 0 errors, 0 warnings.* in 1 template\.$", fixture.ToolOutput.Trim().Split('\n')[^1]);
    }

    [Fact]
    public void The_tool_package_is_a_dotnet_tool_named_ecs_rules_with_the_engine_inside()
    {
        var entries = fixture.Entries($"EcsConstructs.Rules.Cli.{fixture.Version}.nupkg");
        Assert.Contains(entries, e => e.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.EndsWith("/EcsConstructs.Rules.dll", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Contains("Amazon.CDK", StringComparison.Ordinal) || e.Contains("Amazon.JSII", StringComparison.Ordinal));
    }

    [Fact]
    public void The_app_restored_EcsConstructs_as_a_package_of_this_runs_version()
    {
        var libraries = JsonNode.Parse(fixture.AssetsJson)!["libraries"]!.AsObject();
        var ecs = Assert.Single(libraries, l => l.Key.StartsWith("EcsConstructs/", StringComparison.Ordinal));
        Assert.Equal($"EcsConstructs/{fixture.Version}", ecs.Key);
        Assert.Equal("package", ecs.Value!["type"]!.GetValue<string>());
        Assert.DoesNotContain(libraries, l => l.Key.StartsWith("EcsConstructs.Testing/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, l => l.Key.StartsWith("DiffPlex/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_main_package_holds_the_library_its_docs_and_readme_and_no_test_helpers()
    {
        var entries = fixture.Entries(MainPackage);
        Assert.Contains("lib/net10.0/EcsConstructs.dll", entries);
        Assert.Contains("lib/net10.0/EcsConstructs.xml", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.Contains("Testing", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(entries, e => e.EndsWith(".pdb", StringComparison.Ordinal)); // in the .snupkg

        var metadata = Metadata(fixture.Nuspec(MainPackage));
        Assert.Equal("EcsConstructs", Value(metadata, "id"));
        Assert.Equal(fixture.Version, Value(metadata, "version"));
        Assert.Equal("Apache-2.0", Value(metadata, "license"));
        Assert.Equal("expression", metadata.Elements().Single(e => e.Name.LocalName == "license").Attribute("type")?.Value);
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "authors")));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")));
        Assert.Equal(["Amazon.CDK.Lib", "Constructs", "EcsConstructs.Rules"], Dependencies(metadata).Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Dependencies_are_lower_bounds_so_apps_on_a_newer_CDK_can_use_the_package()
    {
        var metadata = Metadata(fixture.Nuspec(MainPackage));
        Assert.All(Dependencies(metadata), d => Assert.DoesNotContain("[", d.Version, StringComparison.Ordinal));
    }

    [Fact]
    public void The_main_package_depends_on_the_rule_engine_package_of_the_same_version()
    {
        var metadata = Metadata(fixture.Nuspec(MainPackage));
        Assert.Contains(Dependencies(metadata), d => d.Id == "EcsConstructs.Rules" && d.Version == fixture.Version);
    }

    [Fact]
    public void The_template_package_is_a_dotnet_new_template_stamped_with_the_packages_version()
    {
        var entries = fixture.Entries($"EcsConstructs.Templates.{fixture.Version}.nupkg");
        Assert.Contains("content/ecs-app/.template.config/template.json", entries);
        Assert.Contains("content/ecs-app/tools/cdk-app/run.mjs", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) || e.Contains("/bin/", StringComparison.Ordinal) || e.Contains("/obj/", StringComparison.Ordinal));
        var metadata = Metadata(fixture.Nuspec($"EcsConstructs.Templates.{fixture.Version}.nupkg"));
        Assert.Equal("Template", metadata.Elements().Single(e => e.Name.LocalName == "packageTypes").Elements().Single().Attribute("name")?.Value);
    }

    [Fact]
    public void The_symbols_package_holds_the_portable_pdb()
    {
        var entries = fixture.Entries($"EcsConstructs.{fixture.Version}.snupkg");
        Assert.Contains("lib/net10.0/EcsConstructs.pdb", entries);
    }

    [Fact]
    public void The_testing_package_is_separate_and_brings_DiffPlex_and_the_rule_engine()
    {
        var entries = fixture.Entries(TestingPackage);
        Assert.Contains("lib/net10.0/EcsConstructs.Testing.dll", entries);
        Assert.Contains("lib/net10.0/EcsConstructs.Testing.xml", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain("lib/net10.0/EcsConstructs.dll", entries);
        Assert.DoesNotContain("lib/net10.0/EcsConstructs.Rules.dll", entries);
        var dependencies = Dependencies(Metadata(fixture.Nuspec(TestingPackage))).ToList();
        Assert.Contains(dependencies, d => d.Id == "DiffPlex");

        // The snapshot mismatch message reviews the change with the rule engine's template review.
        Assert.Contains(dependencies, d => d.Id == "EcsConstructs.Rules" && d.Version == fixture.Version);
    }

    private static XElement Metadata(XDocument nuspec) =>
        nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");

    private static string? Value(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    private static IEnumerable<(string Id, string Version)> Dependencies(XElement metadata) =>
        metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (e.Attribute("id")!.Value, e.Attribute("version")!.Value));
}
