using Amazon.CDK;
using Constructs;

namespace EcsConstructs.Validation;

/// <summary>
/// Writes cdk-nag suppressions into the template (<c>Metadata.cdk_nag.rules_to_suppress</c>),
/// where cdk-nag 2.x and reviewers of the snapshot both see them. Every suppression carries a
/// reason that says why the rule does not apply to that resource.
/// </summary>
public static class NagSuppressions
{
    /// <summary>
    /// Suppresses <paramref name="ruleId"/> on the CloudFormation resource of
    /// <paramref name="construct"/> (the construct itself when it is a <see cref="CfnResource"/>,
    /// else its default child).
    /// </summary>
    /// <param name="construct">An L1 resource or an L2 construct with a default child.</param>
    /// <param name="ruleId">The rule, e.g. <c>AwsSolutions-EC23</c>.</param>
    /// <param name="reason">Why the finding is acceptable here (at least 10 characters).</param>
    /// <param name="appliesTo">Finding details the suppression is limited to (e.g. <c>Resource::*</c>). Default: the whole rule.</param>
    public static void Suppress(IConstruct construct, string ruleId, string reason, params string[] appliesTo) =>
        Write(construct, ruleId, reason, appliesTo.Length > 0 ? appliesTo : null);

    /// <summary>
    /// Suppresses <paramref name="ruleId"/> on <paramref name="construct"/>'s resource for the finding details
    /// matching any of <paramref name="appliesToPatterns"/> (cdk-nag <c>appliesTo: [{ regex }]</c>), for details
    /// that embed logical ids or the region, e.g. <c>/^Resource::arn:[^:]+:logs:.*:log-group:.+:\*$/</c>.
    /// </summary>
    /// <param name="construct">An L1 resource or an L2 construct with a default child.</param>
    /// <param name="ruleId">The rule, e.g. <c>AwsSolutions-IAM5</c>.</param>
    /// <param name="reason">Why the finding is acceptable here (at least 10 characters).</param>
    /// <param name="appliesToPatterns">JavaScript regular expression literals, e.g. <c>/^Resource::.*$/</c>; at least one.</param>
    public static void SuppressMatching(IConstruct construct, string ruleId, string reason, params string[] appliesToPatterns)
    {
        if (appliesToPatterns.Length == 0)
        {
            throw new ArgumentException("Give at least one pattern; use Suppress for the whole rule.", nameof(appliesToPatterns));
        }

        Write(construct, ruleId, reason, appliesToPatterns.Select(p => (object)new Dictionary<string, object> { ["regex"] = p }).ToArray());
    }

    private static void Write(IConstruct construct, string ruleId, string reason, object[]? appliesTo)
    {
        if (reason is null || reason.Trim().Length < 10)
        {
            throw new ArgumentException("A cdk-nag suppression needs a reason a reviewer can check (at least 10 characters).", nameof(reason));
        }

        var resource = construct as CfnResource ?? construct.Node.DefaultChild as CfnResource
            ?? throw new ArgumentException($"{construct.Node.Path} has no CloudFormation resource to carry a suppression.", nameof(construct));

        var entry = new Dictionary<string, object> { ["id"] = ruleId, ["reason"] = reason };
        if (appliesTo is not null)
        {
            entry["appliesTo"] = appliesTo;
        }

        var existing = resource.GetMetadata("cdk_nag") is IDictionary<string, object> current
            && current.TryGetValue("rules_to_suppress", out var rules) && rules is IEnumerable<object> list
                ? list.ToList()
                : [];
        existing.Add(entry);
        resource.AddMetadata("cdk_nag", new Dictionary<string, object> { ["rules_to_suppress"] = existing.ToArray() });
    }
}
