using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EcsConstructs.Clusters;
using EcsConstructs.Rules;
using EcsConstructs.Tasks;
using EcsConstructs.Validation;
using HealthCheck = Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck;
using Protocol = Amazon.CDK.AWS.ElasticLoadBalancingV2.Protocol;

namespace EcsConstructs.Services;

/// <summary>
/// The load-balancer side of every load-balanced service, in one place: the target (container and
/// port, checked against the task definition), an ALB or NLB (public or internal, HTTP/TCP or
/// HTTPS/TLS with a redirect, ingress CIDRs, access logs) or a rule on a shared ALB listener, and the
/// target group (target type from the network mode, health check, deregistration delay, slow start,
/// stickiness), then the registration of the service and the security group rules; with
/// <see cref="ApplicationLoadBalancerOptions.BlueGreenDeployment"/> also the alternate target group, the optional test
/// listener and, for ECS's native deployments, the listener rules ECS re-weights, the infrastructure role and the
/// service's blue/green settings, or for CodeDeploy the application and deployment group.
/// </summary>
internal sealed partial class ServiceLoadBalancing
{
    private readonly Construct _scope;
    private readonly LoadBalancedServiceProps _props;
    private readonly LoadBalancerOptions _choice;
    private readonly NetworkMode _networkMode;

    private ServiceLoadBalancing(Construct scope, LoadBalancedServiceProps props, EcsTaskDefinition task)
    {
        _scope = scope;
        _props = props;
        // A null from code without nullable checks means the default, not a NullReferenceException.
        _choice = props.LoadBalancer ?? new ApplicationLoadBalancerOptions();
        _networkMode = task.NetworkMode;
        (ContainerName, ContainerPort) = ResolveTarget(task);
    }

    public string ContainerName { get; }

    public int ContainerPort { get; }

    private bool IsNetwork => _choice is NetworkLoadBalancerOptions;

    private TargetType TargetType => _networkMode == NetworkMode.AWS_VPC ? TargetType.IP : TargetType.INSTANCE;

    /// <summary>The ALB target group's slow start, from the ALB or listener rule choice.</summary>
    private Duration? SlowStart => _choice switch
    {
        ApplicationLoadBalancerOptions a => a.SlowStart,
        ListenerRuleOptions r => r.SlowStart,
        _ => null,
    };

    /// <summary>The ALB target group's stickiness, from the ALB or listener rule choice.</summary>
    private Duration? StickinessDuration => _choice switch
    {
        ApplicationLoadBalancerOptions a => a.StickinessDuration,
        ListenerRuleOptions r => r.StickinessDuration,
        _ => null,
    };

    /// <summary>The property path of a setting of the choice, as errors name it.</summary>
    private static string Setting(string name) => $"{nameof(LoadBalancedServiceProps.LoadBalancer)}.{name}";

    private static int ListenerPort(NewLoadBalancerOptions lb) => lb.ListenerPort ?? (lb.CertificateArn is null ? 80 : 443);

    /// <summary>
    /// Refuses NONE network mode for a load-balanced service (failure class 13: the target type
    /// follows the network mode, bridge/host: instance, awsvpc: ip), before a quick-start task
    /// definition gets the port mapping that NONE would reject.
    /// </summary>
    public static void RequireNetwork(Construct scope, NetworkMode networkMode)
    {
        if (networkMode == NetworkMode.NONE)
        {
            throw new EcsValidationException(RuleIds.LoadBalancerSettings, scope.Node.Path, nameof(LoadBalancedServiceProps.NetworkMode),
                "NONE gives the tasks no network, so no load balancer can reach them; allowed for a load-balanced service: BRIDGE, HOST or AWS_VPC (use a worker service for tasks without network).");
        }
    }

    /// <summary>Checks the load balancing settings against the task definition, before anything is created.</summary>
    public static ServiceLoadBalancing Plan(Construct scope, LoadBalancedServiceProps props, EcsTaskDefinition task)
    {
        RequireNetwork(scope, task.NetworkMode);
        var plan = new ServiceLoadBalancing(scope, props, task);
        plan.Validate();
        return plan;
    }

    /// <summary>Creates the load balancer (or the rule on the shared listener) and the target group, and registers the service.</summary>
    /// <returns>What was created, typed by the choice.</returns>
    public LoadBalancing Attach(BaseService service, IVpc vpc)
    {
        if (_choice is NetworkLoadBalancerOptions nlbOptions)
        {
            var network = CreateNetwork(nlbOptions, vpc);
            network.TargetGroup.AddTarget(service.LoadBalancerTarget(Target()));
            // An NLB opens nothing by itself: admit its security group only, on the port range the tasks
            // listen on (the ephemeral range for dynamic bridge ports).
            AllowFrom(service, network.LoadBalancer, TaskPorts(), $"from the load balancer of {_scope.Node.Path}");
            AllowHealthCheckPort(service, network.LoadBalancer);
            return network;
        }

        var targetGroupProps = new ApplicationTargetGroupProps
        {
            Vpc = vpc,
            Port = ContainerPort,
            Protocol = ApplicationProtocol.HTTP,
            TargetType = TargetType,
            DeregistrationDelay = _props.DeregistrationDelay,
            SlowStart = SlowStart,
            StickinessCookieDuration = StickinessDuration,
            HealthCheck = HealthCheck(),
        };
        var targetGroup = OnInstances
            ? new InstanceTargetGroup(_scope, "TargetGroup", targetGroupProps, service,
                (listener, ports) => AllowFrom(service, listener, ports, LoadBalancerInstanceRules.TargetDescription))
            : new ApplicationTargetGroup(_scope, "TargetGroup", targetGroupProps);

        LoadBalancing result;
        IConnectable loadBalancer;
        if (_choice is ListenerRuleOptions rule)
        {
            var conditions = new List<ListenerCondition>();
            if (rule.PathPatterns is { Count: > 0 } paths)
            {
                conditions.Add(ListenerCondition.PathPatterns(paths.ToArray()));
            }

            if (rule.HostHeaders is { Count: > 0 } hosts)
            {
                conditions.Add(ListenerCondition.HostHeaders(hosts.ToArray()));
            }

            var listenerRule = new ApplicationListenerRule(_scope, "ListenerRule", new ApplicationListenerRuleProps
            {
                Listener = rule.Listener,
                Priority = rule.Priority,
                Conditions = conditions.ToArray(),
                TargetGroups = [targetGroup],
            });
            result = new SharedListenerLoadBalancing(rule.Listener, listenerRule, targetGroup);
            loadBalancer = rule.Listener;
        }
        else
        {
            var application = CreateApplication((ApplicationLoadBalancerOptions)_choice, vpc, targetGroup, targetGroupProps, service);
            result = application;
            loadBalancer = application.LoadBalancer;
        }

        // Registers the container port. For awsvpc CDK opens the container port from the load balancer's
        // security group to the tasks' group. For bridge and host mode the InstanceTargetGroup opens the
        // host port (the dynamic port range for host port 0) from the load balancer's group to the
        // instances' groups (the cluster's connections, which EcsCluster fills), once per pair of groups.
        targetGroup.AddTarget(service.LoadBalancerTarget(Target()));
        AllowHealthCheckPort(service, loadBalancer);
        return result;
    }

    /// <summary>
    /// Bridge and host mode: the tasks use the instances' network and security groups, which every
    /// service on the capacity shares.
    /// </summary>
    private bool OnInstances => _networkMode != NetworkMode.AWS_VPC;

    // failure class 17 (docs/failure-classes.md): a health check on another port than the traffic port needs that port open
    // too (CDK opens the traffic port only).
    private void AllowHealthCheckPort(BaseService service, IConnectable loadBalancer)
    {
        if (_props.HealthCheck.Port is { } port && port != ContainerPort)
        {
            // The instances' rule may serve several services, so it names none of them.
            AllowFrom(service, loadBalancer, Port.Tcp(port), OnInstances ? "health checks from the load balancer" : $"health checks from the load balancer of {_scope.Node.Path}");
        }
    }

    /// <summary>
    /// Admits the load balancer on <paramref name="ports"/>: the tasks' security group (awsvpc, one per
    /// service), or the instances' security groups once per pair of groups (bridge and host mode, see
    /// <see cref="LoadBalancerInstanceRules"/>).
    /// </summary>
    private void AllowFrom(BaseService service, IConnectable loadBalancer, Port ports, string description)
    {
        if (OnInstances)
        {
            LoadBalancerInstanceRules.Allow(service, _props.Cluster.Cluster, loadBalancer, ports, description);
        }
        else
        {
            service.Connections.AllowFrom(loadBalancer, ports, description);
        }
    }

    private LoadBalancerTargetOptions Target() => new()
    {
        ContainerName = ContainerName,
        ContainerPort = ContainerPort,
        Protocol = Amazon.CDK.AWS.ECS.Protocol.TCP,
    };

    private Port TaskPorts() => _networkMode == NetworkMode.BRIDGE && HostPortIsDynamic
        ? Port.TcpRange(Ec2Capacity.EphemeralPortRangeStart, Ec2Capacity.EphemeralPortRangeEnd)
        : Port.Tcp(FixedHostPort ?? ContainerPort);

    private bool HostPortIsDynamic => FixedHostPort is null;

    private int? FixedHostPort { get; set; }

    private ApplicationLoadBalancing CreateApplication(ApplicationLoadBalancerOptions options, IVpc vpc, ApplicationTargetGroup targetGroup, ApplicationTargetGroupProps targetGroupProps,
        BaseService service)
    {
        var blueGreen = BlueGreenChoice;
        // ECS's native deployments re-weight a listener rule; CodeDeploy switches the listener's default action.
        var native = blueGreen is EcsBlueGreenDeploymentOptions;
        var alb = new ApplicationLoadBalancer(_scope, "LoadBalancer", new ApplicationLoadBalancerProps
        {
            Vpc = vpc,
            InternetFacing = options.InternetFacing,
            VpcSubnets = Subnets(options),
            DropInvalidHeaderFields = true,
        });
        var https = options.CertificateArn is not null;
        var listenerPort = ListenerPort(options);
        var listener = alb.AddListener(https ? "Https" : "Http", new BaseApplicationListenerProps
        {
            Port = listenerPort,
            Protocol = https ? ApplicationProtocol.HTTPS : ApplicationProtocol.HTTP,
            Certificates = https ? [ListenerCertificate.FromArn(options.CertificateArn!)] : null,
            SslPolicy = https ? options.SslPolicy : null,
            Open = false,
            DefaultTargetGroups = native ? null : [targetGroup],
            DefaultAction = native ? NotFound() : null,
        });

        var ports = new List<int> { listenerPort };
        ApplicationListener? redirect = null;
        if (https && options.RedirectHttpToHttps)
        {
            redirect = alb.AddRedirect(new ApplicationLoadBalancerRedirectConfig
            {
                SourcePort = 80,
                SourceProtocol = ApplicationProtocol.HTTP,
                TargetPort = listenerPort,
                TargetProtocol = ApplicationProtocol.HTTPS,
                Open = false,
            });
            ports.Insert(0, 80);
        }

        BlueGreenDeployment? deployment = null;
        if (blueGreen is not null)
        {
            deployment = CreateBlueGreen(blueGreen, options, alb, listener, targetGroup, targetGroupProps, service);
            if (deployment.TestListener is not null)
            {
                ports.Add(blueGreen.TestListenerPort!.Value);
            }
        }

        OpenAndLog(options, alb, vpc, alb.Connections, ports, alb.LogAccessLogs);
        var scheme = https ? "https" : "http";
        var port = listenerPort == (https ? 443 : 80) ? string.Empty : $":{listenerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return new ApplicationLoadBalancing(alb, listener, redirect, targetGroup, $"{scheme}://{alb.LoadBalancerDnsName}{port}", deployment);
    }

    private NetworkLoadBalancing CreateNetwork(NetworkLoadBalancerOptions options, IVpc vpc)
    {
        var group = new SecurityGroup(_scope, "LoadBalancerSecurityGroup", new SecurityGroupProps
        {
            Vpc = vpc,
            AllowAllOutbound = false,
            Description = $"Network Load Balancer of {_scope.Node.Path}",
        });
        var nlb = new NetworkLoadBalancer(_scope, "LoadBalancer", new NetworkLoadBalancerProps
        {
            Vpc = vpc,
            InternetFacing = options.InternetFacing,
            VpcSubnets = Subnets(options),
            SecurityGroups = [group],
        });
        var tls = options.CertificateArn is not null;
        var listenerPort = ListenerPort(options);
        var targetGroup = new NetworkTargetGroup(_scope, "TargetGroup", new NetworkTargetGroupProps
        {
            Vpc = vpc,
            Port = ContainerPort,
            Protocol = Protocol.TCP,
            TargetType = TargetType,
            DeregistrationDelay = _props.DeregistrationDelay,
            HealthCheck = HealthCheck(),
        });
        var listener = nlb.AddListener(tls ? "Tls" : "Tcp", new BaseNetworkListenerProps
        {
            Port = listenerPort,
            Protocol = tls ? Protocol.TLS : Protocol.TCP,
            Certificates = tls ? [ListenerCertificate.FromArn(options.CertificateArn!)] : null,
            SslPolicy = tls ? options.SslPolicy : null,
            DefaultTargetGroups = [targetGroup],
        });

        OpenAndLog(options, nlb, vpc, nlb.Connections, [listenerPort], nlb.LogAccessLogs);
        return new NetworkLoadBalancing(nlb, group, listener, targetGroup);
    }

    /// <summary>The load balancer's subnets: public, or for an internal one the private subnets with egress (the public ones in a VPC without them).</summary>
    private SubnetSelection Subnets(NewLoadBalancerOptions options) =>
        new() { SubnetType = options.InternetFacing || !ClusterNetwork.HasPrivateEgress(_props.Cluster.Vpc) ? SubnetType.PUBLIC : SubnetType.PRIVATE_WITH_EGRESS };

    private void OpenAndLog(NewLoadBalancerOptions options, IConstruct loadBalancer, IVpc vpc, Connections_ connections, List<int> ports, Action<Amazon.CDK.AWS.S3.IBucket, string?> logAccessLogs)
    {
        var cidrs = options.IngressCidrs ?? (options.InternetFacing ? ["0.0.0.0/0"] : [vpc.VpcCidrBlock]);
        foreach (var cidr in cidrs)
        {
            var peer = cidr.Contains(':', StringComparison.Ordinal) ? Peer.Ipv6(cidr) : Peer.Ipv4(cidr);
            foreach (var port in ports)
            {
                connections.AllowFrom(peer, Port.Tcp(port), $"Listener port {port} from {(Token.IsUnresolved(cidr) ? "the VPC" : cidr)}");
            }
        }

        if (cidrs.Any(c => c is "0.0.0.0/0" or "::/0"))
        {
            NagSuppressions.Suppress(connections.SecurityGroups[0], "AwsSolutions-EC23",
                $"Internet-facing load balancer: its listener port {string.Join(" and ", ports)} must accept any client (IngressCidrs). " +
                "The tasks and instances admit only this security group.");
        }

        if (options.AccessLogsBucket is { } bucket)
        {
            ValidateAccessLogs(bucket);
            logAccessLogs(bucket, options.AccessLogsPrefix ?? Names.UniqueResourceName(_scope, new UniqueResourceNameOptions { MaxLength = 100, Separator = "-" }));
        }
        else
        {
            NagSuppressions.Suppress(loadBalancer, "AwsSolutions-ELB2",
                "Access logs are opt-in (AccessLogsBucket): they need a region-specific " +
                "bucket policy and an S3 bucket whose lifetime the owner of the stack decides.");
        }
    }

    /// <summary>
    /// What aws-cdk-lib 2.160 would refuse with a bare error when it writes the access log settings:
    /// a bucket encrypted with a KMS key (Elastic Load Balancing delivers access logs to SSE-S3
    /// buckets only; CDK: "Bucket encryption using KMS keys is unsupported"), and a stack without a
    /// region (the bucket policy names the region's Elastic Load Balancing account).
    /// </summary>
    private void ValidateAccessLogs(Amazon.CDK.AWS.S3.IBucket bucket)
    {
        if (bucket.EncryptionKey is not null)
        {
            throw new EcsValidationException(RuleIds.LoadBalancerSettings, _scope.Node.Path, Setting(nameof(NewLoadBalancerOptions.AccessLogsBucket)),
                "is encrypted with a KMS key; Elastic Load Balancing delivers access logs only to buckets with S3-managed encryption; allowed: a bucket with BucketEncryption.S3_MANAGED.");
        }

        if (Token.IsUnresolved(Stack.Of(_scope).Region))
        {
            throw new EcsValidationException(RuleIds.LoadBalancerSettings, _scope.Node.Path, Setting(nameof(NewLoadBalancerOptions.AccessLogsBucket)),
                "needs the stack's region (the bucket policy names the Elastic Load Balancing account of the region), but the stack has none; allowed: a stack with Env = new Environment { Region = \"...\" }.");
        }
    }

    private HealthCheck HealthCheck()
    {
        var hc = _props.HealthCheck;
        return new HealthCheck
        {
            Protocol = IsNetwork ? Protocol.HTTP : null,
            Path = hc.Path,
            Port = hc.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Interval = hc.Interval,
            Timeout = hc.Timeout,
            HealthyThresholdCount = hc.HealthyThresholdCount,
            UnhealthyThresholdCount = hc.UnhealthyThresholdCount,
            HealthyHttpCodes = hc.SuccessCodes,
        };
    }

    // failure class 14 (docs/failure-classes.md): the target container and port must exist in the task definition.
    private (string Container, int Port) ResolveTarget(EcsTaskDefinition task)
    {
        Check.InRange(RuleIds.OutOfRange, _scope, nameof(_props.ContainerPort), _props.ContainerPort, 1, 65535);
        var specs = task.ContainerOptions;
        var name = _props.ContainerName ?? specs.First(c => c.Essential).Name;
        var spec = specs.FirstOrDefault(c => c.Name == name)
            ?? throw new EcsValidationException(RuleIds.LoadBalancerContainerPort, _scope.Node.Path, nameof(_props.ContainerName),
                $"'{name}' is not a container of the task definition {task.Node.Path}; allowed: {string.Join(", ", specs.Select(c => c.Name))}.");
        var mappings = spec.PortMappings ?? [];
        if (mappings.Count == 0)
        {
            throw new EcsValidationException(RuleIds.LoadBalancerContainerPort, _scope.Node.Path, nameof(_props.ContainerPort),
                $"the target container '{name}' maps no port; a load-balanced service needs a port mapping on it (ContainerOptions.PortMappings).");
        }

        var port = _props.ContainerPort ?? mappings[0].ContainerPort;
        var mapping = mappings.FirstOrDefault(m => m.ContainerPort == port)
            ?? throw new EcsValidationException(RuleIds.LoadBalancerContainerPort, _scope.Node.Path, nameof(_props.ContainerPort),
                $"{port} is not a port of container '{name}'; allowed: {string.Join(", ", mappings.Select(m => m.ContainerPort))}.");
        FixedHostPort = task.NetworkMode == NetworkMode.BRIDGE && mapping.HostPort is > 0 ? mapping.HostPort : null;

        // With dynamic host ports every task listens on its own ephemeral port: a fixed health
        // check port is served by no target, so every target fails its health checks.
        if (task.NetworkMode == NetworkMode.BRIDGE && FixedHostPort is null && _props.HealthCheck.Port is { } healthPort)
        {
            Check.InRange(RuleIds.OutOfRange, _scope, "HealthCheck.Port", healthPort, 1, 65535);
            throw new EcsValidationException(RuleIds.LoadBalancerSettings, _scope.Node.Path, "HealthCheck.Port",
                $"{healthPort} is a fixed port, but the target uses a dynamic host port (bridge mode, host port 0), so no instance serves {healthPort}; " +
                "leave HealthCheck.Port unset to check each target's traffic port, or use awsvpc (ip targets) or a fixed host port.");
        }

        return (name, port);
    }

    private void Validate()
    {
        var p = _props;
        Check.InRange(RuleIds.OutOfRange, _scope, nameof(p.DeregistrationDelay), Check.WholeSeconds(RuleIds.FractionalSeconds, _scope, nameof(p.DeregistrationDelay), p.DeregistrationDelay), 0, 3600, "seconds");
        Check.InRange(RuleIds.OutOfRange, _scope, nameof(p.HealthCheckGracePeriod), Check.WholeSeconds(RuleIds.FractionalSeconds, _scope, nameof(p.HealthCheckGracePeriod), p.HealthCheckGracePeriod), 0, int.MaxValue, "seconds");
        var slowStart = Setting(nameof(ApplicationLoadBalancerOptions.SlowStart));
        var stickiness = Setting(nameof(ApplicationLoadBalancerOptions.StickinessDuration));
        Check.InRange(RuleIds.OutOfRange, _scope, slowStart, Check.WholeSeconds(RuleIds.FractionalSeconds, _scope, slowStart, SlowStart), 30, 900, "seconds");
        Check.InRange(RuleIds.OutOfRange, _scope, stickiness, Check.WholeSeconds(RuleIds.FractionalSeconds, _scope, stickiness, StickinessDuration), 1, 604800, "seconds");
        ValidateHealthCheck();

        if (_choice is ApplicationLoadBalancerOptions { BlueGreenDeployment: { } blueGreen } alb)
        {
            ValidateBlueGreen(blueGreen, alb);
        }

        switch (_choice)
        {
            case NewLoadBalancerOptions created:
                ValidateNewLoadBalancer(created);
                break;
            case ListenerRuleOptions rule:
                ValidateListenerRule(rule);
                break;
        }
    }

    private void ValidateNewLoadBalancer(NewLoadBalancerOptions lb)
    {
        Check.InRange(RuleIds.OutOfRange, _scope, Setting(nameof(lb.ListenerPort)), lb.ListenerPort, 1, 65535);
        if (lb.CertificateArn is { } arn && !Token.IsUnresolved(arn) && !CertificateArnPattern().IsMatch(arn))
        {
            throw new EcsValidationException(RuleIds.LoadBalancerSettings, _scope.Node.Path, Setting(nameof(lb.CertificateArn)),
                $"'{arn}' is not a certificate ARN; allowed: arn:<partition>:acm:<region>:<account>:certificate/<id> (or an IAM server certificate ARN).");
        }

        foreach (var cidr in lb.IngressCidrs ?? [])
        {
            if (!Token.IsUnresolved(cidr) && !IsCidr(cidr))
            {
                throw new EcsValidationException(RuleIds.LoadBalancerSettings, _scope.Node.Path, Setting(nameof(lb.IngressCidrs)), $"'{cidr}' is not a CIDR block; allowed: e.g. 203.0.113.0/24, 0.0.0.0/0 or 2001:db8::/32.");
            }
        }

        if (lb.IngressCidrs is { Count: 0 })
        {
            throw new EcsValidationException(RuleIds.LoadBalancerSettings, _scope.Node.Path, Setting(nameof(lb.IngressCidrs)), "is empty, so no client could reach the listener; give at least one CIDR block or leave it unset for the default.");
        }

        // Found by the generated cases: with the redirect, port 80 belongs to the
        // redirect listener; an HTTPS listener on 80 too makes two listeners on one port, which ELB refuses.
        if (lb is ApplicationLoadBalancerOptions { CertificateArn: not null, RedirectHttpToHttps: true } && ListenerPort(lb) == 80)
        {
            throw new EcsValidationException(RuleIds.LoadBalancerSettings, _scope.Node.Path, Setting(nameof(lb.ListenerPort)),
                "80 is the port of the HTTP listener that redirects to HTTPS (RedirectHttpToHttps), and a load balancer allows one listener per port; " +
                "use another port for HTTPS (default 443) or set RedirectHttpToHttps to false.");
        }
    }

    private void ValidateListenerRule(ListenerRuleOptions rule)
    {
        if (rule.Listener is null)
        {
            throw new EcsValidationException(RuleIds.LoadBalancerSettings, _scope.Node.Path, Setting(nameof(rule.Listener)),
                "is null; a listener rule needs the ALB listener it belongs to (e.g. the Listener of another service's ApplicationLoadBalancing, or ApplicationListener.FromLookup / FromApplicationListenerAttributes).");
        }

        Check.InRange(RuleIds.OutOfRange, _scope, Setting(nameof(rule.Priority)), rule.Priority, 1, 50000);
        var paths = rule.PathPatterns ?? [];
        var hosts = rule.HostHeaders ?? [];
        if (paths.Count + hosts.Count is 0 or > 5)
        {
            throw new EcsValidationException(RuleIds.LoadBalancerSettings, _scope.Node.Path, nameof(LoadBalancedServiceProps.LoadBalancer),
                $"has {paths.Count + hosts.Count} condition values; allowed: 1 to 5 path patterns and host headers together.");
        }

        if (paths.FirstOrDefault(x => string.IsNullOrEmpty(x) || !x.StartsWith('/')) is { } badPath)
        {
            throw new EcsValidationException(RuleIds.LoadBalancerSettings, _scope.Node.Path, Setting(nameof(rule.PathPatterns)), $"'{badPath}' must start with '/'.");
        }
    }

    private void ValidateHealthCheck()
    {
        const string p = nameof(LoadBalancedServiceProps.HealthCheck);
        var hc = _props.HealthCheck;
        if (string.IsNullOrEmpty(hc.Path) || !hc.Path.StartsWith('/'))
        {
            throw new EcsValidationException(RuleIds.LoadBalancerSettings, _scope.Node.Path, $"{p}.Path", $"'{hc.Path}' must start with '/'.");
        }

        var intervalSeconds = Check.WholeSeconds(RuleIds.FractionalSeconds, _scope, $"{p}.Interval", hc.Interval);
        var timeoutSeconds = Check.WholeSeconds(RuleIds.FractionalSeconds, _scope, $"{p}.Timeout", hc.Timeout);
        Check.InRange(RuleIds.OutOfRange, _scope, $"{p}.Interval", intervalSeconds, 5, 300, "seconds");
        Check.InRange(RuleIds.OutOfRange, _scope, $"{p}.Timeout", timeoutSeconds, 2, 120, "seconds");
        if (intervalSeconds is { } interval && timeoutSeconds is { } timeout && timeout >= interval)
        {
            throw new EcsValidationException(RuleIds.LoadBalancerSettings, _scope.Node.Path, $"{p}.Timeout",
                $"{Check.Format(timeout)} seconds is not shorter than Interval ({Check.Format(interval)} seconds); the load balancer requires timeout < interval.");
        }

        Check.InRange(RuleIds.OutOfRange, _scope, $"{p}.Port", hc.Port, 1, 65535);
        Check.InRange(RuleIds.OutOfRange, _scope, $"{p}.HealthyThresholdCount", hc.HealthyThresholdCount, 2, 10);
        Check.InRange(RuleIds.OutOfRange, _scope, $"{p}.UnhealthyThresholdCount", hc.UnhealthyThresholdCount, 2, 10);
        HttpCodes.Validate(_scope, $"{p}.SuccessCodes", hc.SuccessCodes, IsNetwork);
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:(acm:[a-z0-9-]+:\d{12}:certificate/[A-Za-z0-9-]+|iam::\d{12}:server-certificate/.+)$")]
    private static partial Regex CertificateArnPattern();

    [GeneratedRegex(@"^((\d{1,3}\.){3}\d{1,3}/\d{1,2}|[0-9A-Fa-f:]+/\d{1,3})$")]
    private static partial Regex CidrPattern();

    /// <summary>
    /// An IPv4 CIDR (octets 0-255, prefix 0-32) or an IPv6 CIDR (a parseable address, prefix 0-128): the
    /// shape alone let 300.0.0.0/8 or 10.0.0.0/33 through, which the EC2 API refuses at deployment.
    /// </summary>
    private static bool IsCidr(string cidr)
    {
        if (!CidrPattern().IsMatch(cidr))
        {
            return false;
        }

        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var prefix = int.Parse(cidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        if (!System.Net.IPAddress.TryParse(cidr[..slash], out var address))
        {
            return false;
        }

        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? cidr[..slash].Split('.').All(o => int.Parse(o, System.Globalization.CultureInfo.InvariantCulture) <= 255) && prefix <= 32
            : address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && prefix <= 128;
    }
}
