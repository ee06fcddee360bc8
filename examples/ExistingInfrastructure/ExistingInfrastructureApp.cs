using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using EcsConstructs.Clusters;
using EcsConstructs.Images;
using EcsConstructs.Services;

namespace ExistingInfrastructure;

/// <summary>
/// A service deployed into infrastructure another team owns: an existing VPC, an existing cluster with
/// an existing EC2 capacity provider, and an existing ALB listener. Everything is imported from fixed ids
/// (no context lookups, so synth needs no AWS credentials); the stack holds only the service side: task
/// definition, roles, log group, target group, listener rule and the security group rule that lets the
/// load balancer reach the instances.
/// </summary>
public static class ExistingInfrastructureApp
{
    /// <summary>The stack's name.</summary>
    public const string StackName = "ExistingInfrastructure";

    /// <summary>The existing cluster's name.</summary>
    public const string ClusterName = "shared-platform";

    /// <summary>The existing capacity provider (of the cluster) the service runs on.</summary>
    public const string CapacityProviderName = "shared-platform-ondemand";

    /// <summary>The existing ALB listener.</summary>
    public const string ListenerArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shared-platform/0123456789abcdef/fedcba9876543210";

    /// <summary>Adds the stack to <paramref name="app"/>.</summary>
    /// <param name="app">The CDK app.</param>
    /// <returns>The stack.</returns>
    public static Stack Build(App app)
    {
        var stack = new Stack(app, StackName, new StackProps
        {
            Env = new Amazon.CDK.Environment { Account = "123456789012", Region = "eu-west-1" },
            Description = "EcsConstructs example: a service in an existing VPC, cluster and ALB listener",
        });

        // The VPC, with its ids written down (Vpc.FromLookup would need credentials at synth).
        var vpc = Vpc.FromVpcAttributes(stack, "Vpc", new VpcAttributes
        {
            VpcId = "vpc-0a1b2c3d4e5f67890",
            VpcCidrBlock = "10.20.0.0/16",
            AvailabilityZones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
            PublicSubnetIds = ["subnet-0aaa0000000000001", "subnet-0aaa0000000000002", "subnet-0aaa0000000000003"],
            PrivateSubnetIds = ["subnet-0bbb0000000000001", "subnet-0bbb0000000000002", "subnet-0bbb0000000000003"],
            // Route tables too, so that nothing reading subnet.RouteTable gets null (CDK warns otherwise).
            PublicSubnetRouteTableIds = ["rtb-0aaa0000000000001", "rtb-0aaa0000000000001", "rtb-0aaa0000000000001"],
            PrivateSubnetRouteTableIds = ["rtb-0bbb0000000000001", "rtb-0bbb0000000000002", "rtb-0bbb0000000000003"],
        });

        // The cluster, with the security group of its container instances: the load balancer's
        // traffic to the tasks' dynamic host ports is opened on that group.
        var instances = SecurityGroup.FromSecurityGroupId(stack, "InstancesSecurityGroup", "sg-0ccc0000000000001");
        var cluster = Cluster.FromClusterAttributes(stack, "Cluster", new ClusterAttributes
        {
            ClusterName = ClusterName,
            Vpc = vpc,
            SecurityGroups = [instances],
        });

        // The listener, with its load balancer's security group (the source of the traffic to the tasks).
        var listener = ApplicationListener.FromApplicationListenerAttributes(stack, "Listener", new ApplicationListenerAttributes
        {
            ListenerArn = ListenerArn,
            SecurityGroup = SecurityGroup.FromSecurityGroupId(stack, "AlbSecurityGroup", "sg-0ddd0000000000001"),
        });

        _ = new LoadBalancedEc2Service(stack, "Orders", new LoadBalancedEc2ServiceProps
        {
            // A cluster created outside the library, given explicitly.
            Cluster = EcsCluster.Import(cluster),
            Image = ImageSource.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
            ContainerName = "orders",
            MemoryLimitMiB = 512,
            DesiredCount = 2,
            // An imported cluster's providers are named as they exist in the account.
            CapacityProviderStrategy = [new CapacityProviderShare { Provider = CapacityProviderName, Weight = 1 }],
            LoadBalancer = new ListenerRuleOptions
            {
                Listener = listener,
                Priority = 30,
                HostHeaders = ["orders.example.com"],
                PathPatterns = ["/orders/*"],
            },
        });

        return stack;
    }
}
