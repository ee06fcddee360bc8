using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using EcsConstructs.Clusters;
using FsCheck;
using FsCheck.Fluent;

namespace EcsConstructs.Tests.Quality.Generation;

internal sealed record SpotSpec(SpotAllocation Allocation, int OnDemandBase, int OnDemandPercent);

internal sealed record CapacitySpec(
    string Id,
    string InstanceType,
    string[] Additional,
    int Min,
    int Max,
    int? Desired,
    int RootGiB,
    int TargetPercent,
    int? MinStep,
    int? MaxStep,
    int? Warmup,
    SpotSpec? Spot,
    bool Ssm,
    bool ForceDelete);

internal sealed record ShareSpec(string Provider, int Base, int Weight);

internal sealed record ClusterSpec(
    bool CreateVpc,
    int MaxAzs,
    int NatGateways,
    string[]? Zones,
    string? ClusterName,
    bool Fargate,
    bool ExecLogging,
    CapacitySpec[] Capacities,
    ShareSpec[]? Strategy);

/// <summary><see cref="EcsCluster"/> with EC2 (on-demand and Spot) capacity, Fargate and default strategies.</summary>
internal sealed class EcsClusterCases : PerturbingCaseGenerator<ClusterSpec>
{
    private static readonly string[] X86 = ["t3.small", "t3.medium", "m5.large", "c6i.large"];
    private static readonly string[] Arm = ["t4g.small", "m6g.large", "c7g.large"];
    private static readonly string[] CapacityIds = ["OnDemand", "Spot"];

    public override string Name => "EcsCluster";

    public override int Weight => 30;

    protected override string Owner => "Cluster";

    protected override Gen<ClusterSpec> Valid =>
        from createVpc in G.Chance(12)
        from maxAzs in G.Pick(2, 3)
        from clusterName in G.MaybeRef(20, G.Pick("orders", "orders-prod_1"))
        from fargate in G.Chance(50)
        from execLogging in G.Chance(15)
        from count in G.Pick(0, 1, 1, 2)
        from capacities in Gen.ListOf(Capacity, count)
        let caps = capacities.Select((c, i) => c with { Id = CapacityIds[i] }).ToArray()
        from strategy in Strategy(caps, fargate)
        select new ClusterSpec(createVpc, maxAzs, 1, null, clusterName, fargate, execLogging, caps, strategy);

    protected override IReadOnlyList<Perturbation<ClusterSpec>> Perturbations { get; } =
    [
        OnCapacity("negative MinCapacity", true, ["MinCapacity"], c => Gen.Choose(-5, -1).Select(v => c with { Min = v })),
        OnCapacity("MaxCapacity out of range", true, ["MaxCapacity", "MinCapacity"], c => G.Pick(0, -2, 10_001).Select(v => c with { Max = v })),
        OnCapacity("MinCapacity > MaxCapacity", true, ["MinCapacity", "MaxCapacity"], c => Gen.Choose(1, 4).Select(d => c with { Min = c.Max + d, Desired = null })),
        OnCapacity("DesiredCapacity outside min..max", true, ["DesiredCapacity", "MinCapacity", "MaxCapacity"],
            c => G.Pick(-1, c.Max + 1, c.Max + 7).Select(v => c with { Desired = v })),
        OnCapacity("edge capacities 0..10000", false, ["MinCapacity", "MaxCapacity"], c => Gen.Constant(c with { Min = 0, Max = 10_000, Desired = null })),
        OnCapacity("TargetCapacityPercent out of range", true, ["TargetCapacityPercent"], c => G.Pick(0, -1, 101).Select(v => c with { TargetPercent = v })),
        OnCapacity("RootVolumeSizeGiB out of range", true, ["RootVolumeSizeGiB"], c => G.Pick(0, 8, 29, 16_385).Select(v => c with { RootGiB = v })),
        OnCapacity("scaling step sizes invalid", true, ["MinimumScalingStepSize", "MaximumScalingStepSize"],
            c => G.Pick((0, 10), (1, 10_001), (5, 2), (-1, (int?)null)).Select(s => c with { MinStep = s.Item1, MaxStep = s.Item2 })),
        OnCapacity("InstanceWarmupPeriod out of range", true, ["InstanceWarmupPeriod"], c => G.Pick(10_001, 86_400).Select(v => c with { Warmup = v })),
        OnCapacity("Spot on-demand base above max", true, ["Spot.OnDemandBaseCapacity"],
            c => G.Pick(-1, c.Max + 1).Select(v => c with { Spot = (c.Spot ?? new SpotSpec(SpotAllocation.PriceCapacityOptimized, 0, 0)) with { OnDemandBase = v } })),
        OnCapacity("Spot on-demand percentage out of range", true, ["Spot.OnDemandPercentageAboveBaseCapacity"],
            c => G.Pick(-1, 101).Select(v => c with { Spot = (c.Spot ?? new SpotSpec(SpotAllocation.LowestPrice, 0, 0)) with { OnDemandPercent = v } })),
        OnCapacity("mixed CPU architectures", true, ["AdditionalInstanceTypes"],
            c => Gen.Constant(c with { Additional = [.. c.Additional, Arm.Contains(c.InstanceType) ? "m5.large" : "t4g.small"] })),
        OnCapacity("duplicate instance type", true, ["AdditionalInstanceTypes"], c => Gen.Constant(c with { Additional = [.. c.Additional, c.InstanceType] })),
        OnCapacity("empty or blank capacity Id", true, ["Id", "Ec2Capacity.Id"], c => G.Pick("", " ", "\t").Select(v => c with { Id = v })),
        new("capacity Id that collides with the cluster's own children", true, ["Ec2Capacity.Id"], s =>
            from id in G.Pick("Cluster", "Vpc", "ExecuteCommandLogs")
            let caps = s.Capacities.Length == 0 ? [DefaultCapacity(id)] : s.Capacities.With(0, c => c with { Id = id })
            select s with
            {
                Capacities = caps,
                Strategy = null,
                CreateVpc = s.CreateVpc || id == "Vpc",
                ExecLogging = s.ExecLogging || id == "ExecuteCommandLogs",
            }),
        OnCapacity("capacity Id with a path separator", false, ["Id"], c => Gen.Constant(c with { Id = "on/demand" })),
        new("duplicate capacity Ids", true, ["Ec2Capacity"], s =>
        {
            var caps = s.Capacities.Length == 0 ? [DefaultCapacity("Twin")] : s.Capacities;
            return Gen.Constant(s with { Capacities = [.. caps, caps[0]], Strategy = null });
        }),
        // An empty list is the documented opt-out of a default strategy (deploys: services then need their own).
        new("no default strategy (empty list)", false, ["DefaultCapacityProviderStrategy"], s => Gen.Constant(s with { Strategy = [] })),
        OnStrategy("duplicate provider", ["DefaultCapacityProviderStrategy"], (s, names) => Gen.Constant(new[] { new ShareSpec(names[0], 0, 1), new ShareSpec(names[0], 0, 2) })),
        OnStrategy("two bases", ["DefaultCapacityProviderStrategy"], (s, names) => Gen.Constant(names.Length >= 2
            ? new[] { new ShareSpec(names[0], 1, 1), new ShareSpec(names[1], 2, 1) }
            : [new ShareSpec(CapacityProviderShare.Fargate, 1, 1), new ShareSpec(CapacityProviderShare.FargateSpot, 2, 1)])),
        OnStrategy("only zero weights", ["DefaultCapacityProviderStrategy"], (s, names) => Gen.Constant(names.Select(n => new ShareSpec(n, 0, 0)).ToArray())),
        OnStrategy("Fargate mixed with EC2", ["DefaultCapacityProviderStrategy"], (s, names) => Gen.Constant(new[] { new ShareSpec(CapacityProviderShare.Fargate, 0, 1), new ShareSpec("OnDemand", 0, 1) })),
        OnStrategy("unknown provider", ["DefaultCapacityProviderStrategy"], (s, names) => G.Pick("Missing", "cp-elsewhere").Select(n => new[] { new ShareSpec(n, 0, 1) })),
        OnStrategy("weight or base out of range", ["DefaultCapacityProviderStrategy.Weight", "DefaultCapacityProviderStrategy.Base"],
            (s, names) => G.Pick((0, -1), (0, 1001), (-1, 1), (100_001, 1)).Select(v => new[] { new ShareSpec(names[0], v.Item1, v.Item2) })),
        OnStrategy("blank provider", ["DefaultCapacityProviderStrategy.Provider"], (s, names) => G.Pick("", " ").Select(n => new[] { new ShareSpec(n, 0, 1) })),
        OnStrategy("21 providers", ["DefaultCapacityProviderStrategy"], (s, names) => Gen.Constant(Enumerable.Range(0, 21).Select(i => new ShareSpec($"P{i}", 0, 1)).ToArray())),
        new("Fargate strategy without Fargate", true, ["DefaultCapacityProviderStrategy", "EnableFargateCapacityProviders"],
            s => G.Pick(CapacityProviderShare.Fargate, CapacityProviderShare.FargateSpot).Select(p => s with { Fargate = false, Strategy = [new ShareSpec(p, 0, 1)] })),
        new("invalid cluster name", true, ["ClusterName"], s => G.Pick("", " ", "orders prod", "orders.prod", new string('c', 256)).Select(n => s with { ClusterName = n })),
        new("MaxAzs out of range", true, ["MaxAzs", "NatGateways"], s => G.Pick(0, 1, 7).Select(n => s with { CreateVpc = true, MaxAzs = n, Zones = null })),
        new("NatGateways out of range", true, ["NatGateways"], s => G.Pick(-1, 3, 4).Select(n => s with { CreateVpc = true, MaxAzs = 2, NatGateways = n, Zones = null })),
        new("public subnets only (no NAT gateway)", false, ["NatGateways"], s => Gen.Constant(s with { CreateVpc = true, NatGateways = 0 })),
        new("too few or duplicate zones", true, ["AvailabilityZones"],
            s => G.Pick(new[] { "eu-west-1a" }, ["eu-west-1a", "eu-west-1a"], []).Select(z => s with { CreateVpc = true, Zones = z })),
        new("explicit zones", false, ["AvailabilityZones"], s => Gen.Constant(s with { CreateVpc = true, Zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"] })),
    ];

    private static Gen<CapacitySpec> Capacity =>
        from arm in G.Chance(30)
        from type in G.Pick(arm ? Arm : X86)
        from additional in Gen.SubListOf((arm ? Arm : X86).Where(t => t != type).ToArray())
        from min in Gen.Choose(0, 3)
        from extra in Gen.Choose(0, 5)
        let max = Math.Max(1, min + extra)
        from desired in G.Maybe(30, Gen.Choose(min, max))
        from root in G.Pick(30, 50, 100)
        from target in G.Pick(100, 90, 50, 1)
        from minStep in G.Maybe(20, Gen.Choose(1, 3))
        from maxStep in G.Maybe(20, Gen.Choose(3, 10_000))
        from warmup in G.Maybe(20, G.Pick(0, 60, 10_000))
        from spot in G.MaybeRef(30, Spot(max))
        from ssm in G.Chance(20)
        from forceDelete in G.Chance(10)
        select new CapacitySpec("OnDemand", type, additional.Take(2).ToArray(), min, max, desired, root, target, minStep, maxStep, warmup, spot, ssm, forceDelete);

    private static Gen<SpotSpec> Spot(int max) =>
        from allocation in G.Pick(Enum.GetValues<SpotAllocation>())
        from onDemandBase in Gen.Choose(0, Math.Min(max, 2))
        from percent in G.Pick(0, 20, 100)
        select new SpotSpec(allocation, onDemandBase, percent);

    private static Gen<ShareSpec[]?> Strategy(CapacitySpec[] caps, bool fargate)
    {
        var pools = new List<string[]>();
        if (caps.Length > 0)
        {
            pools.Add(caps.Select(c => c.Id).ToArray());
        }

        if (fargate)
        {
            pools.Add([CapacityProviderShare.Fargate, CapacityProviderShare.FargateSpot]);
        }

        if (pools.Count == 0)
        {
            return Gen.Constant<ShareSpec[]?>(null);
        }

        return from useDefault in G.Chance(50)
               from pool in G.Pick(pools.ToArray())
               from names in Gen.NonEmptyListOf(G.Pick(pool)).Select(l => l.Distinct().ToArray())
               from weights in Gen.ListOf(Gen.Choose(1, 5), names.Length)
               from withBase in G.Chance(40)
               from baseCount in Gen.Choose(1, 3)
               select useDefault
                   ? null
                   : names.Select((n, i) => new ShareSpec(n, withBase && i == 0 ? baseCount : 0, weights[i])).ToArray();
    }

    private static CapacitySpec DefaultCapacity(string id) =>
        new(id, "t3.small", [], 1, 2, null, 30, 100, null, null, null, null, false, false);

    /// <summary>A perturbation of the first EC2 capacity (one is added when there is none).</summary>
    private static Perturbation<ClusterSpec> OnCapacity(string name, bool invalid, string[] properties, Func<CapacitySpec, Gen<CapacitySpec>> change) =>
        new(name, invalid, properties, s =>
        {
            var caps = s.Capacities.Length == 0 ? [DefaultCapacity("OnDemand")] : s.Capacities;
            return change(caps[0]).Select(c => s with
            {
                Capacities = caps.With(0, _ => c),
                // A strategy names capacities by id: keep it valid when the id changes.
                Strategy = c.Id == caps[0].Id ? s.Strategy : null,
            });
        });

    /// <summary>An invalid default strategy; its providers are the spec's capacities and Fargate.</summary>
    private static Perturbation<ClusterSpec> OnStrategy(string name, string[] properties, Func<ClusterSpec, string[], Gen<ShareSpec[]>> strategy) =>
        new(name, true, properties, s =>
        {
            var spec = s.Capacities.Length == 0 ? s with { Capacities = [DefaultCapacity("OnDemand")], Fargate = true } : s with { Fargate = true };
            var names = spec.Capacities.Select(c => c.Id).ToArray();
            return strategy(spec, names).Select(st => spec with { Strategy = st });
        });

    protected override void Build(Stack stack, ClusterSpec spec)
    {
        _ = new EcsCluster(stack, Owner, new EcsClusterProps
        {
            Vpc = spec.CreateVpc ? null : Fixtures.ImportedVpc(stack),
            MaxAzs = spec.MaxAzs,
            NatGateways = spec.NatGateways,
            AvailabilityZones = spec.Zones,
            ClusterName = spec.ClusterName,
            EnableFargateCapacityProviders = spec.Fargate,
            ExecuteCommandLogging = spec.ExecLogging,
            Ec2Capacity = spec.Capacities.Select(c => new Ec2CapacityOptions
            {
                Id = c.Id,
                InstanceType = new InstanceType(c.InstanceType),
                AdditionalInstanceTypes = c.Additional.Select(t => new InstanceType(t)).ToArray(),
                MinCapacity = c.Min,
                MaxCapacity = c.Max,
                DesiredCapacity = c.Desired,
                RootVolumeSizeGiB = c.RootGiB,
                TargetCapacityPercent = c.TargetPercent,
                MinimumScalingStepSize = c.MinStep,
                MaximumScalingStepSize = c.MaxStep,
                InstanceWarmupPeriod = c.Warmup is { } warmup ? Amazon.CDK.Duration.Seconds(warmup) : null,
                Spot = c.Spot is { } spot
                    ? new SpotCapacityOptions { AllocationStrategy = spot.Allocation, OnDemandBaseCapacity = spot.OnDemandBase, OnDemandPercentageAboveBaseCapacity = spot.OnDemandPercent }
                    : null,
                EnableSsmSessionManager = c.Ssm,
                ForceDeleteOnStackDeletion = c.ForceDelete,
            }).ToArray(),
            DefaultCapacityProviderStrategy = spec.Strategy?.Select(s => new CapacityProviderShare { Provider = s.Provider, Base = s.Base, Weight = s.Weight }).ToArray(),
        });
    }
}
