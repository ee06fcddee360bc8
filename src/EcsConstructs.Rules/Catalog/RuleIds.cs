namespace EcsConstructs.Rules;

/// <summary>
/// The ids of the catalog rules that constructors check (<see cref="EcsRuleCheckPoint.Construction"/>),
/// named for what they catch. Every <c>EcsValidationException</c> of the library names one of them;
/// the entries themselves (title, deploy message, fix) are in <see cref="RuleCatalog"/>.
/// </summary>
internal static class RuleIds
{
    // Synthesis rules that constructors also check, for the library's own props.
    public const string FixedHostPorts = "ECS006";
    public const string MixedStrategy = "ECS009";
    public const string Placement = "ECS012";
    public const string StrategyProvidersAssociated = "ECS017";
    public const string AlbSubnets = "ECS019";
    public const string LoadBalancerContainerPort = "ECS023";
    public const string AwsvpcRules = "ECS024";
    public const string HealthChecks = "ECS027";
    public const string SecretsReadable = "ECS030";
    public const string EfsAccessPoint = "ECS036";
    public const string FargateSize = "ECS038";
    public const string ContainerMemory = "ECS039";
    public const string CapacityBounds = "ECS042";
    public const string RequestCountScaling = "ECS043";
    public const string DeploymentDeadlock = "ECS047";
    public const string ScheduledScaling = "ECS056";
    public const string References = "ECS057";

    // Rules checked at construction only.
    public const string InvalidName = "ECS048";
    public const string OutOfRange = "ECS049";
    public const string FractionalSeconds = "ECS050";
    public const string StrategyShape = "ECS051";
    public const string ContainerDefinitions = "ECS052";
    public const string TaskVolumes = "ECS053";
    public const string LoadBalancerSettings = "ECS054";
    public const string ScalingPolicies = "ECS055";
    public const string LeastPrivilege = "ECS058";
    public const string ConflictingProps = "ECS059";
    public const string PlacementExpressions = "ECS060";
    public const string InstanceTypes = "ECS061";
}
