namespace EcsConstructs.Tests.TemplateChecks;

/// <summary>
/// One <c>check.mjs</c> run (one Node.js process, which takes about 1.5 s to load cdk-nag and the
/// CloudFormation schemas) over every template the template-check tests read: the committed
/// snapshots, the checker's fixtures and the deliberately broken walkthrough template.
/// </summary>
public sealed class CheckedTemplates : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("template-checks-");

    public CheckedTemplates()
    {
        Snapshots = SnapshotTemplateCheckTests.FindSnapshotTemplates();
        Broken = BrokenExampleTemplateTests.WriteBrokenWalkthrough(_scratch);
        Report = TemplateCheckRunner.Run([.. Snapshots, TemplateCheckRunner.FixturesDirectory, Broken.File]);
    }

    /// <summary>The committed snapshot templates, sorted.</summary>
    internal IReadOnlyList<string> Snapshots { get; }

    /// <summary>The broken copy of the walkthrough template and what was broken in it.</summary>
    internal BrokenTemplate Broken { get; }

    /// <summary>The report of the one run.</summary>
    internal TemplateCheckReport Report { get; }

    public void Dispose() => _scratch.Delete(recursive: true);
}

/// <summary>The template-check tests share one <see cref="CheckedTemplates"/> run.</summary>
[CollectionDefinition(Name)]
public sealed class TemplateCheckCollection : ICollectionFixture<CheckedTemplates>
{
    public const string Name = "template check";
}
