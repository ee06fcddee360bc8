using Amazon.CDK;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Testing;

public sealed class CdkJsonTests
{
    private const string Flag = "@aws-cdk/aws-ec2:restrictDefaultSecurityGroup";

    [Fact]
    public void A_new_app_has_the_feature_flags_of_the_cdk_json_above_the_test()
    {
        var app = CdkJson.NewApp();

        Assert.Equal(true, app.Node.TryGetContext(Flag));
    }

    [Fact]
    public void A_new_app_without_cdk_json_has_no_feature_flags()
    {
        Assert.Null(new App().Node.TryGetContext(Flag));
    }

    [Fact]
    public void Context_given_in_props_wins_over_the_file()
    {
        var app = CdkJson.NewApp(props: new AppProps { Context = new Dictionary<string, object> { [Flag] = false, ["region"] = "us-east-1" } });

        Assert.Equal(false, app.Node.TryGetContext(Flag));
        Assert.Equal("us-east-1", app.Node.TryGetContext("region"));
    }

    [Fact]
    public void The_context_is_read_with_its_json_types()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "cdk.json");
        File.WriteAllText(file, """{"app": "x", "context": {"on": true, "count": 2, "name": "a", "list": ["b", "c"], "nested": {"k": false}}}""");

        var context = CdkJson.ReadContext(file);

        Assert.Equal(true, context["on"]);
        Assert.Equal(2.0, context["count"]);
        Assert.Equal("a", context["name"]);
        Assert.Equal(new object[] { "b", "c" }, (object[])context["list"]);
        Assert.Equal(false, ((Dictionary<string, object>)context["nested"])["k"]);
    }

    [Fact]
    public void A_new_app_gets_the_context_entries_cdk_synth_adds_itself()
    {
        var app = CdkJson.NewApp();

        Assert.Equal(true, app.Node.TryGetContext("aws:cdk:enable-path-metadata"));
        Assert.Equal(true, app.Node.TryGetContext("aws:cdk:enable-asset-metadata"));
        Assert.Equal(true, app.Node.TryGetContext("aws:cdk:version-reporting"));
        Assert.Equal(new object[] { "**" }, (object[])app.Node.TryGetContext("aws:cdk:bundling-stacks"));
    }

    [Fact]
    public void Looked_up_values_of_the_cdk_context_json_next_to_cdk_json_are_read()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("cdk.json"), """{"app": "x"}""");
        File.WriteAllText(folder.File("cdk.context.json"), """{"availability-zones:account=123456789012:region=eu-west-1": ["eu-west-1a", "eu-west-1b"]}""");

        var context = CdkJson.SynthContext(folder.File("cdk.json"), userDefaultsPath: folder.File("none.json"));

        Assert.Equal(new object[] { "eu-west-1a", "eu-west-1b" }, (object[])context["availability-zones:account=123456789012:region=eu-west-1"]);
    }

    [Fact]
    public void Cdk_json_wins_over_cdk_context_json_which_wins_over_the_user_defaults()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("user.json"), """{"context": {"a": "user", "b": "user", "c": "user"}}""");
        File.WriteAllText(folder.File("cdk.context.json"), """{"a": "looked-up", "b": "looked-up"}""");
        File.WriteAllText(folder.File("cdk.json"), """{"app": "x", "context": {"a": "project"}}""");

        var context = CdkJson.SynthContext(folder.File("cdk.json"), folder.File("user.json"));

        Assert.Equal(("project", "looked-up", "user"), (context["a"], context["b"], context["c"]));
    }

    [Fact]
    public void Objects_in_context_are_merged_key_by_key_as_the_cli_merges_them()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("user.json"), """{"context": {"settings": {"a": 1, "b": 1}}}""");
        File.WriteAllText(folder.File("cdk.json"), """{"app": "x", "context": {"settings": {"b": 2}}}""");

        var context = CdkJson.SynthContext(folder.File("cdk.json"), folder.File("user.json"));

        var settings = (Dictionary<string, object>)context["settings"];
        Assert.Equal((1.0, 2.0), (settings["a"], settings["b"]));
    }

    [Fact]
    public void Settings_of_cdk_json_turn_off_what_the_cli_would_add()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("user.json"), """{"pathMetadata": true, "staging": false}""");
        File.WriteAllText(folder.File("cdk.json"), """{"app": "x", "pathMetadata": false, "assetMetadata": false, "versionReporting": false}""");

        var context = CdkJson.SynthContext(folder.File("cdk.json"), folder.File("user.json"));

        Assert.DoesNotContain("aws:cdk:enable-path-metadata", context.Keys);
        Assert.DoesNotContain("aws:cdk:enable-asset-metadata", context.Keys);
        Assert.DoesNotContain("aws:cdk:version-reporting", context.Keys);
        Assert.Equal(true, context["aws:cdk:disable-version-reporting"]);
        Assert.Equal(true, context["aws:cdk:disable-asset-staging"]);
    }

    [Fact]
    public void A_missing_cdk_json_given_by_path_is_an_error()
    {
        Assert.Throws<FileNotFoundException>(() => CdkJson.NewApp(Path.Combine(TestApps.RepositoryRoot, "no-such", "cdk.json")));
    }
}
