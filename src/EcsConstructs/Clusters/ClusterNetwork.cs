using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Logs;
using Constructs;
using EcsConstructs.Validation;

namespace EcsConstructs.Clusters;

/// <summary>The VPC an <see cref="EcsCluster"/> creates when it is given none.</summary>
internal static class ClusterNetwork
{
    /// <summary>
    /// The runtime of CDK's handler that strips the rules of the VPC's default security group.
    /// aws-cdk-lib 2.160 ships it on nodejs20.x, which AWS Lambda deprecated on 2026-04-30 (new
    /// functions on a deprecated runtime are refused once the block date passes). The handler
    /// uses only the AWS SDK v3 that every newer Node.js runtime bundles.
    /// </summary>
    public const string RestrictDefaultSecurityGroupRuntime = "nodejs24.x";

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

        HardenDefaultSecurityGroupProvider(Stack.Of(scope));
        return vpc;
    }

    private static void HardenDefaultSecurityGroupProvider(Stack stack)
    {
        // Created by the @aws-cdk/aws-ec2:restrictDefaultSecurityGroup feature flag, once per stack.
        if (stack.Node.TryFindChild("Custom::VpcRestrictDefaultSGCustomResourceProvider") is not IConstruct provider)
        {
            return;
        }

        if (provider.Node.TryFindChild("Handler") is CfnResource handler)
        {
            handler.AddPropertyOverride("Runtime", RestrictDefaultSecurityGroupRuntime);
        }

        // One provider per stack, shared by every VPC of it: suppress on its role once.
        if (provider.Node.TryFindChild("Role") is CfnResource role && role.GetMetadata("cdk_nag") is null)
        {
            NagSuppressions.Suppress(role, "AwsSolutions-IAM4",
                "Role of aws-cdk-lib's own handler that removes the default security group's rules; " +
                "AWSLambdaBasicExecutionRole only lets it write its own CloudWatch logs.",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
        }
    }
}
