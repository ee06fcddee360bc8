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

    /// <summary>
    /// Whether tasks with fixed host ports (one task per instance) can run and be replaced on at most
    /// <paramref name="instances"/> instances: all of them fit, and a deployment finds a free instance
    /// for a new task, or may first stop an old one (the tasks it must keep fit on fewer instances).
    /// ECS starts no more new tasks than free instances allow; a maximum percent above that only
    /// delays, it does not block.
    /// </summary>
    public static bool FixedHostPortsCanDeploy(int desired, int minimumHealthyPercent, int instances) =>
        desired <= instances && MustKeep(desired, minimumHealthyPercent) < instances;

    /// <summary>The highest minimum healthy percent that still lets a deployment stop one of <paramref name="desired"/> tasks first.</summary>
    public static int MinimumHealthyPercentToStopOne(int desired) => desired <= 0 ? 100 : 100 * (desired - 1) / desired;
}
