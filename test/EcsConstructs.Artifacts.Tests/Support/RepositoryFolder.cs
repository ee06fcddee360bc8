namespace EcsConstructs.Tests.Support;

/// <summary>Where the repository is: the folder holding <c>EcsConstructs.sln</c>, above the test assembly.</summary>
internal static class RepositoryFolder
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EcsConstructs.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EcsConstructs.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;
}
