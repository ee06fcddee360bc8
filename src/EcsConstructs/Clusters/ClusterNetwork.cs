using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace EcsConstructs.Clusters;

/// <summary>The VPC an <see cref="EcsCluster"/> creates when it is given none.</summary>
internal static class ClusterNetwork
{
    public static Vpc Create(Construct scope, EcsClusterProps props)
    {
        var vpc = new Vpc(scope, "Vpc", new VpcProps
        {
            MaxAzs = props.AvailabilityZones is null ? props.MaxAzs : null,
            AvailabilityZones = props.AvailabilityZones?.ToArray(),
            NatGateways = props.NatGateways,
            SubnetConfiguration = props.SubnetConfiguration?.ToArray(),
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
