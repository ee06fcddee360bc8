using Amazon.CDK.AWS.ECS;
using EcsConstructs.Placement;

namespace EcsConstructs.Services;

/// <summary>The settings every EC2 service has (daemons included), as the service builder reads them from the EC2 props.</summary>
internal interface IEc2Settings
{
    int Cpu { get; }

    int? MemoryLimitMiB { get; }

    IReadOnlyList<ServicePlacementConstraint>? PlacementConstraints { get; }
}

/// <summary>The settings only EC2 services with a task count have: placement strategies (a daemon has none).</summary>
internal interface IEc2ReplicaSettings : IEc2Settings
{
    IReadOnlyList<ServicePlacementStrategy>? PlacementStrategies { get; }
}

/// <summary>The settings only Fargate services have, as the service builder reads them from the Fargate props.</summary>
internal interface IFargateServiceSettings
{
    int Cpu { get; }

    int MemoryMiB { get; }

    bool? AssignPublicIp { get; }

    FargatePlatformVersion? PlatformVersion { get; }
}
