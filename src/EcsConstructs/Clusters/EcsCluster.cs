using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.Logs;
using Constructs;
using EcsConstructs.Rules;
using EcsConstructs.Rules.Conditions;
using EcsConstructs.Validation;

namespace EcsConstructs.Clusters;

/// <summary>
/// An ECS cluster with its VPC (created or given), EC2 Auto Scaling group capacity providers
/// (ECS-optimized Amazon Linux 2023, launch templates with IMDSv2 required, managed scaling)
/// and, optionally, the Fargate and Fargate Spot providers, plus a default capacity provider
/// strategy. Container Insights is on by default.
/// </summary>
public sealed partial class EcsCluster : Construct, IEcsCluster
{
    /// <summary>Construct ids of the cluster's own children, which an EC2 capacity id must not reuse.</summary>
    private static readonly string[] ReservedChildIds = ["Vpc", "Cluster", "ExecuteCommandLogs"];

    private readonly List<Ec2Capacity> _ec2Capacity = [];

    /// <summary>Creates the cluster.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="props">The settings; all optional.</param>
    public EcsCluster(Construct scope, string id, EcsClusterProps? props = null)
        : base(scope, id)
    {
        props ??= new EcsClusterProps();
        Validate(props);

        Vpc = props.Vpc ?? ClusterNetwork.Create(this, props);

        Cluster = new Cluster(this, "Cluster", new ClusterProps
        {
            Vpc = Vpc,
            ClusterName = props.ClusterName,
            ContainerInsights = props.ContainerInsights,
            ExecuteCommandConfiguration = ExecuteCommand(props),
        });
        if (props.CreateOutputs)
        {
            _ = new CfnOutput(this, "ClusterName", new CfnOutputProps { Value = Cluster.ClusterName, Description = $"Name of the ECS cluster {Node.Path}" });
        }

        foreach (var options in props.Ec2Capacity)
        {
            _ec2Capacity.Add(new Ec2Capacity(this, Cluster, options));
        }

        if (props.EnableFargateCapacityProviders)
        {
            Cluster.EnableFargateCapacityProviders();
            FargateEnabled = true;
        }

        SetDefaultStrategy(props.DefaultCapacityProviderStrategy ?? DefaultStrategy());
    }

    /// <summary>The log group of ECS Exec sessions, when <see cref="EcsClusterProps.ExecuteCommandLogging"/> is set.</summary>
    public LogGroup? ExecuteCommandLogGroup { get; private set; }

    /// <summary>The VPC of the cluster.</summary>
    public IVpc Vpc { get; }

    /// <summary>The ECS cluster.</summary>
    public Cluster Cluster { get; }

    /// <summary>The EC2 capacity providers, in the order given.</summary>
    public IReadOnlyList<Ec2Capacity> Ec2Capacity => _ec2Capacity;

    /// <summary>Whether <c>FARGATE</c> and <c>FARGATE_SPOT</c> are associated with the cluster.</summary>
    public bool FargateEnabled { get; }

    /// <summary>The strategy services get when they name none (empty when the cluster has none).</summary>
    public IReadOnlyList<CapacityProviderShare> DefaultCapacityProviderStrategy { get; private set; } = [];

    /// <summary>
    /// Adds an EC2 capacity (an Auto Scaling group capacity provider) after the cluster is created,
    /// e.g. from another part of the app. Services name it by <see cref="Ec2CapacityOptions.Id"/> in
    /// their strategy; add it before the services that use it. When the cluster has no default
    /// strategy yet (no capacity and no Fargate providers at creation, and no
    /// <see cref="EcsClusterProps.DefaultCapacityProviderStrategy"/>), the first capacity added
    /// becomes the default, as it would have at creation.
    /// </summary>
    /// <param name="options">The capacity; its id must be new in this cluster.</param>
    /// <returns>The capacity created.</returns>
    /// <exception cref="EcsValidationException">The id is blank, reserved or already used (ECS048), or the options are out of range.</exception>
    public Ec2Capacity AddEc2Capacity(Ec2CapacityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateCapacityId(options, "AddEc2Capacity");
        if (_ec2Capacity.Any(c => c.Options.Id == options.Id))
        {
            throw new EcsValidationException(RuleIds.InvalidName, Node.Path, "AddEc2Capacity",
                $"uses the id '{options.Id}' of an existing EC2 capacity; each EC2 capacity needs its own id.");
        }

        var capacity = new Ec2Capacity(this, Cluster, options);
        _ec2Capacity.Add(capacity);
        if (DefaultCapacityProviderStrategy.Count == 0)
        {
            SetDefaultStrategy(DefaultStrategy());
        }

        return capacity;
    }

    /// <summary>Writes the cluster's default strategy (none when empty); CDK allows it once per cluster.</summary>
    private void SetDefaultStrategy(IReadOnlyList<CapacityProviderShare> strategy)
    {
        if (strategy.Count > 0)
        {
            Cluster.AddDefaultCapacityProviderStrategy(
                CapacityProviderStrategies.Resolve(this, nameof(EcsClusterProps.DefaultCapacityProviderStrategy), strategy, this));
        }

        DefaultCapacityProviderStrategy = strategy;
    }

    /// <inheritdoc/>
    ICluster IEcsCluster.Cluster => Cluster;

    /// <summary>
    /// A cluster created elsewhere (<c>Cluster.FromClusterAttributes</c>, another app, raw CDK), for
    /// services of this library. The services then name its capacity providers in their strategy as
    /// they are (no capacity ids), and a service without a strategy gets the cluster's own default
    /// (EC2 services) or an explicit <c>FARGATE</c> strategy (Fargate services).
    /// </summary>
    /// <param name="cluster">The cluster; it must have a VPC.</param>
    /// <returns>The cluster as services take it.</returns>
    public static IEcsCluster Import(ICluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return new ImportedEcsCluster(cluster);
    }

    private ExecuteCommandConfiguration? ExecuteCommand(EcsClusterProps props)
    {
        if (!props.ExecuteCommandLogging)
        {
            return props.ExecuteCommandKmsKey is null ? null : new ExecuteCommandConfiguration { KmsKey = props.ExecuteCommandKmsKey };
        }

        ExecuteCommandLogGroup = new LogGroup(this, "ExecuteCommandLogs", new LogGroupProps
        {
            Retention = RetentionDays.ONE_MONTH,
            RemovalPolicy = RemovalPolicy.RETAIN,
            EncryptionKey = props.ExecuteCommandKmsKey,
        });
        return new ExecuteCommandConfiguration
        {
            KmsKey = props.ExecuteCommandKmsKey,
            Logging = ExecuteCommandLogging.OVERRIDE,
            LogConfiguration = new ExecuteCommandLogConfiguration
            {
                CloudWatchLogGroup = ExecuteCommandLogGroup,
                CloudWatchEncryptionEnabled = props.ExecuteCommandKmsKey is not null,
            },
        };
    }

    private List<CapacityProviderShare> DefaultStrategy()
    {
        if (_ec2Capacity.Count > 0)
        {
            return [new CapacityProviderShare { Provider = _ec2Capacity[0].Options.Id, Weight = 1 }];
        }

        return FargateEnabled ? [new CapacityProviderShare { Provider = CapacityProviderShare.Fargate, Weight = 1 }] : [];
    }

    /// <summary>
    /// The id becomes a construct id under the cluster: it must not be empty nor collide with the
    /// cluster's own children (a raw jsii error otherwise).
    /// </summary>
    private void ValidateCapacityId(Ec2CapacityOptions capacity, string property)
    {
        if (string.IsNullOrWhiteSpace(capacity.Id) || ReservedChildIds.Contains(capacity.Id))
        {
            throw new EcsValidationException(RuleIds.InvalidName, Node.Path, property,
                $"'{capacity.Id}' cannot be the id of an EC2 capacity; allowed: a non-empty id other than {string.Join(", ", ReservedChildIds)}.");
        }
    }

    private void Validate(EcsClusterProps props)
    {
        Check.NotEmpty(RuleIds.InvalidName, this, nameof(props.ClusterName), props.ClusterName);
        Check.EcsName(this, nameof(props.ClusterName), props.ClusterName, "cluster name");

        foreach (var capacity in props.Ec2Capacity)
        {
            ValidateCapacityId(capacity, "Ec2Capacity.Id");
        }
        if (props.Vpc is null)
        {
            var zones = props.AvailabilityZones?.Count ?? props.MaxAzs;
            if (props.AvailabilityZones is { } given)
            {
                if (!TaskLimits.LoadBalancerZonesAllowed(given))
                {
                    throw new EcsValidationException(RuleIds.AlbSubnets, Node.Path, nameof(props.AvailabilityZones),
                        $"[{string.Join(", ", given)}] must name at least 2 distinct zones; a load balancer needs subnets in two Availability Zones.");
                }
            }
            else
            {
                Check.InRange(RuleIds.OutOfRange, this, nameof(props.MaxAzs), props.MaxAzs, 2, 6);
            }

            var privateEgress = ClusterNetwork.LayoutHasPrivateEgress(props);
            if (privateEgress)
            {
                if (props.NatGateways == 0)
                {
                    throw new EcsValidationException(RuleIds.ConflictingProps, Node.Path, nameof(props.NatGateways),
                        $"is 0, but SubnetConfiguration has private subnets with egress, whose default route needs a NAT gateway; allowed: 1 to {zones}, or PRIVATE_ISOLATED / PUBLIC subnets only.");
                }

                Check.InRange(RuleIds.OutOfRange, this, nameof(props.NatGateways), props.NatGateways, 1, zones);
            }
            else if (props.NatGateways is > 0)
            {
                throw new EcsValidationException(RuleIds.ConflictingProps, Node.Path, nameof(props.NatGateways),
                    $"is {props.NatGateways}, but SubnetConfiguration has no private subnet with egress, so nothing would route through a NAT gateway; allowed: 0 (or not set), or add PRIVATE_WITH_EGRESS subnets.");
            }
        }

        var duplicate = props.Ec2Capacity.GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new EcsValidationException(RuleIds.InvalidName, Node.Path, nameof(props.Ec2Capacity),
                $"uses the id '{duplicate.Key}' more than once; each EC2 capacity needs its own id.");
        }
    }
}
