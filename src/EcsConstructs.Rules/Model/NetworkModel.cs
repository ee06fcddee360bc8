using System.Text.Json.Nodes;
using static EcsConstructs.Rules.Model.EcsModel;
using static EcsConstructs.Rules.Model.JsonValues;

namespace EcsConstructs.Rules.Model;

/// <summary>Subnets, routes and security group rules, as far as the templates show them.</summary>
internal static class NetworkModel
{
    /// <summary>How a subnet reaches ECR and the other AWS endpoints.</summary>
    public enum SubnetEgress
    {
        /// <summary>Not known from the templates (e.g. an imported subnet).</summary>
        Unknown,

        /// <summary>No default route and no ECR endpoint in the VPC.</summary>
        None,

        /// <summary>A default route that is not an internet gateway (a NAT gateway), or an ECR endpoint.</summary>
        Nat,

        /// <summary>A default route to an internet gateway (a public subnet).</summary>
        InternetGateway,
    }

    public static SubnetEgress Egress(TemplateIndex index, CfnEntry subnet)
    {
        var tables = index.OfType("AWS::EC2::SubnetRouteTableAssociation")
            .Where(a => TemplateIndex.RefId(a.P("SubnetId")) == subnet.Key)
            .Select(a => TemplateIndex.RefId(a.P("RouteTableId"))).ToList();
        if (tables.Count == 0)
        {
            return SubnetEgress.Unknown;
        }

        var routes = index.OfType("AWS::EC2::Route").Where(r => tables.Contains(TemplateIndex.RefId(r.P("RouteTableId"))) && Str(r.P("DestinationCidrBlock")) == "0.0.0.0/0").ToList();
        if (routes.Any(r => r.P("GatewayId") is { } gw && index.Target(gw)?.Type == "AWS::EC2::InternetGateway"))
        {
            return SubnetEgress.InternetGateway;
        }

        if (routes.Count > 0)
        {
            return SubnetEgress.Nat;
        }

        return HasEcrEndpoint(index, subnet) ? SubnetEgress.Nat : SubnetEgress.None;
    }

    /// <summary>Whether the subnet's VPC has an ECR (<c>ecr.dkr</c>) interface endpoint in the templates.</summary>
    public static bool HasEcrEndpoint(TemplateIndex index, CfnEntry subnet)
    {
        var vpc = TemplateIndex.RefId(subnet.P("VpcId"));
        return index.OfType("AWS::EC2::VPCEndpoint").Any(e => TemplateIndex.RefId(e.P("VpcId")) == vpc && AnyString(e.P("ServiceName"), s => s.Contains("ecr.dkr", StringComparison.Ordinal)));
    }

    /// <summary>One security group rule, inline in an <c>AWS::EC2::SecurityGroup</c> or its own resource.</summary>
    /// <param name="Resource">The resource that creates it (the group, for an inline rule).</param>
    /// <param name="Ingress">Ingress (true) or egress.</param>
    /// <param name="Group">The group's key (a resource of the templates) or literal id; null when unknown.</param>
    /// <param name="Protocol">The protocol, normalized: <c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>-1</c> (all) or as written.</param>
    /// <param name="From">The first port (or ICMP type); null when unknown.</param>
    /// <param name="To">The last port (or ICMP code); null when unknown.</param>
    /// <param name="Peer">The other side: <c>sg:</c> key or id, <c>cidr:</c>, <c>cidr6:</c> or <c>pl:</c> prefix list; null when unknown.</param>
    /// <param name="Inline">Whether the rule is inline in the group's own resource.</param>
    public sealed record SecurityGroupRule(CfnEntry Resource, bool Ingress, string? Group, string Protocol, int? From, int? To, string? Peer, bool Inline)
    {
        /// <summary>Whether every part is known, so the rule can be compared with others.</summary>
        public bool Known => Group is not null && Peer is not null && (Protocol == "-1" || (From is not null && To is not null));

        /// <summary>What EC2 compares to find a duplicate: direction, group, protocol, ports, peer.</summary>
        public string Identity => $"{(Ingress ? "in" : "out")}|{Group}|{Protocol}|{(Protocol == "-1" ? "*" : $"{From}-{To}")}|{Peer}";

        /// <summary>The rule as a message shows it, e.g. <c>TCP 32768-65535 from sg …</c>.</summary>
        public string Describe(TemplateIndex index) =>
            $"{(Protocol == "-1" ? "all traffic" : $"{Protocol.ToUpperInvariant()} {(From == To ? $"{From}" : $"{From}-{To}")}")} {(Ingress ? "from" : "to")} {Name(index, Peer)}";

        private static string Name(TemplateIndex index, string? peer) =>
            peer is not null && peer.StartsWith("sg:", StringComparison.Ordinal) && index[peer[3..]] is { } group ? $"security group {group.Path}" : peer?.Split(':', 2)[^1] ?? "?";
    }

    /// <summary>Every security group rule of the templates: the groups' inline rules and the separate rule resources.</summary>
    public static IEnumerable<SecurityGroupRule> SecurityGroupRules(TemplateIndex index)
    {
        foreach (var group in index.OfType("AWS::EC2::SecurityGroup"))
        {
            foreach (var rule in Objects(group.P("SecurityGroupIngress")))
            {
                yield return Rule(group, rule, ingress: true, group.Key, inline: true);
            }

            foreach (var rule in Objects(group.P("SecurityGroupEgress")))
            {
                yield return Rule(group, rule, ingress: false, group.Key, inline: true);
            }
        }

        foreach (var rule in index.OfType("AWS::EC2::SecurityGroupIngress"))
        {
            yield return Rule(rule, rule.Props, ingress: true, GroupOf(rule.P("GroupId")) ?? Str(rule.P("GroupName")), inline: false);
        }

        foreach (var rule in index.OfType("AWS::EC2::SecurityGroupEgress"))
        {
            yield return Rule(rule, rule.Props, ingress: false, GroupOf(rule.P("GroupId")), inline: false);
        }
    }

    /// <summary>TCP (or all-traffic) ingress rules into the given groups (keys): the peer's key for a group peer, null for a CIDR.</summary>
    public static IEnumerable<(string? Source, int From, int To)> Ingress(TemplateIndex index, HashSet<string> groupIds) =>
        SecurityGroupRules(index)
            .Where(r => r.Ingress && r.Group is not null && groupIds.Contains(r.Group) && r.Protocol is "tcp" or "-1")
            .Select(r => (r.Peer is { } peer && peer.StartsWith("sg:", StringComparison.Ordinal) ? peer[3..] : null,
                r.Protocol == "-1" ? 0 : r.From ?? 0, r.Protocol == "-1" ? 65535 : r.To ?? 0));

    private static SecurityGroupRule Rule(CfnEntry resource, JsonNode? rule, bool ingress, string? group, bool inline)
    {
        var protocol = Str(Get(rule, "IpProtocol")) switch
        {
            "6" or "tcp" or "TCP" => "tcp",
            "17" or "udp" or "UDP" => "udp",
            "1" or "icmp" or "ICMP" => "icmp",
            "-1" or "all" => "-1",
            var other => other ?? "?",
        };
        var peer = ingress
            ? Peer(Get(rule, "CidrIp"), Get(rule, "CidrIpv6"), Get(rule, "SourceSecurityGroupId") ?? Get(rule, "SourceSecurityGroupName"), Get(rule, "SourcePrefixListId"))
            : Peer(Get(rule, "CidrIp"), Get(rule, "CidrIpv6"), Get(rule, "DestinationSecurityGroupId"), Get(rule, "DestinationPrefixListId"));
        return new SecurityGroupRule(resource, ingress, group, protocol, Int(Get(rule, "FromPort")), Int(Get(rule, "ToPort")), peer, inline);
    }

    private static string? Peer(JsonNode? cidr, JsonNode? cidr6, JsonNode? group, JsonNode? prefixList) =>
        cidr is not null ? Str(cidr) is { } c ? $"cidr:{c.ToLowerInvariant()}" : null
        : cidr6 is not null ? Str(cidr6) is { } c6 ? $"cidr6:{c6.ToLowerInvariant()}" : null
        : group is not null ? GroupOf(group) is { } g ? $"sg:{g}" : null
        : prefixList is not null ? Str(prefixList) is { } p ? $"pl:{p}" : null
        : null;

    /// <summary>A group reference: the key of a group of the templates, or a literal id.</summary>
    private static string? GroupOf(JsonNode? value) => TemplateIndex.RefId(value) ?? Str(value);
}
