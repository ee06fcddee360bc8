using EcsConstructs.Testing;

namespace EcsConstructs.Tests.Testing;

public sealed class DeterministicPathTests
{
    [Fact]
    public void A_path_mapped_by_a_deterministic_build_is_found_again_in_the_source_tree()
    {
        var found = SnapshotAssert.TryUnmapDeterministicPath("/_/test/EcsConstructs.Tests/Testing/DeterministicPathTests.cs");

        Assert.NotNull(found);
        Assert.True(File.Exists(found));
        Assert.EndsWith(Path.Combine("test", "EcsConstructs.Tests", "Testing", "DeterministicPathTests.cs"), found, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ordinary_path_is_left_to_the_caller()
    {
        Assert.Null(SnapshotAssert.TryUnmapDeterministicPath("/work/repo/test/SomeTests.cs"));
    }

    [Fact]
    public void A_mapped_path_that_exists_nowhere_gives_nothing()
    {
        Assert.Null(SnapshotAssert.TryUnmapDeterministicPath("/_/no/such/folder/Tests.cs"));
    }
}
