namespace EcsConstructs.Rules.Conditions;

/// <summary>
/// What a rolling deployment of a replica service may do with its tasks: ECS rounds the minimum
/// healthy percent up and the maximum percent down. The library's constructors and the template
/// rules (ECS006, ECS047) both decide with these predicates.
/// </summary>
internal static class Deployments
{
    /// <summary>The tasks a deployment must keep running: ⌈desired × minimum healthy percent / 100⌉.</summary>
    public static int MustKeep(int desired, int minimumHealthyPercent) => (desired * minimumHealthyPercent + 99) / 100;

    /// <summary>The tasks a deployment may run at once: ⌊desired × maximum percent / 100⌋ (its peak).</summary>
    public static int MayRun(int desired, int maximumPercent) => desired * maximumPercent / 100;

    /// <summary>
    /// Whether a deployment can neither start a task (the running count is at the maximum) nor stop
    /// one (it is at the minimum): when the maximum does not exceed the minimum. A desired count of 0
    /// deploys nothing.
    /// </summary>
    public static bool LeavesNoRoom(int desired, int minimumHealthyPercent, int maximumPercent) =>
        desired > 0 && MayRun(desired, maximumPercent) <= MustKeep(desired, minimumHealthyPercent);

    /// <summary>Whether tasks with fixed host ports (one per instance) can reach their deployment peak on <paramref name="instances"/> instances.</summary>
    public static bool FixedHostPortPeakFits(int desired, int maximumPercent, int instances) => MayRun(desired, maximumPercent) <= instances;
}
