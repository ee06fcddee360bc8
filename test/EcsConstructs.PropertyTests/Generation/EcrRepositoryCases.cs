using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using EcsConstructs.Images;
using FsCheck;
using FsCheck.Fluent;

namespace EcsConstructs.Tests.Quality.Generation;

internal sealed record RepositoryData(
    string? Name,
    bool ScanOnPush,
    bool ImmutableTags,
    int? KeepLastTagged,
    double? ExpireUntaggedDays,
    bool KmsKey,
    string[]? PullAccounts,
    RemovalPolicy RemovalPolicy);

/// <summary><see cref="EcrRepository"/>: names, lifecycle rules, encryption, cross-account pull.</summary>
internal sealed class EcrRepositoryCases : PerturbingCaseGenerator<RepositoryData>
{
    private static readonly string[] OneAccount = ["210987654321"];
    private static readonly string[] TwoAccounts = ["210987654321", "111122223333"];

    public override string Name => "EcrRepository";

    public override int Weight => 12;

    protected override string Owner => "Repo";

    protected override Gen<RepositoryData> Valid =>
        from name in G.MaybeRef(50, G.Pick("orders", "orders/api", "team.a/orders-api_2", "ab"))
        from scan in G.Chance(80)
        from immutable in G.Chance(80)
        from keep in G.Maybe(80, G.Pick(1, 30, 10_000))
        from expire in G.Maybe(80, G.Pick(1.0, 7.0, 3650.0))
        from kms in G.Chance(20)
        from accounts in G.MaybeRef(25, G.Pick(OneAccount, TwoAccounts))
        from removal in G.Pick(RemovalPolicy.RETAIN, RemovalPolicy.RETAIN, RemovalPolicy.DESTROY)
        select new RepositoryData(name, scan, immutable, keep, expire, kms, accounts, removal);

    protected override IReadOnlyList<Perturbation<RepositoryData>> Perturbations { get; } =
    [
        new("invalid repository name", true, ["RepositoryName"],
            s => G.Pick("", "a", "Orders", "orders//api", "-orders", "orders-", "orders api", new string('o', 257)).Select(n => s with { Name = n })),
        new("longest repository name", false, ["RepositoryName"], s => Gen.Constant(s with { Name = new string('o', 256) })),
        new("KeepLastTaggedImages out of range", true, ["KeepLastTaggedImages"], s => G.Pick(0, -1, 10_001).Select(n => s with { KeepLastTagged = n })),
        // A negative Duration cannot be created (CDK refuses it), so 0 and above 3650 days are the bad inputs.
        new("ExpireUntaggedAfter out of range", true, ["ExpireUntaggedAfter"], s => G.Pick(0.0, 3651.0).Select(n => s with { ExpireUntaggedDays = n })),
        new("ExpireUntaggedAfter not whole days", true, ["ExpireUntaggedAfter"], s => G.Pick(0.5, 1.25, 6.5).Select(n => s with { ExpireUntaggedDays = n })),
        new("no lifecycle rules", false, ["KeepLastTaggedImages", "ExpireUntaggedAfter"], s => Gen.Constant(s with { KeepLastTagged = null, ExpireUntaggedDays = null })),
        new("invalid pull account id", true, ["CrossAccountPullAccountIds"],
            s => G.Pick("1234", "abcdefghijkl", "", "1234567890123", "*").Select(a => s with { PullAccounts = ["210987654321", a] })),
        new("empty pull account list", false, ["CrossAccountPullAccountIds"], s => Gen.Constant(s with { PullAccounts = [] })),
    ];

    protected override void Build(Stack stack, RepositoryData spec)
    {
        _ = new EcrRepository(stack, Owner, new EcrRepositoryProps
        {
            RepositoryName = spec.Name,
            ScanOnPush = spec.ScanOnPush,
            ImmutableTags = spec.ImmutableTags,
            KeepLastTaggedImages = spec.KeepLastTagged,
            ExpireUntaggedAfter = spec.ExpireUntaggedDays is { } days ? Duration.Minutes(days * 24 * 60) : null,
            EncryptionKey = spec.KmsKey ? new Key(stack, "Key", new KeyProps { EnableKeyRotation = true }) : null,
            CrossAccountPullAccountIds = spec.PullAccounts,
            RemovalPolicy = spec.RemovalPolicy,
        });
    }
}
