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

        var vpc = TemplateIndex.RefId(subnet.P("VpcId"));
        var endpoint = index.OfType("AWS::EC2::VPCEndpoint").Any(e => TemplateIndex.RefId(e.P("VpcId")) == vpc && (e.P("ServiceName")?.ToJsonString().Contains("ecr.dkr", StringComparison.Ordinal) ?? false));
        return endpoint ? SubnetEgress.Nat : SubnetEgress.None;
    }

    /// <summary>Ingress rules into the given security groups: inline and separate resources. Source null = a CIDR.</summary>
    public static IEnumerable<(string? Source, int From, int To)> Ingress(TemplateIndex index, HashSet<string> groupIds)
    {
        var rules = new List<JsonNode>();
        foreach (var id in groupIds)
        {
            rules.AddRange(Items(index[id]?.P("SecurityGroupIngress")));
        }

        rules.AddRange(index.OfType("AWS::EC2::SecurityGroupIngress").Where(r => groupIds.Contains(TemplateIndex.RefId(r.P("GroupId")) ?? string.Empty)).Select(r => (JsonNode)r.Props!));
        foreach (var rule in rules)
        {
            var protocol = Str(Get(rule, "IpProtocol"));
            var all = protocol is "-1" or "all";
            if (!all && protocol is not ("tcp" or "6"))
            {
                continue;
            }

            var source = TemplateIndex.RefId(Get(rule, "SourceSecurityGroupId"));
            yield return (source, all ? 0 : Int(Get(rule, "FromPort")) ?? 0, all ? 65535 : Int(Get(rule, "ToPort")) ?? 0);
        }
    }
}
