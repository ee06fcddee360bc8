using System.Reflection;

namespace EcsConstructs.Startup;

/// <summary>
/// Shortens the start-up of a C# CDK app, the few seconds every <c>cdk synth</c> pays before the
/// first construct exists. Call <see cref="WarmUp"/> as the first statement of <c>Program.cs</c>,
/// before <c>new App()</c>:
/// <code>
/// CdkStartup.WarmUp();
/// var app = new App();
/// </code>
/// </summary>
/// <remarks>
/// The first CDK object of a process starts the jsii runtime: Node.js starts and loads the CDK's
/// JavaScript packages, then .NET reads the jsii attributes of every type of the CDK's assemblies
/// (about 33,000 types in Amazon.CDK.Lib) to map JavaScript type names to .NET types. Both steps run
/// one after the other on one thread, each waiting for the other. <see cref="WarmUp"/> loads those
/// types' metadata on a background thread while Node.js starts, so the second step finds it loaded:
/// about 0.3-0.4 s less per synthesis on two cores (bench/README.md, "Start-up settings"). It reads
/// metadata only: it creates no attribute and no CDK object and sends nothing to Node.js, so it cannot
/// change what the app synthesizes.
/// </remarks>
public static class CdkStartup
{
    private static int _started;

    /// <summary>
    /// Starts loading the type metadata of the CDK's assemblies (Amazon.CDK.Lib, Constructs) on a
    /// background thread and returns at once. Only the first call does anything; it never throws, and
    /// a failure on the background thread only means that the jsii runtime loads the types itself, as
    /// without the call. The thread does not keep the process alive.
    /// </summary>
    public static void WarmUp()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        new Thread(LoadTypeMetadata) { IsBackground = true, Name = "EcsConstructs start-up warm-up" }.Start();
    }

    private static void LoadTypeMetadata()
    {
        try
        {
            foreach (var assembly in new[] { typeof(Amazon.CDK.App).Assembly, typeof(Constructs.Construct).Assembly })
            {
                foreach (var type in Types(assembly))
                {
                    // Attribute data, not attribute objects: a jsii attribute's constructor loads its
                    // assembly into the jsii runtime, which only the app's own thread may do.
                    _ = type.GetCustomAttributesData();
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Nothing to do: the jsii runtime loads what it needs itself.
        }
    }

    private static IEnumerable<Type> Types(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
