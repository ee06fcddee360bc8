using Amazon.CDK;
using Constructs;
using EcsConstructs.Validation;

namespace EcsConstructs.Clusters;

/// <summary>
/// Keeps aws-cdk-lib's own Lambda handlers deployable. aws-cdk-lib 2.160 ships them on
/// nodejs20.x, which AWS Lambda deprecated on 2026-04-30 (new functions on a deprecated runtime
/// are refused once the block date passes); they only use the AWS SDK v3 that every newer Node.js
/// runtime bundles. The library applies this to the handlers it causes; apps that build their own
/// VPC in a stack call <see cref="HardenVpcDefaultSecurityGroupHandler"/>.
/// </summary>
public static class CdkHandlers
{
    /// <summary>The Lambda runtime the handlers are raised to.</summary>
    public const string Runtime = "nodejs24.x";

    private const string BasicExecutionRole = "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

    /// <summary>
    /// Raises the runtime of the handler that the <c>@aws-cdk/aws-ec2:restrictDefaultSecurityGroup</c>
    /// feature flag adds to a stack with a VPC (it removes the default security group's rules), and
    /// suppresses cdk-nag's AwsSolutions-IAM4 on its role with the reason. Does nothing in a stack
    /// without that handler. Call it after the VPC is created.
    /// </summary>
    /// <param name="stack">The stack that holds the VPC.</param>
    public static void HardenVpcDefaultSecurityGroupHandler(Stack stack)
    {
        // Created once per stack, shared by every VPC of it.
        if (stack.Node.TryFindChild("Custom::VpcRestrictDefaultSGCustomResourceProvider") is IConstruct provider)
        {
            Harden(provider.Node.TryFindChild("Handler") as CfnResource, provider.Node.TryFindChild("Role") as CfnResource,
                "Role of aws-cdk-lib's own handler that removes the default security group's rules; " +
                "AWSLambdaBasicExecutionRole only lets it write its own CloudWatch logs.");
        }
    }

    /// <summary>Raises a handler's runtime and suppresses IAM4 on its role, once per role.</summary>
    internal static void Harden(CfnResource? handler, CfnResource? role, string reason)
    {
        handler?.AddPropertyOverride("Runtime", Runtime);
        if (role is not null && role.GetMetadata("cdk_nag") is null)
        {
            NagSuppressions.Suppress(role, "AwsSolutions-IAM4", reason, BasicExecutionRole);
        }
    }
}
