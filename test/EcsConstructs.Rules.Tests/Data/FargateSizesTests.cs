using EcsConstructs.Rules.Data;

namespace EcsConstructs.Rules.Tests.Data;

/// <summary>The Fargate task size table, which the task definition construct and ECS038 both read.</summary>
public sealed class FargateSizesTests
{
    [Fact]
    public void Every_fargate_size_of_the_table_is_accepted()
    {
        foreach (var cpu in FargateSizes.CpuValues)
        {
            foreach (var memory in FargateSizes.MemoryValuesFor(cpu))
            {
                Assert.True(FargateSizes.IsValid(cpu, memory));
            }
        }

        Assert.Equal([512, 1024, 2048], FargateSizes.MemoryValuesFor(256));
        Assert.Equal(12, FargateSizes.MemoryValuesFor(16384).Count);
        Assert.Equal(23, FargateSizes.MemoryValuesFor(4096).Count);
        Assert.False(FargateSizes.IsValid(256, 1536));
    }
}
