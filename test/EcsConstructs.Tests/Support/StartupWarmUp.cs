using System.Runtime.CompilerServices;
using EcsConstructs.Startup;

namespace EcsConstructs.Tests.Support;

/// <summary>
/// The test host starts the CDK's jsii runtime like an app does: it gets the same start-up warm-up
/// as the examples' <c>Program.cs</c> (<see cref="CdkStartup.WarmUp"/>), as soon as the test assembly loads.
/// </summary>
internal static class StartupWarmUp
{
    [ModuleInitializer]
    internal static void Start() => CdkStartup.WarmUp();
}
