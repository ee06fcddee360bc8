using Amazon.CDK;
using Constructs;
using EcsConstructs.Clusters;
using EcsConstructs.Validation;

namespace EcsConstructs.Tests.Support;

/// <summary>
/// A stack "Test" (eu-west-1) with one <see cref="EcsCluster"/>, shared by the bad-input tests:
/// building a cluster costs more than most of those tests, and they never synthesize. Each test
/// builds what must fail validation through <see cref="Rejects"/>, which removes everything the
/// test added to the stack afterwards, so the next test reuses the same ids (and messages read
/// "Test/Web: …" as with a fresh stack).
/// </summary>
internal sealed class SharedClusterStack
{
    private static readonly Lazy<SharedClusterStack> Ec2Instance = new(() => new SharedClusterStack(null));
    private static readonly Lazy<SharedClusterStack> FargateInstance = new(() => new SharedClusterStack(new EcsClusterProps { EnableFargateCapacityProviders = true }));

    private readonly HashSet<string> _baseline;

    private SharedClusterStack(EcsClusterProps? props)
    {
        Stack = TestApps.NewStack();
        Cluster = Fixtures.Cluster(Stack, props);
        _baseline = Stack.Node.Children.Select(c => c.Node.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The stack with <see cref="Fixtures.Cluster"/> on its defaults (one t3.small EC2 capacity).</summary>
    public static SharedClusterStack Ec2 => Ec2Instance.Value;

    /// <summary>The stack with a cluster whose only capacity is Fargate.</summary>
    public static SharedClusterStack Fargate => FargateInstance.Value;

    public Stack Stack { get; }

    public EcsCluster Cluster { get; }

    /// <summary>Runs <paramref name="build"/>, which must throw <see cref="EcsValidationException"/>, then removes what it added.</summary>
    public EcsValidationException Rejects(Action<Stack, EcsCluster> build)
    {
        try
        {
            return Assert.Throws<EcsValidationException>(() => build(Stack, Cluster));
        }
        finally
        {
            foreach (var id in Stack.Node.Children.Select(c => c.Node.Id).Where(id => !_baseline.Contains(id)).ToList())
            {
                Stack.Node.TryRemoveChild(id);
            }
        }
    }
}
