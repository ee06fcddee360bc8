using Amazon.CDK.AWS.SNS;
using EcsConstructs.Tests.Support;
using EcsConstructs.Validation;

namespace EcsConstructs.Tests.Validation;

public sealed class NagSuppressionsTests
{
    [Fact]
    public void Suppressions_of_several_rules_on_one_resource_accumulate()
    {
        var stack = TestApps.NewStack();
        var topic = new Topic(stack, "Topic");

        NagSuppressions.Suppress(topic, "AwsSolutions-SNS2", "The topic carries no data, only a wake-up signal.");
        NagSuppressions.Suppress(topic, "AwsSolutions-SNS3", "Publishers are AWS services that always use TLS.", "Resource::*");

        var rules = Synthesized.Of(stack).Single("AWS::SNS::Topic").Value["Metadata"]!["cdk_nag"]!["rules_to_suppress"]!.AsArray();
        Assert.Equal(["AwsSolutions-SNS2", "AwsSolutions-SNS3"], rules.Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal("Resource::*", rules[1]!["appliesTo"]![0]!.GetValue<string>());
    }

    [Fact]
    public void A_suppression_without_a_real_reason_is_refused()
    {
        var stack = TestApps.NewStack();
        var topic = new Topic(stack, "Topic");

        var e = Assert.Throws<ArgumentException>(() => NagSuppressions.Suppress(topic, "AwsSolutions-SNS2", "n/a"));
        Assert.StartsWith("A cdk-nag suppression needs a reason a reviewer can check", e.Message, StringComparison.Ordinal);
    }
}
