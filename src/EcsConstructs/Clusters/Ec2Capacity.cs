using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using BlockDevice = Amazon.CDK.AWS.EC2.BlockDevice;
using BlockDeviceVolume = Amazon.CDK.AWS.EC2.BlockDeviceVolume;
using EbsDeviceOptions = Amazon.CDK.AWS.EC2.EbsDeviceOptions;
using EbsDeviceVolumeType = Amazon.CDK.AWS.EC2.EbsDeviceVolumeType;
using Constructs;
using EcsConstructs.Rules;
using EcsConstructs.Validation;

namespace EcsConstructs.Clusters;

/// <summary>
/// One EC2 capacity provider of an <see cref="EcsCluster"/>: a launch template (ECS-optimized
/// Amazon Linux 2023, IMDSv2 required, encrypted root volume), an Auto Scaling group built
/// from it, and an ECS capacity provider with managed scaling. Created through
/// <see cref="EcsClusterProps.Ec2Capacity"/>.
/// </summary>
public sealed class Ec2Capacity : Construct
{
    /// <summary>The host ports Docker picks from for dynamic port mappings on Amazon Linux 2023.</summary>
    public const int EphemeralPortRangeStart = 32768;

    /// <summary>The last port of the dynamic host port range.</summary>
    public const int EphemeralPortRangeEnd = 65535;

    internal Ec2Capacity(Construct scope, Cluster cluster, Ec2CapacityOptions options)
        : base(scope, options.Id)
    {
        Validate(options);
        Options = options;

        var architecture = ValidateArchitecture(options);
        var hardware = architecture == InstanceArchitecture.ARM_64 ? AmiHardwareType.ARM : AmiHardwareType.STANDARD;

        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = cluster.Vpc,
            Description = $"ECS container instances of {Node.Path}",
            AllowAllOutbound = true,
        });

        InstanceRole = new Role(this, "InstanceRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ec2.amazonaws.com"),
            Description = $"Instance role of the ECS container instances of {Node.Path} (ECS agent only)",
        });

        // A VPC without private subnets with egress (e.g. EcsCluster's NatGateways = 0): the
        // instances run in the public subnets and need public IPs to reach ECS, ECR and logs.
        var inPublicSubnets = options.VpcSubnets is null && !ClusterNetwork.HasPrivateEgress(cluster.Vpc);
        LaunchTemplate = new LaunchTemplate(this, "LaunchTemplate", new LaunchTemplateProps
        {
            AssociatePublicIpAddress = inPublicSubnets ? true : null,
            InstanceType = options.InstanceType,
            MachineImage = EcsOptimizedImage.AmazonLinux2023(hardware),
            UserData = UserData.ForLinux(),
            Role = InstanceRole,
            SecurityGroup = SecurityGroup,
            KeyPair = options.KeyPair,
            RequireImdsv2 = true,
            HttpTokens = LaunchTemplateHttpTokens.REQUIRED,
            BlockDevices =
            [
                new BlockDevice
                {
                    DeviceName = "/dev/xvda",
                    Volume = BlockDeviceVolume.Ebs(options.RootVolumeSizeGiB, new EbsDeviceOptions
                    {
                        Encrypted = true,
                        KmsKey = options.RootVolumeEncryptionKey,
                        VolumeType = EbsDeviceVolumeType.GP3,
                        DeleteOnTermination = true,
                    }),
                },
            ],
        });

        if (options.EnableSsmSessionManager)
        {
            InstanceRole.AddManagedPolicy(ManagedPolicy.FromAwsManagedPolicyName("AmazonSSMManagedInstanceCore"));
            NagSuppressions.Suppress(InstanceRole, "AwsSolutions-IAM4",
                "Opt-in SSM Session Manager access (EnableSsmSessionManager): AmazonSSMManagedInstanceCore is the " +
                "policy AWS maintains for the SSM agent; it replaces SSH and needs no open port.",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore");
        }

        var mixed = options.Spot is not null || options.AdditionalInstanceTypes.Count > 0;
        AutoScalingGroup = new AutoScalingGroup(this, "AutoScalingGroup", new AutoScalingGroupProps
        {
            Vpc = cluster.Vpc,
            VpcSubnets = options.VpcSubnets ?? new SubnetSelection { SubnetType = inPublicSubnets ? SubnetType.PUBLIC : SubnetType.PRIVATE_WITH_EGRESS },
            LaunchTemplate = mixed ? null : LaunchTemplate,
            MixedInstancesPolicy = mixed ? MixedInstances(options) : null,
            MinCapacity = options.MinCapacity,
            MaxCapacity = options.MaxCapacity,
            DesiredCapacity = options.DesiredCapacity,
        });

        if (options.Spot is { } spot)
        {
            // CDK 2.160's SpotAllocationStrategy has no price-capacity-optimized (the AWS
            // recommendation), so the strategy is written on the L1 group.
            ((CfnAutoScalingGroup)AutoScalingGroup.Node.DefaultChild!).AddPropertyOverride(
                "MixedInstancesPolicy.InstancesDistribution.SpotAllocationStrategy", SpotAllocationName(spot.AllocationStrategy));

            // CDK writes this only for groups with a spot price, which a mixed-instances group
            // cannot have: without it Spot interruptions kill tasks instead of draining them.
            LaunchTemplate.UserData!.AddCommands("echo ECS_ENABLE_SPOT_INSTANCE_DRAINING=true >> /etc/ecs/ecs.config");
        }

        CapacityProvider = new AsgCapacityProvider(this, "CapacityProvider", new AsgCapacityProviderProps
        {
            AutoScalingGroup = AutoScalingGroup,
            CapacityProviderName = ProviderName(),
            EnableManagedScaling = true,
            TargetCapacityPercent = options.TargetCapacityPercent,
            EnableManagedTerminationProtection = options.EnableManagedTerminationProtection,
            EnableManagedDraining = options.EnableManagedDraining,
            MinimumScalingStepSize = options.MinimumScalingStepSize,
            MaximumScalingStepSize = options.MaximumScalingStepSize,
            InstanceWarmupPeriod = options.InstanceWarmupPeriod?.ToSeconds(),
        });

        if (options.ForceDeleteOnStackDeletion)
        {
            ForceDelete = new AsgForceDelete(this, "ForceDelete", AutoScalingGroup);
            // Deleted after the capacity provider (which depends on it) and before the group
            // (which it references).
            CapacityProvider.Node.AddDependency(ForceDelete);
        }

        cluster.AddAsgCapacityProvider(CapacityProvider, new AddAutoScalingGroupCapacityOptions
        {
            CanContainersAccessInstanceRole = options.CanContainersAccessInstanceRole,
        });

        // CDK 2.160: AddAsgCapacityProvider, unlike the older AddAutoScalingGroup, does not put the
        // group's security group into the cluster's connections. Without it a load balancer
        // attached to a bridge-mode service opens no port to the instances and targets never
        // turn healthy. With it, CDK adds exactly the ALB -> instances rule on the dynamic range.
        cluster.Connections.AddSecurityGroup(SecurityGroup);

        SuppressReviewedFindings();
    }

    /// <summary>The settings this capacity was built from.</summary>
    public Ec2CapacityOptions Options { get; }

    /// <summary>The security group of the container instances; load balancers are admitted into it, nothing else.</summary>
    public SecurityGroup SecurityGroup { get; }

    /// <summary>The instance role: what the ECS agent needs (register, poll, pull from ECR, write logs), nothing for applications.</summary>
    public Role InstanceRole { get; }

    /// <summary>The launch template of the instances (IMDSv2 required, encrypted root volume).</summary>
    public LaunchTemplate LaunchTemplate { get; }

    /// <summary>The Auto Scaling group of the container instances.</summary>
    public AutoScalingGroup AutoScalingGroup { get; }

    /// <summary>The ECS capacity provider wrapping the group, with managed scaling on.</summary>
    public AsgCapacityProvider CapacityProvider { get; }

    /// <summary>The custom resource that force-deletes the group on stack deletion, when <see cref="Ec2CapacityOptions.ForceDeleteOnStackDeletion"/> is set.</summary>
    public AsgForceDelete? ForceDelete { get; }

    /// <summary>Whether the group runs Spot instances.</summary>
    public bool IsSpot => Options.Spot is not null;

    /// <summary>Every instance type the group may launch, the primary one first.</summary>
    public IReadOnlyList<InstanceType> InstanceTypes => [Options.InstanceType, .. Options.AdditionalInstanceTypes];

    /// <summary>
    /// The dynamic host port range of the capacity's AMI family (Amazon Linux 2023:
    /// 32768-65535): the ports a load balancer must reach on bridge-mode tasks.
    /// </summary>
    public Port EphemeralPortRange { get; } = Port.TcpRange(EphemeralPortRangeStart, EphemeralPortRangeEnd);

    private void SuppressReviewedFindings()
    {
        if (InstanceRole.Node.TryFindChild("DefaultPolicy") is IConstruct agentPolicy)
        {
            NagSuppressions.Suppress(agentPolicy, "AwsSolutions-IAM5",
                "The ECS agent's policy as aws-cdk-lib writes it: ecs:Submit* is the agent's state-change calls, on this " +
                "cluster's ARN only; ecs:Poll and ecs:StartTelemetrySession are conditioned on this cluster; " +
                "ecr:GetAuthorizationToken and ecs:DiscoverPollEndpoint support no resource-level permissions; " +
                "logs:CreateLogStream/PutLogEvents let the agent ship its own logs.",
                "Action::ecs:Submit*", "Resource::*");
        }

        NagSuppressions.Suppress(AutoScalingGroup, "AwsSolutions-AS3",
            "The ECS capacity provider's managed scaling drives this group; its scaling and ECS draining events are " +
            "recorded in the Auto Scaling activity history and in EventBridge, so no SNS topic is created per group.");
    }

    private MixedInstancesPolicy MixedInstances(Ec2CapacityOptions options) => new()
    {
        LaunchTemplate = LaunchTemplate,
        LaunchTemplateOverrides = InstanceTypesOf(options).Select(t => new LaunchTemplateOverrides { InstanceType = t }).ToArray(),
        InstancesDistribution = new InstancesDistribution
        {
            OnDemandBaseCapacity = options.Spot?.OnDemandBaseCapacity ?? 0,
            OnDemandPercentageAboveBaseCapacity = options.Spot?.OnDemandPercentageAboveBaseCapacity ?? 100,
            OnDemandAllocationStrategy = OnDemandAllocationStrategy.PRIORITIZED,
        },
    };

    private static InstanceType[] InstanceTypesOf(Ec2CapacityOptions options) => [options.InstanceType, .. options.AdditionalInstanceTypes];

    private static string SpotAllocationName(SpotAllocation allocation) => allocation switch
    {
        SpotAllocation.CapacityOptimized => "capacity-optimized",
        SpotAllocation.CapacityOptimizedPrioritized => "capacity-optimized-prioritized",
        SpotAllocation.LowestPrice => "lowest-price",
        _ => "price-capacity-optimized",
    };

    private InstanceArchitecture ValidateArchitecture(Ec2CapacityOptions options)
    {
        // One AMI serves the whole group, so every instance type must share its architecture.
        var types = InstanceTypesOf(options);
        var architectures = types.Select(t => (Name: t.ToString(), Architecture: t.Architecture)).ToList();
        var primary = architectures[0].Architecture;
        var other = architectures.FirstOrDefault(a => a.Architecture != primary);
        if (other.Name is not null)
        {
            throw new EcsValidationException(RuleIds.InstanceTypes, Node.Path, nameof(options.AdditionalInstanceTypes),
                $"{other.Name} is {Describe(other.Architecture)} but {architectures[0].Name} is {Describe(primary)}; " +
                "one group uses one AMI, so all its instance types must share an architecture (use a second capacity for the other).");
        }

        var duplicate = architectures.GroupBy(a => a.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new EcsValidationException(RuleIds.InstanceTypes, Node.Path, nameof(options.AdditionalInstanceTypes),
                $"lists {duplicate.Key} twice (InstanceType included); each instance type may appear once.");
        }

        return primary;
    }

    private static string Describe(InstanceArchitecture architecture) =>
        architecture == InstanceArchitecture.ARM_64 ? "arm64" : "x86_64";

    private string ProviderName()
    {
        // An explicit, deterministic name: ECS rejects names starting with "aws", "ecs" or
        // "fargate", which CloudFormation would generate from a stack called e.g. "ecs-prod".
        return "cp-" + Names.UniqueResourceName(this, new UniqueResourceNameOptions { MaxLength = 200, Separator = "-" });
    }

    private void Validate(Ec2CapacityOptions options)
    {
        Check.NotEmpty(RuleIds.InvalidName, this, nameof(options.Id), options.Id);
        Check.InRange(RuleIds.OutOfRange, this, nameof(options.MinCapacity), options.MinCapacity, 0, 10_000);
        Check.InRange(RuleIds.OutOfRange, this, nameof(options.MaxCapacity), options.MaxCapacity, 1, 10_000);
        Check.NotGreater(RuleIds.CapacityBounds, this, nameof(options.MinCapacity), options.MinCapacity, nameof(options.MaxCapacity), options.MaxCapacity);
        Check.NotGreater(RuleIds.CapacityBounds, this, nameof(options.MinCapacity), options.MinCapacity, nameof(options.DesiredCapacity), options.DesiredCapacity);
        Check.NotGreater(RuleIds.CapacityBounds, this, nameof(options.DesiredCapacity), options.DesiredCapacity, nameof(options.MaxCapacity), options.MaxCapacity);
        Check.InRange(RuleIds.OutOfRange, this, nameof(options.TargetCapacityPercent), options.TargetCapacityPercent, 1, 100, "%");
        Check.InRange(RuleIds.OutOfRange, this, nameof(options.RootVolumeSizeGiB), options.RootVolumeSizeGiB, 30, 16_384, "GiB");
        Check.InRange(RuleIds.OutOfRange, this, nameof(options.MinimumScalingStepSize), options.MinimumScalingStepSize, 1, 10_000);
        Check.InRange(RuleIds.OutOfRange, this, nameof(options.MaximumScalingStepSize), options.MaximumScalingStepSize, 1, 10_000);
        Check.NotGreater(RuleIds.OutOfRange, this, nameof(options.MinimumScalingStepSize), options.MinimumScalingStepSize, nameof(options.MaximumScalingStepSize), options.MaximumScalingStepSize);
        Check.InRange(RuleIds.OutOfRange, this, nameof(options.InstanceWarmupPeriod),
            Check.WholeSeconds(RuleIds.FractionalSeconds, this, nameof(options.InstanceWarmupPeriod), options.InstanceWarmupPeriod), 0, 10_000, "seconds");
        if (options.Spot is { } spot)
        {
            Check.InRange(RuleIds.OutOfRange, this, "Spot.OnDemandBaseCapacity", spot.OnDemandBaseCapacity, 0, options.MaxCapacity);
            Check.InRange(RuleIds.OutOfRange, this, "Spot.OnDemandPercentageAboveBaseCapacity", spot.OnDemandPercentageAboveBaseCapacity, 0, 100, "%");
        }
    }
}
