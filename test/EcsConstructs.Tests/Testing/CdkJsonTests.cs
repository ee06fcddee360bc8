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
    public void A_missing_cdk_json_given_by_path_is_an_error()
    {
        Assert.Throws<FileNotFoundException>(() => CdkJson.NewApp(Path.Combine(TestApps.RepositoryRoot, "no-such", "cdk.json")));
    }
}
