using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Examples;

/// <summary>
/// The apps users copy (every example and the <c>dotnet new ecs-app</c> template) start the way
/// docs/synthesis-speed.md recommends: <c>CdkStartup.WarmUp()</c> before the first CDK object.
/// </summary>
public sealed class AppStartupTests
{
    public static TheoryData<string> Programs => [
        .. CdkSynthOfExamples.Names.Select(example => Path.Combine("examples", example, "Program.cs")),
        Path.Combine("src", "EcsConstructs.Templates", "content", "ecs-app", "src", "EcsApp", "Program.cs"),
    ];

    [Theory]
    [MemberData(nameof(Programs))]
    public void The_app_starts_the_warm_up_before_it_creates_the_app(string program)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFolder.Root, program));
        var warmUp = text.IndexOf("CdkStartup.WarmUp();", StringComparison.Ordinal);
        var app = text.IndexOf("new App()", StringComparison.Ordinal);

        Assert.True(warmUp >= 0, $"{program} does not call CdkStartup.WarmUp()");
        Assert.True(app > warmUp, $"{program} creates the App before it calls CdkStartup.WarmUp()");
    }
}
