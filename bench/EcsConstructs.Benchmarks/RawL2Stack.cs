using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.CustomResources;
using Amazon.CDK.AWS.Logs;
using Constructs;
using BlockDevice = Amazon.CDK.AWS.EC2.BlockDevice;
using BlockDeviceVolume = Amazon.CDK.AWS.EC2.BlockDeviceVolume;
using EbsDeviceOptions = Amazon.CDK.AWS.EC2.EbsDeviceOptions;
using EbsDeviceVolumeType = Amazon.CDK.AWS.EC2.EbsDeviceVolumeType;
using HealthCheck = Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck;
using Protocol = Amazon.CDK.AWS.ECS.Protocol;

namespace EcsConstructs.Benchmarks;

/// <summary>
/// The same template as <see cref="OursStack"/>, written by hand with aws-cdk-lib's L2 constructs
/// (what a team would write without EcsConstructs): the construct tree uses the same ids, so the
/// logical IDs and the template are the same (checked by <c>--verify</c>). No validation, and each
/// value is handed to CDK once.
/// </summary>
internal static class RawL2Stack
{
    public static Stack Build(App app, int services)
    {
        var stack = new Stack(app, "Bench", new StackProps { Env = new Amazon.CDK.Environment { Region = "eu-west-1" } });

        // --- the cluster (mirrors EcsCluster + ClusterNetwork + Ec2Capacity)
        var clusterScope = new Construct(stack, "Cluster");
        var vpc = new Vpc(clusterScope, "Vpc", new VpcProps
        {
            AvailabilityZones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
            NatGateways = 1,
        });
        var flowLogGroup = new LogGroup(vpc, "FlowLogGroup", new LogGroupProps
        {
            Retention = RetentionDays.ONE_MONTH,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        vpc.AddFlowLog("FlowLog", new FlowLogOptions
        {
            Destination = FlowLogDestination.ToCloudWatchLogs(flowLogGroup),
            TrafficType = FlowLogTrafficType.ALL,
        });
        if (stack.Node.TryFindChild("Custom::VpcRestrictDefaultSGCustomResourceProvider") is IConstruct provider)
        {
            ((CfnResource)provider.Node.FindChild("Handler")).AddPropertyOverride("Runtime", "nodejs24.x");
            Suppress((CfnResource)provider.Node.FindChild("Role"), "AwsSolutions-IAM4",
                "Role of aws-cdk-lib's own handler that removes the default security group's rules; " +
                "AWSLambdaBasicExecutionRole only lets it write its own CloudWatch logs.",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
        }

        var cluster = new Cluster(clusterScope, "Cluster", new ClusterProps { Vpc = vpc, ContainerInsights = true });

        var capacityScope = new Construct(clusterScope, "Small");
        var instanceSg = new SecurityGroup(capacityScope, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = vpc,
            Description = "ECS container instances of Bench/Cluster/Small",
            AllowAllOutbound = true,
        });
        var instanceRole = new Role(capacityScope, "InstanceRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ec2.amazonaws.com"),
            Description = "Instance role of the ECS container instances of Bench/Cluster/Small (ECS agent only)",
        });
        var launchTemplate = new LaunchTemplate(capacityScope, "LaunchTemplate", new LaunchTemplateProps
        {
            InstanceType = InstanceType.Of(InstanceClass.T3, InstanceSize.SMALL),
            MachineImage = EcsOptimizedImage.AmazonLinux2023(AmiHardwareType.STANDARD),
            UserData = UserData.ForLinux(),
            Role = instanceRole,
            SecurityGroup = instanceSg,
            RequireImdsv2 = true,
            HttpTokens = LaunchTemplateHttpTokens.REQUIRED,
            BlockDevices =
            [
                new BlockDevice
                {
                    DeviceName = "/dev/xvda",
                    Volume = BlockDeviceVolume.Ebs(30, new EbsDeviceOptions
                    {
                        Encrypted = true,
                        VolumeType = EbsDeviceVolumeType.GP3,
                        DeleteOnTermination = true,
                    }),
                },
            ],
        });
        var asg = new AutoScalingGroup(capacityScope, "AutoScalingGroup", new AutoScalingGroupProps
        {
            Vpc = vpc,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            LaunchTemplate = launchTemplate,
            MinCapacity = 3,
            MaxCapacity = 3,
        });
        var capacityProviderName = "cp-" + Names.UniqueResourceName(capacityScope, new UniqueResourceNameOptions { MaxLength = 200, Separator = "-" });
        var capacityProvider = new AsgCapacityProvider(capacityScope, "CapacityProvider", new AsgCapacityProviderProps
        {
            AutoScalingGroup = asg,
            CapacityProviderName = capacityProviderName,
            EnableManagedScaling = true,
            TargetCapacityPercent = 100,
            EnableManagedTerminationProtection = true,
            EnableManagedDraining = true,
        });
        // Force-delete the group on stack deletion (managed termination protection would make the
        // deletion wait on scale-in protected instances): a custom resource deleted after the
        // capacity provider, as EcsConstructs does by default.
        var forceDeleteScope = new Construct(capacityScope, "ForceDelete");
        var forceDelete = new AwsCustomResource(forceDeleteScope, "Resource", new AwsCustomResourceProps
        {
            OnDelete = new AwsSdkCall
            {
                Service = "AutoScaling",
                Action = "deleteAutoScalingGroup",
                Parameters = new Dictionary<string, object> { ["AutoScalingGroupName"] = asg.AutoScalingGroupName, ["ForceDelete"] = true },
                IgnoreErrorCodesMatching = "ValidationError",
            },
            Policy = AwsCustomResourcePolicy.FromStatements(
            [
                new PolicyStatement(new PolicyStatementProps { Actions = ["autoscaling:DeleteAutoScalingGroup"], Resources = [asg.AutoScalingGroupArn] }),
            ]),
            InstallLatestAwsSdk = false,
        });
        Suppress((CfnResource)forceDelete.Node.FindChild("CustomResourcePolicy").Node.DefaultChild!, "AwsSolutions-IAM5",
            "Only autoscaling:DeleteAutoScalingGroup on this group; an Auto Scaling group ARN carries a generated id " +
            "unknown before creation, so the ARN is matched by the group's name with a wildcard id.");
        if (Stack.Of(capacityScope).Node.TryFindChild("AWS679f53fac002430cb0da5b7982bd2287") is Function handler)
        {
            ((CfnResource)handler.Node.DefaultChild!).AddPropertyOverride("Runtime", "nodejs24.x");
            Suppress((CfnResource)handler.Role!.Node.DefaultChild!, "AwsSolutions-IAM4",
                "Role of aws-cdk-lib's AwsCustomResource handler; AWSLambdaBasicExecutionRole only lets it write its own logs.",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
        }

        capacityProvider.Node.AddDependency(forceDeleteScope);
        cluster.AddAsgCapacityProvider(capacityProvider, new AddAutoScalingGroupCapacityOptions { CanContainersAccessInstanceRole = false });
        cluster.Connections.AddSecurityGroup(instanceSg);
        Suppress((CfnResource)instanceRole.Node.FindChild("DefaultPolicy").Node.DefaultChild!, "AwsSolutions-IAM5",
            "The ECS agent's policy as aws-cdk-lib writes it: ecs:Submit* is the agent's state-change calls, on this " +
            "cluster's ARN only; ecs:Poll and ecs:StartTelemetrySession are conditioned on this cluster; " +
            "ecr:GetAuthorizationToken and ecs:DiscoverPollEndpoint support no resource-level permissions; " +
            "logs:CreateLogStream/PutLogEvents let the agent ship its own logs.",
            "Action::ecs:Submit*", "Resource::*");
        Suppress((CfnResource)asg.Node.DefaultChild!, "AwsSolutions-AS3",
            "The ECS capacity provider's managed scaling drives this group; its scaling and ECS draining events are " +
            "recorded in the Auto Scaling activity history and in EventBridge, so no SNS topic is created per group.");
        cluster.AddDefaultCapacityProviderStrategy([new CapacityProviderStrategy { CapacityProvider = capacityProvider.CapacityProviderName, Weight = 1 }]);

        // --- the services (mirror LoadBalancedEc2Service with the quick-start props)
        for (var i = 0; i < services; i++)
        {
            var scope = new Construct(stack, $"Web{i}");

            // EcsTaskDefinition: its own construct ("Task") with the log group, both roles and the task definition.
            var task = new Construct(scope, "Task");
            var logGroup = new LogGroup(task, "LogGroup", new LogGroupProps
            {
                Retention = RetentionDays.ONE_MONTH,
                RemovalPolicy = RemovalPolicy.RETAIN,
            });
            var executionRole = new Role(task, "ExecutionRole", new RoleProps
            {
                AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com"),
                Description = "ECS task execution role: pulls the task's images, writes its logs, reads its secrets",
            });
            var taskRole = new Role(task, "TaskRole", new RoleProps
            {
                AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com", new ServicePrincipalOpts
                {
                    Conditions = new Dictionary<string, object>
                    {
                        ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = $"arn:{stack.Partition}:ecs:{stack.Region}:{stack.Account}:*" },
                        ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                    },
                }),
                Description = "ECS task role: the AWS calls the task's application may make",
            });
            var taskDefinition = new Ec2TaskDefinition(task, "TaskDefinition", new Ec2TaskDefinitionProps
            {
                NetworkMode = NetworkMode.BRIDGE,
                ExecutionRole = executionRole,
                TaskRole = taskRole,
            });
            taskDefinition.AddContainer("web", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
                Cpu = 256,
                MemoryLimitMiB = 256,
                Essential = true,
                ReadonlyRootFilesystem = false,
                Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = logGroup, StreamPrefix = "web" }),
                PortMappings = [new PortMapping { ContainerPort = 80, HostPort = 0, Protocol = Protocol.TCP }],
            });
            var service = new Ec2Service(scope, "Service", new Ec2ServiceProps
            {
                Cluster = cluster,
                TaskDefinition = taskDefinition,
                DesiredCount = 3,
                MinHealthyPercent = 100,
                MaxHealthyPercent = 200,
                CircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
                HealthCheckGracePeriod = Duration.Seconds(60),
                PlacementStrategies =
                [
                    PlacementStrategy.SpreadAcross(BuiltInAttributes.AVAILABILITY_ZONE),
                    PlacementStrategy.SpreadAcrossInstances(),
                ],
            });
            ((CfnService)service.Node.DefaultChild!).AddPropertyDeletionOverride("LaunchType");
            service.Node.AddDependency(cluster);

            var loadBalancer = new ApplicationLoadBalancer(scope, "LoadBalancer", new ApplicationLoadBalancerProps
            {
                Vpc = vpc,
                InternetFacing = true,
                VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PUBLIC },
                DropInvalidHeaderFields = true,
            });
            Suppress((CfnResource)loadBalancer.Node.DefaultChild!, "AwsSolutions-ELB2",
                "Access logs are opt-in (AccessLogsBucket): they need a region-specific " +
                "bucket policy and an S3 bucket whose lifetime the owner of the stack decides.");
            var targetGroup = new ApplicationTargetGroup(scope, "TargetGroup", new ApplicationTargetGroupProps
            {
                Vpc = vpc,
                Port = 80,
                Protocol = ApplicationProtocol.HTTP,
                TargetType = TargetType.INSTANCE,
                DeregistrationDelay = Duration.Seconds(30),
                HealthCheck = new HealthCheck
                {
                    Path = "/",
                    Interval = Duration.Seconds(30),
                    Timeout = Duration.Seconds(5),
                    HealthyThresholdCount = 2,
                    UnhealthyThresholdCount = 3,
                    HealthyHttpCodes = "200-399",
                },
            });
            loadBalancer.AddListener("Http", new BaseApplicationListenerProps
            {
                Port = 80,
                Protocol = ApplicationProtocol.HTTP,
                Open = false,
                DefaultTargetGroups = [targetGroup],
            });
            loadBalancer.Connections.AllowFrom(Peer.Ipv4("0.0.0.0/0"), Port.Tcp(80), "Listener port 80 from 0.0.0.0/0");
            Suppress((CfnResource)loadBalancer.Connections.SecurityGroups[0].Node.DefaultChild!, "AwsSolutions-EC23",
                "Internet-facing load balancer: its listener port 80 must accept any client (IngressCidrs). " +
                "The tasks and instances admit only this security group.");
            targetGroup.AddTarget(service.LoadBalancerTarget(new LoadBalancerTargetOptions
            {
                ContainerName = "web",
                ContainerPort = 80,
                Protocol = Protocol.TCP,
            }));
        }

        return stack;
    }

    private static void Suppress(CfnResource resource, string ruleId, string reason, params string[] appliesTo)
    {
        var entry = new Dictionary<string, object> { ["id"] = ruleId, ["reason"] = reason };
        if (appliesTo.Length > 0)
        {
            entry["appliesTo"] = appliesTo;
        }

        resource.AddMetadata("cdk_nag", new Dictionary<string, object> { ["rules_to_suppress"] = new object[] { entry } });
    }
}
