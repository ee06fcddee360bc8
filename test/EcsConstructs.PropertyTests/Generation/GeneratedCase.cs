using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Amazon.CDK;
using FsCheck;
using FsCheck.Fluent;

namespace EcsConstructs.Tests.Quality.Generation;

/// <summary>
/// One generated input: plain data (<see cref="Spec"/>, printed as JSON when the case fails) and
/// the code that builds the constructs from it into a stack.
/// </summary>
/// <param name="Generator">The case generator that produced it (e.g. <c>EcsCluster</c>).</param>
/// <param name="Owner">The construct id, under the stack, of the construct under test (the prefix of <c>EcsValidationException.ConstructPath</c>).</param>
/// <param name="Spec">The generated props as plain data.</param>
/// <param name="Perturbations">The names of the perturbations applied to the valid base (empty: a valid case).</param>
/// <param name="Perturbed">
/// The props the perturbations touched, spelled as <c>EcsValidationException.PropertyName</c> with
/// indexers removed (<c>Containers[app].Cpu</c> is <c>Containers.Cpu</c>).
/// </param>
/// <param name="KnownInvalid">A perturbation made the input invalid for ECS/CloudFormation (or the library's documented rules): it must be rejected.</param>
/// <param name="Build">Creates the constructs in the stack.</param>
internal sealed partial record GeneratedCase(
    string Generator,
    string Owner,
    object Spec,
    IReadOnlyList<string> Perturbations,
    IReadOnlySet<string> Perturbed,
    bool KnownInvalid,
    Action<Stack> Build)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The case as one line: generator, perturbations and spec.</summary>
    public string Describe() =>
        $"{Generator} perturbations=[{string.Join(", ", Perturbations)}] perturbed=[{string.Join(", ", Perturbed)}] " +
        $"knownInvalid={KnownInvalid} spec={JsonSerializer.Serialize(Spec, Spec.GetType(), JsonOptions)}";

    /// <summary><c>Containers[app].PortMappings.HostPort</c> becomes <c>Containers.PortMappings.HostPort</c>.</summary>
    public static string Normalize(string propertyName) => Indexers().Replace(propertyName, string.Empty);

    [GeneratedRegex(@"\[[^\]]*\]", RegexOptions.CultureInvariant)]
    private static partial Regex Indexers();
}

/// <summary>
/// A change to a valid spec: a named perturbation, whether it makes the input invalid, which
/// props it touches and how it changes the spec.
/// </summary>
internal sealed record Perturbation<TSpec>(string Name, bool Invalid, string[] Properties, Func<TSpec, Gen<TSpec>> Apply);

/// <summary>
/// Produces cases for one construct. To cover another construct (e.g. the services once their
/// shape is stable), implement this and add it to <see cref="CaseGenerators.All"/>.
/// </summary>
internal interface ICaseGenerator
{
    /// <summary>The name printed with each case and in the outcome counts.</summary>
    string Name { get; }

    /// <summary>Relative share of the generated cases.</summary>
    int Weight { get; }

    /// <summary>The names of the perturbations it applies.</summary>
    IReadOnlyList<string> PerturbationNames { get; }

    /// <summary>Varied cases: a valid spec with none, one or two perturbations.</summary>
    Gen<GeneratedCase> Cases { get; }

    /// <summary>Cases with exactly the perturbation at <paramref name="index"/> of <see cref="PerturbationNames"/> (a varied valid spec otherwise).</summary>
    Gen<GeneratedCase> CasesWith(int index);
}

/// <summary>A generator built from a valid-spec generator and a list of perturbations.</summary>
internal abstract class PerturbingCaseGenerator<TSpec> : ICaseGenerator
    where TSpec : notnull
{
    public abstract string Name { get; }

    public abstract int Weight { get; }

    /// <summary>The construct id of the construct under test.</summary>
    protected abstract string Owner { get; }

    /// <summary>Valid specs, varied.</summary>
    protected abstract Gen<TSpec> Valid { get; }

    protected abstract IReadOnlyList<Perturbation<TSpec>> Perturbations { get; }

    /// <summary>Builds the constructs of <paramref name="spec"/> into <paramref name="stack"/>.</summary>
    protected abstract void Build(Stack stack, TSpec spec);

    public IReadOnlyList<string> PerturbationNames => Perturbations.Select(p => p.Name).ToList();

    public Gen<GeneratedCase> Cases =>
        from count in Gen.Frequency((50, Gen.Constant(0)), (35, Gen.Constant(1)), (15, Gen.Constant(2)))
        // Two perturbations are both invalid ones: a later valid one could undo an earlier invalid
        // one, and the case would be marked invalid wrongly. The last one applied always stands.
        from chosen in count == 2
            ? Gen.ListOf(Gen.Elements(Perturbations.Where(p => p.Invalid).ToArray()), 2)
            : Gen.ListOf(Gen.Elements(Perturbations.ToArray()), count)
        from generated in CaseOf(chosen.ToList())
        select generated;

    public Gen<GeneratedCase> CasesWith(int index) => CaseOf([Perturbations[index]]);

    private Gen<GeneratedCase> CaseOf(List<Perturbation<TSpec>> chosen) =>
        from spec in Valid
        from perturbed in ApplyAll(spec, chosen)
        select new GeneratedCase(
            Name,
            Owner,
            perturbed,
            chosen.Select(p => p.Name).ToList(),
            chosen.SelectMany(p => p.Properties).ToHashSet(StringComparer.Ordinal),
            chosen.Any(p => p.Invalid),
            stack => Build(stack, perturbed));

    private static Gen<TSpec> ApplyAll(TSpec spec, List<Perturbation<TSpec>> chosen) =>
        chosen.Aggregate(Gen.Constant(spec), (acc, p) => acc.SelectMany(p.Apply));
}

/// <summary>Small generator helpers.</summary>
internal static class G
{
    public static Gen<T> Pick<T>(params T[] values) => Gen.Elements(values);

    public static Gen<bool> Chance(int percent) => Gen.Choose(1, 100).Select(x => x <= percent);

    public static Gen<T?> Maybe<T>(int percentSet, Gen<T> gen)
        where T : struct =>
        from set in Chance(percentSet)
        from v in gen
        select set ? v : (T?)null;

    public static Gen<T?> MaybeRef<T>(int percentSet, Gen<T> gen)
        where T : class =>
        from set in Chance(percentSet)
        from v in gen
        select set ? v : null;

    /// <summary>Replaces element <paramref name="index"/> of an array.</summary>
    public static T[] With<T>(this T[] array, int index, Func<T, T> change) =>
        array.Select((x, i) => i == index ? change(x) : x).ToArray();
}
