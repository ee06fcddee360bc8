using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using FsCheck;
using FsCheck.Fluent;

namespace EcsConstructs.Tests.Quality.Generation;

/// <summary>
/// The case generators of the bad-input property test, in one place: add a generator here to cover
/// another construct.
/// </summary>
internal static class CaseGenerators
{
    public static IReadOnlyList<ICaseGenerator> All { get; } =
    [
        new EcsClusterCases(),
        new EcsTaskDefinitionCases(),
        new EcrRepositoryCases(),
        new ServiceScalingCases(),
        new ServiceCases(),
    ];

    /// <summary>Any case, each generator picked by its weight.</summary>
    public static Gen<GeneratedCase> Any =>
        Gen.Frequency(All.Select(g => (g.Weight, g.Cases)).ToArray());

    /// <summary>
    /// One generator per perturbation of every case generator, in order: the first cases of a run
    /// apply each perturbation once (on a random valid spec), so every run covers all of them.
    /// </summary>
    public static IReadOnlyList<Gen<GeneratedCase>> EachPerturbation { get; } =
        All.SelectMany(g => Enumerable.Range(0, g.PerturbationNames.Count).Select(g.CasesWith)).ToList();

    /// <summary>The generator of case <paramref name="index"/>: each perturbation once, then <see cref="Any"/>.</summary>
    public static Gen<GeneratedCase> ForCase(int index) =>
        index < EachPerturbation.Count ? EachPerturbation[index] : Any;
}

/// <summary>Cheap building blocks shared by the generators.</summary>
internal static class Pieces
{
    public const string Region = "eu-west-1";

    public const string Account = "123456789012";
}
