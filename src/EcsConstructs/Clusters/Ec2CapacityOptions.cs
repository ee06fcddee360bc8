using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;

namespace EcsConstructs.Clusters;

/// <summary>
/// Settings of one EC2 Auto Scaling group capacity provider of a cluster.
/// </summary>
public class Ec2CapacityOptions
{
    /// <summary>
    /// The construct id of the capacity inside the cluster; strategies of this library name the
    /// capacity by it (<see cref="CapacityProviderShare.Provider"/>). Part of every logical id of
    /// the capacity: changing it replaces the Auto Scaling group.
    /// </summary>
    public required string Id { get; init; }

    /// <summary>The instance type of the group (e.g. <c>InstanceType.Of(InstanceClass.T3, InstanceSize.SMALL)</c>). ARM types get the ARM AMI.</summary>
    public required InstanceType InstanceType { get; init; }

    /// <summary>
    /// Further instance types the group may launch (a mixed instances policy), all of the same
    /// architecture as <see cref="InstanceType"/>. Spot capacity needs several types to survive
    /// the loss of one pool. Default: none.
    /// </summary>
    public IReadOnlyList<InstanceType> AdditionalInstanceTypes { get; init; } = [];

    /// <summary>Runs the group on Spot instances (with Spot draining in the agent). Default: null (on-demand only).</summary>
    public SpotCapacityOptions? Spot { get; init; }

    /// <summary>Minimum number of instances. Default: 1.</summary>
    public int MinCapacity { get; init; } = 1;

    /// <summary>Maximum number of instances. Default: 3.</summary>
    public int MaxCapacity { get; init; } = 3;

    /// <summary>
    /// Initial number of instances. Default: not set, so a redeploy never resets a group that
    /// managed scaling has resized (CloudFormation then starts at <see cref="MinCapacity"/>).
    /// </summary>
    public int? DesiredCapacity { get; init; }

    /// <summary>
    /// Where the instances run. Default: the VPC's private subnets with egress; in a VPC without
    /// them, its public subnets, with a public IP per instance (so the ECS agent reaches ECS).
    /// </summary>
    public SubnetSelection? VpcSubnets { get; init; }

    /// <summary>Size of the encrypted gp3 root volume in GiB. Default: 30 (the ECS-optimized AMI's minimum).</summary>
    public int RootVolumeSizeGiB { get; init; } = 30;

    /// <summary>KMS key that encrypts the root volume. Default: the account's default EBS key (the volume is always encrypted).</summary>
    public IKey? RootVolumeEncryptionKey { get; init; }

    /// <summary>EC2 key pair for SSH. Default: none (prefer <see cref="EnableSsmSessionManager"/>).</summary>
    public IKeyPair? KeyPair { get; init; }

    /// <summary>
    /// Whether the instances can be reached through SSM Session Manager (adds the
    /// AmazonSSMManagedInstanceCore policy to the instance role). Default: false.
    /// </summary>
    public bool EnableSsmSessionManager { get; init; }

    /// <summary>
    /// Target utilization (percent) that managed scaling keeps the group at; 100 means no spare
    /// instances. Allowed: 1 to 100. Default: 100.
    /// </summary>
    public int TargetCapacityPercent { get; init; } = 100;

    /// <summary>Fewest instances managed scaling adds or removes at once. Allowed: 1 to 10000. Default: the ECS default (1).</summary>
    public int? MinimumScalingStepSize { get; init; }

    /// <summary>Most instances managed scaling adds or removes at once. Allowed: 1 to 10000. Default: the ECS default (10000).</summary>
    public int? MaximumScalingStepSize { get; init; }

    /// <summary>
    /// How long a new instance takes before it counts towards the capacity provider's metrics.
    /// Allowed: 0 to 10000 seconds, whole seconds. Default: the ECS default (300 seconds).
    /// </summary>
    public Duration? InstanceWarmupPeriod { get; init; }

    /// <summary>
    /// Whether ECS protects instances that run tasks from scale-in (managed termination
    /// protection). Requires new-instance scale-in protection on the group, which the library
    /// sets. Default: true.
    /// </summary>
    public bool EnableManagedTerminationProtection { get; init; } = true;

    /// <summary>Whether ECS drains tasks from instances before the group terminates them. Default: true.</summary>
    public bool EnableManagedDraining { get; init; } = true;

    /// <summary>
    /// Whether containers may reach the instance role through the instance metadata service.
    /// Default: false: the user data blocks IMDS from containers in bridge mode and sets
    /// <c>ECS_AWSVPC_BLOCK_IMDS=true</c>, so tasks only get the credentials of their task role.
    /// </summary>
    public bool CanContainersAccessInstanceRole { get; init; }

    /// <summary>
    /// When the stack is deleted, force-delete the Auto Scaling group (terminating instances that
    /// still run, even scale-in protected ones) instead of waiting for them. With managed
    /// termination protection, instances that run tasks are protected from scale-in, and
    /// CloudFormation can wait for hours to delete the group (rule ECS044). Adds a custom resource
    /// (a small Lambda function, created once per stack) that calls <c>DeleteAutoScalingGroup</c>
    /// with <c>ForceDelete</c> after the capacity provider is gone; it does nothing on create and
    /// update. Set false for a long-lived stack whose deletion should wait for running tasks to
    /// drain (and acknowledge ECS044). Default: true.
    /// </summary>
    public bool ForceDeleteOnStackDeletion { get; init; } = true;
}
