using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace EcsConstructs.Clusters;

/// <summary>The VPC an <see cref="EcsCluster"/> creates when it is given none.</summary>
internal static class ClusterNetwork
{
    /// <summary>Whether the layout <paramref name="props"/> asks for has private subnets with egress (which route through NAT gateways).</summary>
    public static bool LayoutHasPrivateEgress(EcsClusterProps props) =>
        props.SubnetConfiguration is { } layout
            ? layout.Any(s => s.SubnetType == SubnetType.PRIVATE_WITH_EGRESS)
            : props.NatGateways != 0;

    /// <summary>
    /// Whether <paramref name="vpc"/> has private subnets with egress. Without them (a VPC of public
    /// subnets, perhaps with isolated ones) instances and tasks run in the public subnets with public IPs.
    /// </summary>
    /// <remarks>
    /// Asked by every service and capacity of the VPC (task subnets, public IPs, internal load
    /// balancers): answered once per VPC, since reading <c>PrivateSubnets</c> is a round trip to the
    /// CDK process that returns every subnet. A VPC's subnets are fixed once it is constructed.
    /// </remarks>
    public static bool HasPrivateEgress(IVpc vpc) =>
        KnownPrivateEgress.GetValue(vpc, v => new(v.PrivateSubnets.Length > 0)).Value;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IVpc, System.Runtime.CompilerServices.StrongBox<bool>> KnownPrivateEgress = new();

    public static Vpc Create(Construct scope, EcsClusterProps props)
    {
        var privateEgress = LayoutHasPrivateEgress(props);
        var vpc = new Vpc(scope, "Vpc", new VpcProps
        {
            MaxAzs = props.AvailabilityZones is null ? props.MaxAzs : null,
            AvailabilityZones = props.AvailabilityZones?.ToArray(),
            NatGateways = props.NatGateways ?? (privateEgress ? 1 : 0),
            SubnetConfiguration = props.SubnetConfiguration?.ToArray()
                ?? (privateEgress ? null : [new SubnetConfiguration { Name = "Public", SubnetType = SubnetType.PUBLIC }]),
        });

        // Flow logs of every rejected and accepted connection, kept like all logs of the library.
        var flowLogGroup = new LogGroup(vpc, "FlowLogGroup", new LogGroupProps
        {
            Retention = RetentionDays.ONE_MONTH,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        vpc.AddFlowLog("FlowLog", new FlowLogOptions
        {
            Destination = FlowLogDestination.ToCloudWatchLogs(flowLogGroup),
            TrafficType = FlowLogTrafficType.ALL,
        });

        CdkHandlers.HardenVpcDefaultSecurityGroupHandler(Stack.Of(scope));
        return vpc;
    }
}
