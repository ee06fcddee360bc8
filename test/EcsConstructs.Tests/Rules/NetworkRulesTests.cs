using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.EFS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using FileSystem = Amazon.CDK.AWS.EFS.FileSystem;
using HealthCheck = Amazon.CDK.AWS.ECS.HealthCheck;

namespace EcsConstructs.Tests.Rules;

/// <summary>Networking and load balancing rules, on the raw-CDK Fargate web service of <see cref="FargateWorld"/>.</summary>
public sealed class NetworkRulesTests
{
    [Fact]
    public void The_correct_fargate_web_service_triggers_no_rule()
    {
        var findings = new FargateWorld().Synth();
        Assert.Empty(findings.Findings);
    }

    [Fact]
    public void ECS005_instances_in_subnets_without_egress()
    {
        var w = new L1World();
        var vpc = new Vpc(w.Stack, "Isolated", new VpcProps
        {
            AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
            NatGateways = 0,
            RestrictDefaultSecurityGroup = false,
            SubnetConfiguration = [new SubnetConfiguration { Name = "Isolated", SubnetType = SubnetType.PRIVATE_ISOLATED }],
        });
        w.Group.VpcZoneIdentifier = vpc.IsolatedSubnets.Select(s => s.SubnetId).ToArray();
        w.Synth().Fired("ECS005", "has no default route (NAT or internet gateway) and the VPC has no ECR interface endpoint");
    }

    [Fact]
    public void ECS019_alb_with_one_subnet()
    {
        var w = new FargateWorld();
        ((CfnLoadBalancer)w.LoadBalancer.Node.DefaultChild!).Subnets = [w.Vpc.PublicSubnets[0].SubnetId];
        w.Synth().Fired("ECS019", "has 1 subnet (eu-west-1a)");
    }

    [Fact]
    public void ECS020_target_group_without_a_listener()
    {
        var w = new FargateWorld();
        var orphan = new ApplicationTargetGroup(w.Stack, "Orphan", new ApplicationTargetGroupProps { Vpc = w.Vpc, Port = 80, Protocol = ApplicationProtocol.HTTP, TargetType = TargetType.IP });
        w.CfnService.LoadBalancers = new[] { new CfnService.LoadBalancerProperty { ContainerName = "app", ContainerPort = 80, TargetGroupArn = orphan.TargetGroupArn } };
        w.Synth().Fired("ECS020", "registers with target group Test/Orphan/Resource, which no listener or listener rule of the templates checked forwards to");
    }

    [Fact]
    public void ECS021_service_not_depending_on_the_listener()
    {
        var w = new FargateWorld();
        var second = new ApplicationTargetGroup(w.Stack, "Second", new ApplicationTargetGroupProps { Vpc = w.Vpc, Port = 80, Protocol = ApplicationProtocol.HTTP, TargetType = TargetType.IP });
        w.LoadBalancer.AddListener("Admin", new BaseApplicationListenerProps { Port = 8080, Open = true, DefaultTargetGroups = [second] });
        w.CfnService.LoadBalancers = new[] { new CfnService.LoadBalancerProperty { ContainerName = "app", ContainerPort = 80, TargetGroupArn = second.TargetGroupArn } };
        w.Synth().Fired("ECS021", "does not depend on Test/Alb/Admin/Resource");
    }

    [Fact]
    public void ECS022_instance_target_type_for_awsvpc_tasks()
    {
        var w = new FargateWorld();
        w.CfnTargetGroup.TargetType = "instance";
        w.Synth().Fired("ECS022", "has target type instance, incompatible with network mode awsvpc of its task definition (needs ip)");
    }

    [Fact]
    public void ECS023_load_balancer_container_not_in_the_task()
    {
        var w = new FargateWorld();
        w.CfnService.LoadBalancers = new[] { new CfnService.LoadBalancerProperty { ContainerName = "web", ContainerPort = 80, TargetGroupArn = w.TargetGroup.TargetGroupArn } };
        w.Synth().Fired("ECS023", "load balancer container 'web' is not in the task definition");
    }

    [Fact]
    public void ECS023_load_balancer_port_not_mapped()
    {
        var w = new FargateWorld();
        w.CfnService.LoadBalancers = new[] { new CfnService.LoadBalancerProperty { ContainerName = "app", ContainerPort = 8080, TargetGroupArn = w.TargetGroup.TargetGroupArn } };
        w.Synth().Fired("ECS023", "load balancer port 8080 is not a port mapping of container 'app'");
    }

    [Fact]
    public void ECS024_fargate_task_in_bridge_mode()
    {
        var w = new FargateWorld();
        w.CfnTaskDefinition.NetworkMode = "bridge";
        var findings = w.Synth();
        findings.Fired("ECS024", "requires FARGATE with network mode bridge (\"Fargate only supports network mode 'awsvpc'\")");
        findings.Fired("ECS024", "has a NetworkConfiguration but its task definition uses network mode bridge");
    }

    [Fact]
    public void ECS024_awsvpc_service_without_network_configuration()
    {
        var w = new FargateWorld();
        w.CfnService.NetworkConfiguration = null;
        w.Synth().Fired("ECS024", "without NetworkConfiguration");
    }

    [Fact]
    public void ECS025_public_subnets_without_a_public_ip()
    {
        var w = new FargateWorld();
        w.CfnService.NetworkConfiguration = new CfnService.NetworkConfigurationProperty
        {
            AwsvpcConfiguration = new CfnService.AwsVpcConfigurationProperty
            {
                Subnets = w.Vpc.PublicSubnets.Select(s => s.SubnetId).ToArray(),
                SecurityGroups = w.Service.Connections.SecurityGroups.Select(g => g.SecurityGroupId).ToArray(),
                AssignPublicIp = "DISABLED",
            },
        };
        w.Synth().Fired("ECS025", "routes to an internet gateway but AssignPublicIp is not ENABLED");
    }

    [Fact]
    public void ECS025_concerns_fargate_only_on_ec2_the_instance_pulls_the_images()
    {
        var w = new FargateWorld();
        var publicNetwork = new CfnService.NetworkConfigurationProperty
        {
            AwsvpcConfiguration = new CfnService.AwsVpcConfigurationProperty
            {
                Subnets = w.Vpc.PublicSubnets.Select(s => s.SubnetId).ToArray(),
                SecurityGroups = w.Service.Connections.SecurityGroups.Select(g => g.SecurityGroupId).ToArray(),
                AssignPublicIp = "DISABLED",
            },
        };
        w.CfnService.NetworkConfiguration = publicNetwork;
        var ec2Task = new CfnTaskDefinition(w.Stack, "Ec2Td", new CfnTaskDefinitionProps
        {
            NetworkMode = "awsvpc",
            RequiresCompatibilities = ["EC2"],
            ContainerDefinitions = new[] { L1World.Container(hostPort: 80) },
        });
        _ = new CfnService(w.Stack, "Ec2Service", new CfnServiceProps
        {
            Cluster = w.Cluster.ClusterName,
            TaskDefinition = ec2Task.Ref,
            LaunchType = "EC2",
            DesiredCount = 1,
            NetworkConfiguration = publicNetwork,
        });

        var findings = w.Synth();

        findings.Fired("ECS025", "Test/Service/Service:");
        Assert.DoesNotContain(findings.Of("ECS025"), f => f.Text.Contains("Test/Ec2Service", StringComparison.Ordinal));
    }

    [Fact]
    public void ECS026_task_security_group_closed_to_the_load_balancer()
    {
        var w = new FargateWorld();
        var closed = new SecurityGroup(w.Stack, "Closed", new SecurityGroupProps { Vpc = w.Vpc });
        w.CfnService.NetworkConfiguration = new CfnService.NetworkConfigurationProperty
        {
            AwsvpcConfiguration = new CfnService.AwsVpcConfigurationProperty
            {
                Subnets = w.Vpc.PrivateSubnets.Select(s => s.SubnetId).ToArray(),
                SecurityGroups = [closed.SecurityGroupId],
                AssignPublicIp = "DISABLED",
            },
        };
        w.Synth().Fired("ECS026", "admit no traffic from the load balancer's group on port(s) 80-80");
    }

    [Fact]
    public void ECS027_grace_period_shorter_than_the_container_start_period()
    {
        var w = new FargateWorld();
        _ = w.TaskDefinition.AddContainer("sidecar", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
            Essential = false,
            HealthCheck = new HealthCheck { Command = ["CMD-SHELL", "true"], StartPeriod = Duration.Seconds(120) },
        });
        w.Synth().Fired("ECS027", "HealthCheckGracePeriodSeconds is 60 but a container's health check start period is 120 s");
    }

    [Fact]
    public void ECS027_matcher_outside_200_to_499()
    {
        var w = new FargateWorld();
        w.CfnTargetGroup.Matcher = new CfnTargetGroup.MatcherProperty { HttpCode = "200-599" };
        w.Synth().Fired("ECS027", "health check matcher '200-599' includes codes outside 200-499");
    }

    [Fact]
    public void ECS027_matcher_up_to_599_on_a_network_load_balancer_target_group_is_fine()
    {
        var w = new FargateWorld();
        w.CfnTargetGroup.Protocol = "TCP";
        w.CfnTargetGroup.Matcher = new CfnTargetGroup.MatcherProperty { HttpCode = "200-599" };
        w.Synth().Silent("ECS027");
    }

    [Fact]
    public void ECS035_efs_without_port_2049_open()
    {
        var w = new FargateWorld();
        var fs = new FileSystem(w.Stack, "Fs", new FileSystemProps { Vpc = w.Vpc, RemovalPolicy = RemovalPolicy.DESTROY });
        w.TaskDefinition.AddVolume(new Amazon.CDK.AWS.ECS.Volume { Name = "data", EfsVolumeConfiguration = new EfsVolumeConfiguration { FileSystemId = fs.FileSystemId, TransitEncryption = "ENABLED" } });
        w.Synth().Fired("ECS035", "whose mount targets' security groups admit nothing on TCP 2049");
    }

    [Fact]
    public void ECS035_efs_open_to_the_service_is_fine()
    {
        var w = new FargateWorld();
        var fs = new FileSystem(w.Stack, "Fs", new FileSystemProps { Vpc = w.Vpc, RemovalPolicy = RemovalPolicy.DESTROY });
        fs.Connections.AllowDefaultPortFrom(w.Service);
        w.TaskDefinition.AddVolume(new Amazon.CDK.AWS.ECS.Volume { Name = "data", EfsVolumeConfiguration = new EfsVolumeConfiguration { FileSystemId = fs.FileSystemId, TransitEncryption = "ENABLED" } });
        var findings = w.Synth();
        findings.Silent("ECS035");
        findings.Silent("ECS036");
    }
}
