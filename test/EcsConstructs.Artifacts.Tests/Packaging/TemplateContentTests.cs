using System.Text.Json.Nodes;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Packaging;

/// <summary>The <c>dotnet new ecs-app</c> template stays in step with the repository it comes from.</summary>
public sealed class TemplateContentTests
{
    private static readonly string Content = Path.Combine(RepositoryFolder.Root, "src", "EcsConstructs.Templates", "content", "ecs-app");

    [Fact]
    public void The_new_apps_feature_flags_are_the_ones_the_library_is_tested_with()
    {
        var repository = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFolder.Root, "cdk.json")))!["context"]!;
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(Content, "cdk.json")))!["context"]!;

        Assert.True(JsonNode.DeepEquals(repository, template), "src/EcsConstructs.Templates/content/ecs-app/cdk.json: copy the context of the repository's cdk.json");
    }

    [Fact]
    public void The_new_app_pins_the_cdk_cli_of_the_repository()
    {
        var repository = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFolder.Root, "package.json")))!["devDependencies"]!["aws-cdk"]!.GetValue<string>();
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(Content, "package.json")))!["devDependencies"]!["aws-cdk"]!.GetValue<string>();

        Assert.Equal(repository, template);
    }
}
