using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.Logs;
using Constructs;
using EcsConstructs.Clusters;
using EcsConstructs.Images;
using EcsConstructs.Services;
using EcsConstructs.Validation;

namespace MultiStack;

/// <summary>The stacks of the multi-stack example.</summary>
/// <param name="Network">The VPC.</param>
/// <param name="Cluster">The ECS cluster and its EC2 capacity.</param>
/// <param name="Frontend">The shared ALB and its HTTP listener (fixed 404 unless a rule matches).</param>
/// <param name="Api">The API service: <c>/api/*</c>, priority 10.</param>
/// <param name="Web">The web service: <c>/web/*</c>, priority 20.</param>
public sealed record MultiStackStacks(NetworkStack Network, ClusterStack Cluster, FrontendStack Frontend, ServiceStack Api, ServiceStack Web)
{
    /// <summary>All stacks, in deployment order.</summary>
    public IReadOnlyList<Stack> All => [Network, Cluster, Frontend, Api, Web];
}

/// <summary>
/// One app, five stacks with separate lifecycles: the network, the cluster with its capacity, the
/// load balancer that owns the public entry point, and one stack per service. The services join the
/// shared listener with path rules; CDK passes the VPC, cluster and listener between the stacks as
/// exports and <c>Fn::ImportValue</c>s. The services share one ingress and one egress rule between the
/// ALB's and the instances' security groups, which the library creates once, in the frontend stack
/// (it imports the instances' group from the cluster stack). A service stack can be deployed (or
/// destroyed) alone.
/// </summary>
public static class MultiStackApp
{
    /// <summary>Adds the stacks to <paramref name="app"/>.</summary>
    /// <param name="app">The CDK app.</param>
    /// <returns>The stacks.</returns>
    public static MultiStackStacks Build(App app)
    {
        var region = app.Node.TryGetContext("region") as string ?? "eu-west-1";
        var env = new Amazon.CDK.Environment { Region = region };
        string[] zones = [$"{region}a", $"{region}b", $"{region}c"];

        var network = new NetworkStack(app, "MultiStack-Network", env, zones);
        var cluster = new ClusterStack(app, "MultiStack-Cluster", env, network.Vpc);
        var frontend = new FrontendStack(app, "MultiStack-Frontend", env, network.Vpc);
        var api = new ServiceStack(app, "MultiStack-Api", env, cluster.Cluster,
            new ListenerRuleOptions { Listener = frontend.Listener, Priority = 10, PathPatterns = ["/api/*"] }, "api");
        var web = new ServiceStack(app, "MultiStack-Web", env, cluster.Cluster,
            new ListenerRuleOptions { Listener = frontend.Listener, Priority = 20, PathPatterns = ["/web/*"] }, "web");
        return new MultiStackStacks(network, cluster, frontend, api, web);
    }
}

/// <summary>The VPC: three zones, public and private subnets, one NAT gateway, flow logs.</summary>
public sealed class NetworkStack : Stack
{
    /// <summary>Creates the stack.</summary>
    /// <param name="scope">The app.</param>
    /// <param name="id">The stack id.</param>
    /// <param name="env">The environment.</param>
    /// <param name="zones">The Availability Zones.</param>
    public NetworkStack(Construct scope, string id, Amazon.CDK.Environment env, string[] zones)
        : base(scope, id, new StackProps { Env = env, Description = "EcsConstructs multi-stack example: the network" })
    {
        Vpc = new Vpc(this, "Vpc", new VpcProps { AvailabilityZones = zones, NatGateways = 1 });

        // Flow logs of every accepted and rejected connection, kept a month and retained with the stack.
        var flowLogs = new LogGroup(Vpc, "FlowLogGroup", new LogGroupProps
        {
            Retention = RetentionDays.ONE_MONTH,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        Vpc.AddFlowLog("FlowLog", new FlowLogOptions
        {
            Destination = FlowLogDestination.ToCloudWatchLogs(flowLogs),
            TrafficType = FlowLogTrafficType.ALL,
        });

        // The @aws-cdk/aws-ec2:restrictDefaultSecurityGroup feature flag adds aws-cdk-lib's handler that removes
        // the default security group's rules: run it on a current Node.js runtime (as EcsCluster does for its VPC).
        CdkHandlers.HardenVpcDefaultSecurityGroupHandler(this);
    }

    /// <summary>The VPC.</summary>
    public Vpc Vpc { get; }
}

/// <summary>The cluster in the network stack's VPC, with one on-demand EC2 capacity provider.</summary>
public sealed class ClusterStack : Stack
{
    /// <summary>Creates the stack.</summary>
    /// <param name="scope">The app.</param>
    /// <param name="id">The stack id.</param>
    /// <param name="env">The environment.</param>
    /// <param name="vpc">The VPC of the network stack.</param>
    public ClusterStack(Construct scope, string id, Amazon.CDK.Environment env, IVpc vpc)
        : base(scope, id, new StackProps { Env = env, Description = "EcsConstructs multi-stack example: the cluster and its capacity" })
    {
        Cluster = new EcsCluster(this, "Cluster", new EcsClusterProps
        {
            Vpc = vpc,
            Ec2Capacity =
            [
                new Ec2CapacityOptions
                {
                    Id = "OnDemand",
                    InstanceType = InstanceType.Of(InstanceClass.M6I, InstanceSize.LARGE),
                    MinCapacity = 1,
                    MaxCapacity = 6,
                },
            ],
        });
    }

    /// <summary>The cluster.</summary>
    public EcsCluster Cluster { get; }
}

/// <summary>
/// The internet-facing ALB with an HTTP listener that answers 404 unless a service's rule matches. The
/// services add the rules between the ALB's security group and the instances' here, once for all of them.
/// </summary>
public sealed class FrontendStack : Stack
{
    /// <summary>Creates the stack.</summary>
    /// <param name="scope">The app.</param>
    /// <param name="id">The stack id.</param>
    /// <param name="env">The environment.</param>
    /// <param name="vpc">The VPC of the network stack.</param>
    public FrontendStack(Construct scope, string id, Amazon.CDK.Environment env, IVpc vpc)
        : base(scope, id, new StackProps { Env = env, Description = "EcsConstructs multi-stack example: the shared load balancer" })
    {
        LoadBalancer = new ApplicationLoadBalancer(this, "Alb", new ApplicationLoadBalancerProps
        {
            Vpc = vpc,
            InternetFacing = true,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PUBLIC },
            DropInvalidHeaderFields = true,
        });
        Listener = LoadBalancer.AddListener("Http", new BaseApplicationListenerProps
        {
            Port = 80,
            Protocol = ApplicationProtocol.HTTP,
            Open = true,
            DefaultAction = ListenerAction.FixedResponse(404, new FixedResponseOptions
            {
                ContentType = "text/plain",
                MessageBody = "Not found",
            }),
        });

        NagSuppressions.Suppress(LoadBalancer.Connections.SecurityGroups[0], "AwsSolutions-EC23",
            "Internet-facing load balancer: its listener port 80 must accept any client. The instances admit only this security group.");
        NagSuppressions.Suppress(LoadBalancer, "AwsSolutions-ELB2",
            "Example: access logs need a region-specific bucket policy and a bucket whose lifetime the owner decides; " +
            "add LoadBalancer.LogAccessLogs(bucket) in production.");
    }

    /// <summary>The load balancer.</summary>
    public ApplicationLoadBalancer LoadBalancer { get; }

    /// <summary>The HTTP listener the services join with rules.</summary>
    public ApplicationListener Listener { get; }
}

/// <summary>One service on the cluster's EC2 capacity, reached through a path rule on the shared listener.</summary>
public sealed class ServiceStack : Stack
{
    /// <summary>Creates the stack.</summary>
    /// <param name="scope">The app.</param>
    /// <param name="id">The stack id.</param>
    /// <param name="env">The environment.</param>
    /// <param name="cluster">The cluster of the cluster stack.</param>
    /// <param name="rule">The service's rule on the listener of the frontend stack.</param>
    /// <param name="name">The container name.</param>
    public ServiceStack(Construct scope, string id, Amazon.CDK.Environment env, IEcsCluster cluster, ListenerRuleOptions rule, string name)
        : base(scope, id, new StackProps { Env = env, Description = $"EcsConstructs multi-stack example: the {name} service" })
    {
        Service = new LoadBalancedEc2Service(this, "Service", new LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = ImageSource.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
            ContainerName = name,
            MemoryLimitMiB = 256,
            DesiredCount = 2,
            LoadBalancer = rule,
        });
    }

    /// <summary>The service.</summary>
    public LoadBalancedEc2Service Service { get; }
}
