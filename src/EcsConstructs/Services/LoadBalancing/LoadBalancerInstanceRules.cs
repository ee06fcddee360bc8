using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Constructs;

namespace EcsConstructs.Services;

/// <summary>
/// The security group rules between a load balancer and the EC2 instances that run bridge or host
/// mode tasks: the instances' ingress from the load balancer's group and the load balancer's egress
/// to the instances' group, on the dynamic host port range or a fixed port.
/// </summary>
/// <remarks>
/// <para>
/// In bridge and host mode every service on the same capacity shares the instances' security group,
/// so every service behind the same load balancer needs the very same pair of rules. aws-cdk-lib
/// creates them per service: when the cluster is in another stack, <c>Ec2Service</c> imports the
/// instances' group under each service and the rules land in each service's stack. EC2 refuses the
/// second identical rule, and deleting one service's stack removes the rule the others still need.
/// </para>
/// <para>
/// Here the rules are created once per pair of groups and port range (aws-cdk-lib's
/// <c>addIngressRule</c> / <c>addEgressRule</c> skip a rule whose construct already exists), both in
/// the same stack, so that no two stacks import from each other: in the instances' group's stack or in
/// the load balancer's group's stack, whichever the other one may depend on. Every service that uses
/// the pair depends on both stacks (it references the cluster and the listener), so the rules outlive
/// each of them. The stack is, in this order:
/// </para>
/// <list type="number">
/// <item>the one stack of both groups;</item>
/// <item>the stack of the service when it holds one of the groups: it references the other group's
/// stack (the cluster, or the listener) and so already depends on it;</item>
/// <item>for a service in a third stack, the instances' stack when it already depends on the load
/// balancer's: the pair already has rules there, the instances' stack depends on the load balancer's
/// (<c>AddDependency</c>), or the cluster's VPC is defined in the load balancer's stack;</item>
/// <item>otherwise the load balancer's stack (which then imports the instances' group).</item>
/// </list>
/// <para>
/// Rules of the pair that an earlier service put in the other stack move to the chosen one: left
/// there, they would make the two stacks import from each other (e.g. a first service in its own stack
/// puts them in the load balancer's stack, a second one in the cluster's stack makes that stack depend
/// on the load balancer's).
/// </para>
/// </remarks>
internal static class LoadBalancerInstanceRules
{
    /// <summary>The description aws-cdk-lib writes on the rules of a registered target.</summary>
    public const string TargetDescription = "Load balancer to target";

    /// <summary>
    /// Opens <paramref name="port"/> from every security group of <paramref name="loadBalancer"/> to every
    /// security group of the cluster's instances, once per pair, in a stack chosen as described on the class.
    /// </summary>
    /// <param name="service">The service that needs the rules (its stack is a hint for the placement).</param>
    /// <param name="cluster">The service's cluster: its connections hold the instances' security groups, its VPC's stack is a hint for the placement.</param>
    /// <param name="loadBalancer">The load balancer, its listener or anything with its security groups.</param>
    /// <param name="port">The host port or port range of the targets.</param>
    /// <param name="description">The description of the rules (kept from the first service that creates them).</param>
    public static void Allow(IConstruct service, ICluster cluster, IConnectable loadBalancer, Port port, string description)
    {
        // Every CDK read is a jsii round trip: the usual case (both groups in one stack) costs two
        // Stack.Of calls per pair, compared by reference (jsii returns one proxy per object); the
        // stack paths and the hints are read only for groups in different stacks.
        var instanceGroups = cluster.Connections.SecurityGroups;
        foreach (var lb in loadBalancer.Connections.SecurityGroups)
        {
            var lbStack = Stack.Of(lb);
            foreach (var instances in instanceGroups)
            {
                var instancesStack = Stack.Of(instances);
                if (ReferenceEquals(lbStack, instancesStack) || InInstancesStack(service, cluster, lb, lbStack, instances, instancesStack))
                {
                    AllowInInstancesStack(lb, instances, port, description);
                }
                else
                {
                    AllowInLoadBalancerStack(lb, instances, port, description);
                }
            }
        }
    }

    /// <summary>
    /// Whether the pair's rules go to the instances' stack (true) or the load balancer's (false); rules of
    /// the pair already in the other stack move, since they would make the two stacks import from each other.
    /// </summary>
    private static bool InInstancesStack(IConstruct service, ICluster cluster, ISecurityGroup lb, Stack lbStack, ISecurityGroup instances, Stack instancesStack)
    {
        var lbPath = lbStack.Node.Path;
        var instancesPath = instancesStack.Node.Path;
        if (lbPath == instancesPath)
        {
            return true;
        }

        // The service's own stack is certain (its references make it depend on the other group's stack);
        // the other signs are checked only for a service in a third stack.
        var serviceStack = Stack.Of(service).Node.Path;
        var inInstancesStack = serviceStack == instancesPath
            || (serviceStack != lbPath
                && (RulesOfPair(instances, lb, instances).Count > 0
                    || DependsOn(instancesStack, lbPath)
                    || Stack.Of(cluster.Vpc).Node.Path == lbPath));
        var holder = inInstancesStack ? lb : instances;
        foreach (var (rule, port, description) in RulesOfPair(holder, lb, instances))
        {
            holder.Node.TryRemoveChild(rule.Node.Id);
            if (inInstancesStack)
            {
                AllowInInstancesStack(lb, instances, port, description);
            }
            else
            {
                AllowInLoadBalancerStack(lb, instances, port, description);
            }
        }

        return inInstancesStack;
    }

    /// <summary>
    /// The ingress on the instances' group (a rule of that group) and the load balancer's egress as a
    /// remote rule: aws-cdk-lib puts it next to the ingress when the groups are in different stacks. This
    /// is what <c>Connections.allowFrom</c> does, so a single-stack app keeps aws-cdk-lib's logical ids.
    /// </summary>
    private static void AllowInInstancesStack(ISecurityGroup lb, ISecurityGroup instances, Port port, string description)
    {
        instances.AddIngressRule(lb, port, description, remoteRule: false);
        lb.AddEgressRule(instances, port, description, remoteRule: true);
    }

    /// <summary>The mirror image: the egress on the load balancer's group, the ingress as a remote rule next to it.</summary>
    private static void AllowInLoadBalancerStack(ISecurityGroup lb, ISecurityGroup instances, Port port, string description)
    {
        // A group that allows all outbound traffic needs no egress rule (aws-cdk-lib would skip it with a warning).
        if (!lb.AllowAllOutbound)
        {
            lb.AddEgressRule(instances, port, description, remoteRule: false);
        }

        instances.AddIngressRule(lb, port, description, remoteRule: true);
    }

    /// <summary>
    /// The TCP rules between the two groups held by <paramref name="holder"/>: ingress rules of the
    /// instances' group from the load balancer's, egress rules of the load balancer's group to the instances'.
    /// </summary>
    private static List<(IConstruct Rule, Port Port, string Description)> RulesOfPair(ISecurityGroup holder, ISecurityGroup lb, ISecurityGroup instances)
    {
        var rules = new List<(IConstruct, Port, string)>();
        foreach (var child in holder.Node.Children)
        {
            var (protocol, from, to, description) = child switch
            {
                CfnSecurityGroupIngress i when i.GroupId == instances.SecurityGroupId && i.SourceSecurityGroupId == lb.SecurityGroupId
                    => (i.IpProtocol, i.FromPort, i.ToPort, i.Description),
                CfnSecurityGroupEgress e when e.GroupId == lb.SecurityGroupId && e.DestinationSecurityGroupId == instances.SecurityGroupId
                    => (e.IpProtocol, e.FromPort, e.ToPort, e.Description),
                _ => (null, null, null, null),
            };
            if (protocol == "tcp" && from is { } f && to is { } t)
            {
                rules.Add((child, f == t ? Port.Tcp(f) : Port.TcpRange(f, t), description ?? TargetDescription));
            }
        }

        return rules;
    }

    /// <summary>Whether <paramref name="stack"/> depends on the stack at <paramref name="otherPath"/>, directly or through others.</summary>
    private static bool DependsOn(Stack stack, string otherPath)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { stack.Node.Path };
        var pending = new Queue<Stack>([stack]);
        while (pending.TryDequeue(out var current))
        {
            foreach (var dependency in current.Dependencies)
            {
                if (dependency.Node.Path == otherPath)
                {
                    return true;
                }

                if (seen.Add(dependency.Node.Path))
                {
                    pending.Enqueue(dependency);
                }
            }
        }

        return false;
    }
}
