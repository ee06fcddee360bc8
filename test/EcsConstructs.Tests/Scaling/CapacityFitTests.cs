using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Clusters;
using EcsConstructs.Scaling;
using EcsConstructs.Tests.Rules;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Scaling;

/// <summary>
/// Two clusters in one stack: 3 × t3.medium at most (three services that do not fit, one that
/// does) and one of an instance type the catalog does not know. Synthesized once; rule ECS065
/// reads the template.
/// </summary>
public sealed class CapacityFitFixture
{
    public CapacityFitFixture()
    {
        var stack = TestApps.NewStack();
        var small = new EcsCluster(stack, "Small", new EcsClusterProps
        {
            Ec2Capacity = [new Ec2CapacityOptions { Id = "Medium", InstanceType = InstanceType.Of(InstanceClass.T3, InstanceSize.MEDIUM), MaxCapacity = 3 }],
        });
        var unknown = new EcsCluster(stack, "Unknown", new EcsClusterProps
        {
            Ec2Capacity = [new Ec2CapacityOptions { Id = "Gpu", InstanceType = new InstanceType("g5.xlarge"), MaxCapacity = 3 }],
        });

        // 20 × 1024 CPU units on 3 × 2048: CPU does not fit (memory 20 × 128 does).
        _ = new ServiceScaling(stack, "CpuBound", new ServiceScalingProps
        {
            Service = ScalingTestServices.Plain(stack, "Cpu", small.Cluster, cpu: 1024, memoryMiB: 128),
            MinCapacity = 1,
            MaxCapacity = 20,
        });

        // 5 × 3000 MiB on 3 × t3.medium (3850 MiB usable each): one task per instance. Fixed host port 80 too.
        _ = new ServiceScaling(stack, "MemoryAndPortBound", new ServiceScalingProps
        {
            Service = ScalingTestServices.Plain(stack, "Memory", small.Cluster, cpu: 128, memoryMiB: 3000, hostPort: 80),
            MinCapacity = 1,
            MaxCapacity = 5,
        });

        // awsvpc: t3.medium has 3 ENIs, 2 for tasks: 3 × 2 = 6 < 7.
        _ = new ServiceScaling(stack, "EniBound", new ServiceScalingProps
        {
            Service = ScalingTestServices.Plain(stack, "Eni", small.Cluster, cpu: 128, memoryMiB: 128, networkMode: NetworkMode.AWS_VPC),
            MinCapacity = 1,
            MaxCapacity = 7,
        });

        // 6 × 512 CPU units and 6 × 512 MiB fit 3 × t3.medium.
        _ = new ServiceScaling(stack, "Fits", new ServiceScalingProps
        {
            Service = ScalingTestServices.Plain(stack, "Fine", small.Cluster, cpu: 512, memoryMiB: 512),
            MinCapacity = 1,
            MaxCapacity = 6,
        });

        _ = new ServiceScaling(stack, "OnUnknownType", new ServiceScalingProps
        {
            Service = ScalingTestServices.Plain(stack, "Gpu", unknown.Cluster, cpu: 1024, memoryMiB: 1024),
            MinCapacity = 1,
            MaxCapacity = 50,
        });

        Findings = RuleFindings.Of(stack);
    }

    /// <summary>The rules' findings on the stack (ECS065 among them).</summary>
    internal RuleFindings Findings { get; }
}

public sealed class CapacityFitTests(CapacityFitFixture fixture) : IClassFixture<CapacityFitFixture>
{
    private List<Annotation> Of(string maxCapacityOf, string level = "warning") =>
        fixture.Findings.Of("ECS065").Where(a => a.Level == level && a.Text.Contains(maxCapacityOf, StringComparison.Ordinal)).ToList();

    [Fact]
    public void Cpu_shortfall_is_a_warning_with_the_numbers()
    {
        var warning = Assert.Single(Of("MaxCapacity 20 of Test/Cpu/"));
        Assert.Contains("cannot fit its EC2 capacity at its maximum size by CPU: 20 tasks × 1024 CPU units needs 20480 CPU units, but Test/Small/", warning.Text, StringComparison.Ordinal);
        Assert.Contains("(3 × t3.medium) offers 3 × 2048 = 6144 CPU units: room for 6 tasks, 14 short.", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_shortfall_counts_the_os_overhead()
    {
        Assert.Contains(Of("MaxCapacity 5 of Test/Memory/"), w => w.Text.Contains(
            "by memory: 5 tasks × 3000 MiB needs 15000 MiB, but Test/Small/", StringComparison.Ordinal) && w.Text.Contains(
            "(3 × t3.medium) offers 3 × 3850 = 11550 MiB (nominal memory less 6 % for the OS, Docker and the ECS agent): room for 3 tasks, 2 short.", StringComparison.Ordinal));
    }

    [Fact]
    public void Fixed_host_ports_allow_one_task_per_instance()
    {
        var warnings = Of("MaxCapacity 5 of Test/Memory/");
        Assert.Contains(warnings, w => w.Text.Contains("by host ports: the task binds fixed host port(s) 80, so at most one task runs per instance, and Test/Small/", StringComparison.Ordinal)
            && w.Text.Contains("(3 × t3.medium) has at most 3 instances: 2 tasks short.", StringComparison.Ordinal));
        Assert.Equal(2, warnings.Count);
    }

    [Fact]
    public void Awsvpc_tasks_are_limited_by_network_interfaces()
    {
        var warning = Assert.Single(Of("MaxCapacity 7 of Test/Eni/"));
        Assert.Contains("by network interfaces: each awsvpc task needs its own ENI and the instance keeps its primary one, so Test/Small/", warning.Text, StringComparison.Ordinal);
        Assert.Contains("(3 × t3.medium) offers 3 × 2 = 6 task ENIs: 1 tasks short", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_that_fits_gets_no_finding()
    {
        Assert.Empty(Of("of Test/Fine/"));
    }

    [Fact]
    public void Unknown_instance_type_skips_the_check_with_a_note()
    {
        Assert.Empty(Of("of Test/Gpu/"));
        var note = Assert.Single(fixture.Findings.Of("ECS065"), a => a.Level == "info");
        Assert.Contains("the instance type table does not list 'g5.xlarge'", note.Text, StringComparison.Ordinal);
    }
}
