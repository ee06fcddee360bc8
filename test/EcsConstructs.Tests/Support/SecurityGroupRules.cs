using System.Text.Json.Nodes;
using Amazon.CDK;

namespace EcsConstructs.Tests.Support;

/// <summary>
/// One security group rule of a synthesized app: standalone (<c>AWS::EC2::SecurityGroupIngress</c> /
/// <c>Egress</c>) or inline in an <c>AWS::EC2::SecurityGroup</c>. <see cref="Group"/> and <see cref="Peer"/>
/// name a group as <c>stack/logicalId</c> whichever stack refers to it (a <c>Fn::GetAtt</c> in its own
/// stack, a <c>Fn::ImportValue</c> of its export in the others), so rules of different stacks compare.
/// </summary>
internal sealed record SecurityGroupRule(string Stack, string LogicalId, string Direction, string Group, string Peer, string Protocol, int? From, int? To)
{
    /// <summary>What EC2 compares: two rules with the same key are one rule to EC2 (the second is refused).</summary>
    public string Key => $"{Direction} {Group} {Peer} {Protocol} {From}-{To}";

    public override string ToString() => $"{Stack}/{LogicalId}: {Key}";
}

/// <summary>Reads the security group rules of synthesized stacks.</summary>
internal static class SecurityGroupRules
{
    /// <summary>Every rule of the stacks (keyed by stack name), group references resolved across them.</summary>
    public static List<SecurityGroupRule> Of(IReadOnlyDictionary<string, Synthesized> templates)
    {
        var exports = new Dictionary<string, (string Stack, JsonNode Value)>(StringComparer.Ordinal);
        foreach (var (stack, template) in templates)
        {
            foreach (var (_, output) in template.Json["Outputs"]?.AsObject() ?? [])
            {
                if (output?["Export"]?["Name"]?.GetValue<string>() is { } name)
                {
                    exports[name] = (stack, output["Value"]!);
                }
            }
        }

        string Resolve(JsonNode? node, string stack) => node switch
        {
            null => "none",
            JsonObject o when o["Fn::GetAtt"] is JsonArray a => $"{stack}/{a[0]!.GetValue<string>()}",
            JsonObject o when o["Ref"] is JsonValue r => $"{stack}/{r.GetValue<string>()}",
            JsonObject o when o["Fn::ImportValue"] is JsonValue v && exports.TryGetValue(v.GetValue<string>(), out var e) => Resolve(e.Value, e.Stack),
            JsonValue v => v.ToString(),
            _ => node.ToJsonString(),
        };

        SecurityGroupRule Rule(string stack, string logicalId, string direction, string group, JsonNode rule)
        {
            var peer = direction == "ingress"
                ? rule["SourceSecurityGroupId"] ?? rule["CidrIp"] ?? rule["CidrIpv6"] ?? rule["SourcePrefixListId"]
                : rule["DestinationSecurityGroupId"] ?? rule["CidrIp"] ?? rule["CidrIpv6"] ?? rule["DestinationPrefixListId"];
            return new SecurityGroupRule(stack, logicalId, direction, group, Resolve(peer, stack), rule["IpProtocol"]!.ToString(),
                rule["FromPort"]?.GetValue<int>(), rule["ToPort"]?.GetValue<int>());
        }

        var rules = new List<SecurityGroupRule>();
        foreach (var (stack, template) in templates)
        {
            foreach (var (id, resource) in template.Json["Resources"]!.AsObject())
            {
                var props = resource!["Properties"];
                switch (resource["Type"]!.GetValue<string>())
                {
                    case "AWS::EC2::SecurityGroupIngress":
                        rules.Add(Rule(stack, id, "ingress", Resolve(props!["GroupId"], stack), props));
                        break;
                    case "AWS::EC2::SecurityGroupEgress":
                        rules.Add(Rule(stack, id, "egress", Resolve(props!["GroupId"], stack), props));
                        break;
                    case "AWS::EC2::SecurityGroup":
                        rules.AddRange((props?["SecurityGroupIngress"]?.AsArray() ?? []).Select(r => Rule(stack, id, "ingress", $"{stack}/{id}", r!)));
                        rules.AddRange((props?["SecurityGroupEgress"]?.AsArray() ?? []).Select(r => Rule(stack, id, "egress", $"{stack}/{id}", r!)));
                        break;
                }
            }
        }

        return rules;
    }

    /// <summary>Every rule of the stacks, each synthesized (the app once).</summary>
    public static List<SecurityGroupRule> Of(params Stack[] stacks) =>
        Of(stacks.ToDictionary(s => s.StackName, Synthesized.Of));

    /// <summary>The rules between two groups (given as <c>stack/logicalId</c>): ingress of <paramref name="to"/> from <paramref name="from"/>, egress of <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static List<SecurityGroupRule> Between(this IEnumerable<SecurityGroupRule> rules, string from, string to) =>
        rules.Where(r => (r.Direction == "ingress" && r.Group == to && r.Peer == from) || (r.Direction == "egress" && r.Group == from && r.Peer == to)).ToList();

    /// <summary>Rules that EC2 would see twice: the same group, peer, protocol and ports in more than one resource.</summary>
    public static List<IGrouping<string, SecurityGroupRule>> Duplicates(this IEnumerable<SecurityGroupRule> rules) =>
        rules.GroupBy(r => r.Key).Where(g => g.Count() > 1).ToList();
}
