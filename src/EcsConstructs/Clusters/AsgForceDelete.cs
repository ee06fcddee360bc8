using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.CustomResources;
using Constructs;
using EcsConstructs.Validation;

namespace EcsConstructs.Clusters;

/// <summary>
/// A custom resource that does nothing on create and update, and on delete force-deletes an
/// Auto Scaling group (<c>DeleteAutoScalingGroup</c> with <c>ForceDelete</c>), terminating its
/// instances even when they are protected from scale-in. CloudFormation's own deletion of the
/// group then finds it gone. Created by <see cref="Ec2CapacityOptions.ForceDeleteOnStackDeletion"/>.
/// </summary>
public sealed class AsgForceDelete : Construct
{
    /// <summary>The id CDK gives the singleton AwsCustomResource handler in a stack.</summary>
    private const string SingletonFunctionId = "AWS679f53fac002430cb0da5b7982bd2287";

    internal AsgForceDelete(Construct scope, string id, AutoScalingGroup group)
        : base(scope, id)
    {
        Resource = new AwsCustomResource(this, "Resource", new AwsCustomResourceProps
        {
            OnDelete = new AwsSdkCall
            {
                Service = "AutoScaling",
                Action = "deleteAutoScalingGroup",
                Parameters = new Dictionary<string, object>
                {
                    ["AutoScalingGroupName"] = group.AutoScalingGroupName,
                    ["ForceDelete"] = true,
                },
                IgnoreErrorCodesMatching = "ValidationError",
            },
            Policy = AwsCustomResourcePolicy.FromStatements(
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["autoscaling:DeleteAutoScalingGroup"],
                    Resources = [group.AutoScalingGroupArn],
                }),
            ]),
            InstallLatestAwsSdk = false,
        });

        NagSuppressions.Suppress(Resource.Node.FindChild("CustomResourcePolicy"), "AwsSolutions-IAM5",
            "Only autoscaling:DeleteAutoScalingGroup on this group; an Auto Scaling group ARN carries a generated id " +
            "unknown before creation, so the ARN is matched by the group's name with a wildcard id.");
        HardenHandler(Stack.Of(this));
    }

    /// <summary>The custom resource.</summary>
    public AwsCustomResource Resource { get; }

    private static void HardenHandler(Stack stack)
    {
        if (stack.Node.TryFindChild(SingletonFunctionId) is not Function handler)
        {
            return;
        }

        CdkHandlers.Harden((CfnResource)handler.Node.DefaultChild!, handler.Role?.Node.DefaultChild as CfnResource,
            "Role of aws-cdk-lib's AwsCustomResource handler; AWSLambdaBasicExecutionRole only lets it write its own logs.");
    }
}
