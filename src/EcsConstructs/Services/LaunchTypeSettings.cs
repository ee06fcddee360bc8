using Amazon.CDK.AWS.ECS;
using EcsConstructs.Placement;

namespace EcsConstructs.Services;

/// <summary>The settings only EC2 services have, as the service builder reads them from the EC2 props.</summary>
internal interface IEc2ServiceSettings
{
    int Cpu { get; }

    int? MemoryLimitMiB { get; }

    IReadOnlyList<ServicePlacementStrategy>? PlacementStrategies { get; }

    IReadOnlyList<ServicePlacementConstraint>? PlacementConstraints { get; }
}

/// <summary>The settings only Fargate services have, as the service builder reads them from the Fargate props.</summary>
internal interface IFargateServiceSettings
{
    int Cpu { get; }

    int MemoryMiB { get; }

    bool? AssignPublicIp { get; }

    FargatePlatformVersion? PlatformVersion { get; }
}
