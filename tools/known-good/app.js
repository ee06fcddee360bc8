#!/usr/bin/env node
// Known-good ECS fixtures for the rule engine.
//
// A plain CDK app (CommonJS, no build step) that synthesizes the kinds of ECS
// stacks users write with aws-cdk-lib, each a configuration that deploys.
// Every group of stacks is its own App with its own cloud assembly under
// test/EcsConstructs.Rules.Tests/KnownGood/<AppName>/. After synthesis only
// what a template checker needs is kept (manifest.json, *.template.json and
// the assembly-*/ folders of Stages).
//
// Run from the repository root:  node tools/known-good/app.js
'use strict';

const fs = require('fs');
const path = require('path');

const repoRoot = path.resolve(__dirname, '..', '..');
if (!fs.existsSync(path.join(repoRoot, 'node_modules', 'aws-cdk-lib'))) {
  console.error('aws-cdk-lib is not installed: run `npm ci` in the repository root first.');
  process.exit(2);
}
const cdk = require(path.join(repoRoot, 'node_modules', 'aws-cdk-lib'));
const {
  aws_ec2: ec2,
  aws_ecs: ecs,
  aws_ecs_patterns: ecsPatterns,
  aws_elasticloadbalancingv2: elbv2,
  aws_autoscaling: autoscaling,
  aws_applicationautoscaling: appscaling,
  aws_certificatemanager: acm,
  aws_cloudwatch: cloudwatch,
  aws_codedeploy: codedeploy,
  aws_efs: efs,
  aws_iam: iam,
  aws_kms: kms,
  aws_logs: logs,
  aws_route53: route53,
  aws_secretsmanager: secretsmanager,
  aws_servicediscovery: servicediscovery,
  aws_sqs: sqs,
  aws_ssm: ssm,
} = cdk;

const OUT_ROOT = path.join(repoRoot, 'test', 'EcsConstructs.Rules.Tests', 'KnownGood');

// The feature flags of the repository's cdk.json, as `cdk init` writes them.
const FEATURE_FLAGS = JSON.parse(fs.readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')).context;

// What a committed cdk.context.json holds after the CLI looked up the
// availability zones of the environments used below once. With it, stacks with
// an explicit account synthesize offline with real zone names.
const ACCOUNT = '123456789012';
const CONTEXT_CACHE = {
  [`availability-zones:account=${ACCOUNT}:region=eu-west-1`]: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  [`availability-zones:account=${ACCOUNT}:region=us-east-1`]: [
    'us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f',
  ],
};

const EU_WEST_1 = { account: ACCOUNT, region: 'eu-west-1' };
const US_EAST_1 = { account: ACCOUNT, region: 'us-east-1' };

const NGINX = 'public.ecr.aws/nginx/nginx:1.27';
const SAMPLE_APP = 'public.ecr.aws/ecs-sample-image/amazon-ecs-sample:latest';

// What the CDK CLI adds to the context of every `cdk synth`: construct paths
// and asset locations in the resources' Metadata, version reporting on.
const CLI_CONTEXT = {
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  'aws:cdk:version-reporting': true,
  'aws:cdk:disable-stack-trace': true,
};

function newApp(name) {
  const outdir = path.join(OUT_ROOT, name);
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new cdk.App({ outdir, context: { ...CLI_CONTEXT, ...FEATURE_FLAGS, ...CONTEXT_CACHE } });
  return { name, app, outdir };
}

// ---------------------------------------------------------------------------
// App "Ec2Classic": EC2 clusters without capacity providers (cluster.addCapacity)
// ---------------------------------------------------------------------------

class Ec2BridgeAlbStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    cluster.addCapacity('DefaultAutoScalingGroup', {
      instanceType: new ec2.InstanceType('t3.medium'),
      machineImage: ecs.EcsOptimizedImage.amazonLinux2023(),
      minCapacity: 2,
      maxCapacity: 6,
    });

    const web = new ecsPatterns.ApplicationLoadBalancedEc2Service(this, 'Web', {
      cluster,
      desiredCount: 2,
      memoryLimitMiB: 512,
      cpu: 256,
      taskImageOptions: {
        image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
        containerPort: 80, // bridge mode, host port 0: dynamic host ports
      },
      minHealthyPercent: 50,
      placementStrategies: [
        ecs.PlacementStrategy.spreadAcrossInstances(),
        ecs.PlacementStrategy.packedByMemory(),
      ],
    });
    web.targetGroup.configureHealthCheck({ path: '/', healthyHttpCodes: '200-299' });
    web.targetGroup.setAttribute('deregistration_delay.timeout_seconds', '30');

    const scaling = web.service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 10 });
    scaling.scaleOnCpuUtilization('CpuScaling', {
      targetUtilizationPercent: 60,
      scaleInCooldown: cdk.Duration.seconds(60),
      scaleOutCooldown: cdk.Duration.seconds(60),
    });
    scaling.scaleOnRequestCount('RequestScaling', {
      requestsPerTarget: 500,
      targetGroup: web.targetGroup,
    });
  }
}

class Ec2HostNetworkStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    cluster.addCapacity('HostCapacity', {
      instanceType: new ec2.InstanceType('c5.large'),
      machineImage: ecs.EcsOptimizedImage.amazonLinux2(),
      minCapacity: 2,
      maxCapacity: 4,
    });

    const taskDefinition = new ecs.Ec2TaskDefinition(this, 'ProxyTask', {
      networkMode: ecs.NetworkMode.HOST,
    });
    taskDefinition.addContainer('proxy', {
      image: ecs.ContainerImage.fromRegistry(NGINX),
      memoryReservationMiB: 256,
      cpu: 256,
      portMappings: [{ containerPort: 80, hostPort: 80 }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'proxy', logRetention: logs.RetentionDays.ONE_MONTH }),
    });

    const service = new ecs.Ec2Service(this, 'ProxyService', {
      cluster,
      taskDefinition,
      desiredCount: 2,
      minHealthyPercent: 0, // one task per instance: stop before start on deploy
      maxHealthyPercent: 100,
      placementConstraints: [ecs.PlacementConstraint.distinctInstances()],
    });

    const lb = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc, internetFacing: true });
    const listener = lb.addListener('Http', { port: 80 });
    listener.addTargets('Proxy', {
      port: 80,
      targets: [service],
      healthCheck: { path: '/', interval: cdk.Duration.seconds(15) },
    });
    new cdk.CfnOutput(this, 'LoadBalancerDns', { value: lb.loadBalancerDnsName });
  }
}

class Ec2AwsvpcStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      defaultCloudMapNamespace: { name: 'corp.internal', vpc },
    });
    cluster.addCapacity('AwsvpcCapacity', {
      instanceType: new ec2.InstanceType('m5.large'),
      minCapacity: 2,
      maxCapacity: 4,
    });

    const taskDefinition = new ecs.Ec2TaskDefinition(this, 'InventoryTask', {
      networkMode: ecs.NetworkMode.AWS_VPC,
    });
    taskDefinition.addContainer('inventory', {
      image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
      memoryLimitMiB: 512,
      portMappings: [{ containerPort: 80 }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'inventory' }),
    });

    const inventory = new ecs.Ec2Service(this, 'Inventory', {
      cluster,
      taskDefinition,
      desiredCount: 2,
      minHealthyPercent: 50,
      cloudMapOptions: {
        name: 'inventory',
        dnsRecordType: servicediscovery.DnsRecordType.A,
        dnsTtl: cdk.Duration.seconds(30),
      },
    });
    inventory.connections.allowFrom(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(80), 'HTTP from inside the VPC');
  }
}

class Ec2DaemonStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    cluster.addCapacity('Capacity', {
      instanceType: new ec2.InstanceType('t3.large'),
      minCapacity: 1,
      maxCapacity: 3,
    });

    // Log agent on every instance: a DAEMON service reading the host's logs.
    const agentTask = new ecs.Ec2TaskDefinition(this, 'LogAgentTask');
    agentTask.addVolume({ name: 'varlog', host: { sourcePath: '/var/log' } });
    const agent = agentTask.addContainer('fluent-bit', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/aws-observability/aws-for-fluent-bit:stable'),
      memoryReservationMiB: 64,
      cpu: 64,
      essential: true,
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'log-agent' }),
    });
    agent.addMountPoints({ sourceVolume: 'varlog', containerPath: '/var/log/host', readOnly: true });
    agentTask.addToTaskRolePolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      resources: ['*'],
    }));
    new ecs.Ec2Service(this, 'LogAgent', {
      cluster,
      taskDefinition: agentTask,
      daemon: true,
    });

    // And an ordinary replica service next to it.
    const appTask = new ecs.Ec2TaskDefinition(this, 'AppTask');
    appTask.addContainer('app', {
      image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
      memoryLimitMiB: 256,
      portMappings: [{ containerPort: 80 }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app' }),
    });
    new ecs.Ec2Service(this, 'App', {
      cluster,
      taskDefinition: appTask,
      desiredCount: 2,
      minHealthyPercent: 50,
      circuitBreaker: { rollback: true },
    });
  }
}

class Ec2NlbStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    cluster.addCapacity('Capacity', {
      instanceType: new ec2.InstanceType('t3.medium'),
      minCapacity: 2,
      maxCapacity: 4,
    });
    const tcp = new ecsPatterns.NetworkLoadBalancedEc2Service(this, 'TcpService', {
      cluster,
      memoryLimitMiB: 512,
      desiredCount: 2,
      minHealthyPercent: 50,
      taskImageOptions: {
        image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
        containerPort: 80,
      },
    });
    // An NLB keeps the client address for instance targets: open the dynamic
    // host port range on the container instances.
    cluster.connections.allowFromAnyIpv4(ec2.Port.tcpRange(32768, 65535), 'NLB to dynamic host ports');
    tcp.service.autoScaleTaskCount({ maxCapacity: 6 }).scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 70 });
  }
}

class WindowsEc2Stack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    cluster.addCapacity('WindowsCapacity', {
      instanceType: new ec2.InstanceType('m5.large'),
      machineImage: ecs.EcsOptimizedImage.windows(ecs.WindowsOptimizedVersion.SERVER_2022),
      minCapacity: 2,
      maxCapacity: 4,
      blockDevices: [{
        deviceName: '/dev/sda1', // room for Windows container images
        volume: autoscaling.BlockDeviceVolume.ebs(100, { volumeType: autoscaling.EbsDeviceVolumeType.GP3, encrypted: true }),
      }],
    });

    const taskDefinition = new ecs.Ec2TaskDefinition(this, 'IisTask', {
      networkMode: ecs.NetworkMode.NAT, // Windows default network mode
    });
    taskDefinition.addContainer('iis', {
      image: ecs.ContainerImage.fromRegistry('mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022'),
      memoryLimitMiB: 1024,
      cpu: 512,
      portMappings: [{ containerPort: 80 }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'iis' }),
    });

    const iis = new ecsPatterns.ApplicationLoadBalancedEc2Service(this, 'Iis', {
      cluster,
      taskDefinition,
      desiredCount: 2,
      minHealthyPercent: 50,
      healthCheckGracePeriod: cdk.Duration.minutes(5),
    });
    iis.targetGroup.configureHealthCheck({ path: '/', interval: cdk.Duration.seconds(30) });
  }
}

class Ec2EfsStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    cluster.addCapacity('Capacity', {
      instanceType: new ec2.InstanceType('t3.medium'),
      machineImage: ecs.EcsOptimizedImage.amazonLinux2023(),
      minCapacity: 1,
      maxCapacity: 2,
    });

    const fileSystem = new efs.FileSystem(this, 'SharedFs', {
      vpc,
      encrypted: true,
      performanceMode: efs.PerformanceMode.GENERAL_PURPOSE,
      lifecyclePolicy: efs.LifecyclePolicy.AFTER_30_DAYS,
      removalPolicy: cdk.RemovalPolicy.DESTROY,
    });
    const accessPoint = fileSystem.addAccessPoint('UploadsAp', {
      path: '/uploads',
      createAcl: { ownerUid: '1000', ownerGid: '1000', permissions: '750' },
      posixUser: { uid: '1000', gid: '1000' },
    });

    const taskDefinition = new ecs.Ec2TaskDefinition(this, 'UploadsTask');
    taskDefinition.addVolume({
      name: 'uploads',
      efsVolumeConfiguration: {
        fileSystemId: fileSystem.fileSystemId,
        transitEncryption: 'ENABLED',
        authorizationConfig: { accessPointId: accessPoint.accessPointId, iam: 'ENABLED' },
      },
    });
    const container = taskDefinition.addContainer('uploads', {
      image: ecs.ContainerImage.fromRegistry(NGINX),
      memoryLimitMiB: 512,
      portMappings: [{ containerPort: 80 }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'uploads' }),
    });
    container.addMountPoints({ sourceVolume: 'uploads', containerPath: '/usr/share/nginx/html', readOnly: false });
    fileSystem.grantReadWrite(taskDefinition.taskRole);

    const service = new ecs.Ec2Service(this, 'UploadsService', {
      cluster,
      taskDefinition,
      desiredCount: 1,
      minHealthyPercent: 0,
    });
    // Bridge mode: the NFS traffic comes from the container instances.
    fileSystem.connections.allowDefaultPortFrom(service);
    service.node.addDependency(fileSystem.mountTargetsAvailable);
  }
}

// ---------------------------------------------------------------------------
// App "Ec2CapacityProviders": EC2 with AsgCapacityProvider
// ---------------------------------------------------------------------------

class AsgCapacityProviderStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 3, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });

    const autoScalingGroup = new autoscaling.AutoScalingGroup(this, 'Asg', {
      vpc,
      instanceType: new ec2.InstanceType('m6i.large'),
      machineImage: ecs.EcsOptimizedImage.amazonLinux2023(),
      minCapacity: 0,
      maxCapacity: 10,
      newInstancesProtectedFromScaleIn: true,
    });
    const capacityProvider = new ecs.AsgCapacityProvider(this, 'AsgCapacityProvider', {
      autoScalingGroup,
      enableManagedScaling: true,
      enableManagedTerminationProtection: true,
      targetCapacityPercent: 90,
    });
    cluster.addAsgCapacityProvider(capacityProvider);

    const api = new ecsPatterns.ApplicationLoadBalancedEc2Service(this, 'Api', {
      cluster,
      memoryReservationMiB: 512,
      cpu: 512,
      desiredCount: 3,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      capacityProviderStrategies: [{ capacityProvider: capacityProvider.capacityProviderName, weight: 1 }],
      taskImageOptions: {
        image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
        containerPort: 80,
      },
      circuitBreaker: { rollback: true },
    });
    // A capacity provider strategy needs the providers associated with the
    // cluster first: make the service wait for the cluster's association.
    api.service.node.addDependency(cluster);
    // The instances' security group is the Auto Scaling group's, not the cluster's: the pattern
    // opens nothing to it, so let the load balancer reach the tasks' dynamic host ports.
    autoScalingGroup.connections.allowFrom(api.loadBalancer, ec2.Port.tcpRange(32768, 65535), 'Dynamic host ports from the load balancer');
    api.service.autoScaleTaskCount({ minCapacity: 3, maxCapacity: 20 })
      .scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 50 });
  }
}

class SpotCapacityStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 3, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });

    const instanceRole = new iam.Role(this, 'InstanceRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });
    const instanceSecurityGroup = new ec2.SecurityGroup(this, 'InstanceSg', { vpc });

    // On-demand base capacity.
    const onDemandTemplate = new ec2.LaunchTemplate(this, 'OnDemandTemplate', {
      instanceType: new ec2.InstanceType('m5.large'),
      machineImage: ecs.EcsOptimizedImage.amazonLinux2023(),
      userData: ec2.UserData.forLinux(),
      role: instanceRole,
      securityGroup: instanceSecurityGroup,
      requireImdsv2: true,
    });
    const onDemandAsg = new autoscaling.AutoScalingGroup(this, 'OnDemandAsg', {
      vpc,
      launchTemplate: onDemandTemplate,
      minCapacity: 0,
      maxCapacity: 4,
    });
    const onDemand = new ecs.AsgCapacityProvider(this, 'OnDemandCapacity', {
      autoScalingGroup: onDemandAsg,
      enableManagedTerminationProtection: false,
    });

    // Spot through a mixed instances policy, several instance types.
    const spotTemplate = new ec2.LaunchTemplate(this, 'SpotTemplate', {
      machineImage: ecs.EcsOptimizedImage.amazonLinux2023(),
      userData: ec2.UserData.forLinux(),
      role: instanceRole,
      securityGroup: instanceSecurityGroup,
      requireImdsv2: true,
    });
    const spotAsg = new autoscaling.AutoScalingGroup(this, 'SpotAsg', {
      vpc,
      minCapacity: 0,
      maxCapacity: 20,
      capacityRebalance: true,
      mixedInstancesPolicy: {
        launchTemplate: spotTemplate,
        instancesDistribution: {
          onDemandBaseCapacity: 0,
          onDemandPercentageAboveBaseCapacity: 0,
          spotAllocationStrategy: autoscaling.SpotAllocationStrategy.PRICE_CAPACITY_OPTIMIZED,
        },
        launchTemplateOverrides: [
          { instanceType: new ec2.InstanceType('m5.large') },
          { instanceType: new ec2.InstanceType('m5a.large') },
          { instanceType: new ec2.InstanceType('m6i.large') },
          { instanceType: new ec2.InstanceType('m6a.large') },
        ],
      },
    });
    const spot = new ecs.AsgCapacityProvider(this, 'SpotCapacity', {
      autoScalingGroup: spotAsg,
      enableManagedTerminationProtection: false,
    });
    // Drain tasks off an instance as soon as its Spot interruption notice arrives.
    spotTemplate.userData.addCommands('echo ECS_ENABLE_SPOT_INSTANCE_DRAINING=true >> /etc/ecs/ecs.config');

    cluster.addAsgCapacityProvider(onDemand);
    cluster.addAsgCapacityProvider(spot);

    const taskDefinition = new ecs.Ec2TaskDefinition(this, 'WorkerTask');
    taskDefinition.addContainer('worker', {
      image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
      memoryReservationMiB: 512,
      cpu: 256,
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'worker' }),
    });
    const worker = new ecs.Ec2Service(this, 'Worker', {
      cluster,
      taskDefinition,
      desiredCount: 6,
      minHealthyPercent: 50,
      capacityProviderStrategies: [
        { capacityProvider: onDemand.capacityProviderName, base: 2, weight: 1 },
        { capacityProvider: spot.capacityProviderName, weight: 3 },
      ],
    });
    // A capacity provider strategy needs the providers associated with the
    // cluster first: make the service wait for the cluster's association.
    worker.node.addDependency(cluster);
  }
}

class GravitonStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const autoScalingGroup = new autoscaling.AutoScalingGroup(this, 'GravitonAsg', {
      vpc,
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.M7G, ec2.InstanceSize.LARGE),
      machineImage: ecs.EcsOptimizedImage.amazonLinux2023(ecs.AmiHardwareType.ARM),
      minCapacity: 1,
      maxCapacity: 6,
    });
    const capacityProvider = new ecs.AsgCapacityProvider(this, 'GravitonCapacity', {
      autoScalingGroup,
      enableManagedTerminationProtection: false,
    });
    cluster.addAsgCapacityProvider(capacityProvider);

    const taskDefinition = new ecs.TaskDefinition(this, 'ArmTask', {
      compatibility: ecs.Compatibility.EC2_AND_FARGATE,
      networkMode: ecs.NetworkMode.AWS_VPC,
      cpu: '512',
      memoryMiB: '1024',
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.ARM64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    taskDefinition.addContainer('web', {
      image: ecs.ContainerImage.fromRegistry(NGINX),
      portMappings: [{ containerPort: 80 }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'arm-web' }),
    });
    const service = new ecs.Ec2Service(this, 'ArmService', {
      cluster,
      taskDefinition,
      desiredCount: 2,
      minHealthyPercent: 50,
      capacityProviderStrategies: [{ capacityProvider: capacityProvider.capacityProviderName, weight: 1 }],
    });
    service.connections.allowFrom(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(80));
    // A capacity provider strategy needs the providers associated with the
    // cluster first: make the service wait for the cluster's association.
    service.node.addDependency(cluster);
  }
}

// ---------------------------------------------------------------------------
// App "Fargate": Fargate services and patterns
// ---------------------------------------------------------------------------

class FargateBasicStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, enableFargateCapacityProviders: true });

    const taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDef', {
      cpu: 256,
      memoryLimitMiB: 512,
    });
    taskDefinition.addContainer('app', {
      image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
      portMappings: [{ containerPort: 80 }],
      environment: { STAGE: 'dev' },
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app', logRetention: logs.RetentionDays.ONE_WEEK }),
    });
    new ecs.FargateService(this, 'Service', {
      cluster,
      taskDefinition,
      desiredCount: 1,
      minHealthyPercent: 100,
      enableExecuteCommand: true,
      circuitBreaker: { enable: true, rollback: true },
    });
  }
}

class AlbFargateStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });

    const web = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Web', {
      cluster,
      cpu: 512,
      memoryLimitMiB: 1024,
      desiredCount: 2,
      minHealthyPercent: 100,
      taskImageOptions: {
        image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
        containerPort: 80,
        environment: { LOG_LEVEL: 'info' },
      },
      publicLoadBalancer: true,
      enableExecuteCommand: true,
      circuitBreaker: { rollback: true },
    });
    web.targetGroup.configureHealthCheck({ path: '/', healthyThresholdCount: 2, interval: cdk.Duration.seconds(15) });

    const scaling = web.service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 20 });
    scaling.scaleOnCpuUtilization('CpuScaling', { targetUtilizationPercent: 65 });
    scaling.scaleOnRequestCount('RequestScaling', { requestsPerTarget: 1000, targetGroup: web.targetGroup });

    // Roll back a deployment that raises 5xx on the target group.
    const alarmName = `${this.stackName}-Web-Target5xx`;
    const target5xx = new cloudwatch.Alarm(this, 'Target5xxAlarm', {
      alarmName,
      metric: web.loadBalancer.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, {
        period: cdk.Duration.minutes(1),
      }),
      threshold: 10,
      evaluationPeriods: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    web.service.enableDeploymentAlarms([alarmName], { behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM });
    web.service.node.addDependency(target5xx);
  }
}

class FargateSpotStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, enableFargateCapacityProviders: true });
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'BatchTask', { cpu: 1024, memoryLimitMiB: 2048 });
    taskDefinition.addContainer('batch', {
      image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'batch' }),
      stopTimeout: cdk.Duration.seconds(110), // Spot gives two minutes
    });
    const service = new ecs.FargateService(this, 'SpotService', {
      cluster,
      taskDefinition,
      desiredCount: 4,
      minHealthyPercent: 50,
      capacityProviderStrategies: [
        { capacityProvider: 'FARGATE', base: 1, weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', weight: 4 },
      ],
    });
    // A capacity provider strategy needs the providers associated with the
    // cluster first: make the service wait for the cluster's association.
    service.node.addDependency(cluster);
  }
}

class FargateArm64Stack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const service = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'ArmWeb', {
      cluster,
      cpu: 256,
      memoryLimitMiB: 512,
      desiredCount: 2,
      minHealthyPercent: 100,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.ARM64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
      taskImageOptions: { image: ecs.ContainerImage.fromRegistry(NGINX), containerPort: 80 },
    });
    service.targetGroup.configureHealthCheck({ path: '/' });
  }
}

class FargateWindowsStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'WindowsTask', {
      cpu: 1024,
      memoryLimitMiB: 2048,
      runtimePlatform: {
        operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE,
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
      },
    });
    taskDefinition.addContainer('iis', {
      image: ecs.ContainerImage.fromRegistry('mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022'),
      portMappings: [{ containerPort: 80 }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'iis' }),
    });
    const iis = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Iis', {
      cluster,
      taskDefinition,
      desiredCount: 1,
      minHealthyPercent: 100,
      healthCheckGracePeriod: cdk.Duration.minutes(10), // Windows images pull slowly
    });
    iis.targetGroup.configureHealthCheck({ path: '/', interval: cdk.Duration.seconds(30) });
  }
}

class QueueWorkerStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const deadLetterQueue = new sqs.Queue(this, 'JobsDlq', { retentionPeriod: cdk.Duration.days(14) });
    const queue = new sqs.Queue(this, 'Jobs', {
      visibilityTimeout: cdk.Duration.minutes(5),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: 5 },
      enforceSSL: true,
    });
    new ecsPatterns.QueueProcessingFargateService(this, 'Worker', {
      cluster,
      queue,
      cpu: 512,
      memoryLimitMiB: 1024,
      image: ecs.ContainerImage.fromAsset(path.join(__dirname, 'worker')),
      environment: { BATCH_SIZE: '10' },
      minScalingCapacity: 0,
      maxScalingCapacity: 10,
      minHealthyPercent: 0,
      scalingSteps: [
        { upper: 0, change: -1 },
        { lower: 10, change: +1 },
        { lower: 100, change: +3 },
      ],
    });
  }
}

class ScheduledTaskStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    new ecsPatterns.ScheduledFargateTask(this, 'NightlyReport', {
      cluster,
      schedule: appscaling.Schedule.cron({ minute: '0', hour: '2' }),
      scheduledFargateTaskImageOptions: {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:stable'),
        command: ['sh', '-c', 'echo generating report && sleep 30'],
        cpu: 256,
        memoryLimitMiB: 512,
      },
      subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    });
  }
}

class NlbFargateStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const tcp = new ecsPatterns.NetworkLoadBalancedFargateService(this, 'TcpService', {
      cluster,
      cpu: 256,
      memoryLimitMiB: 512,
      desiredCount: 2,
      minHealthyPercent: 100,
      taskImageOptions: { image: ecs.ContainerImage.fromRegistry(SAMPLE_APP), containerPort: 80 },
    });
    // IP targets behind an NLB without security groups: allow the VPC range.
    tcp.service.connections.allowFrom(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(80), 'From the NLB');
  }
}

class FargateEfsStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const fileSystem = new efs.FileSystem(this, 'ContentFs', {
      vpc,
      encrypted: true,
      throughputMode: efs.ThroughputMode.ELASTIC,
    });
    const accessPoint = fileSystem.addAccessPoint('ContentAp', {
      path: '/content',
      createAcl: { ownerUid: '1001', ownerGid: '1001', permissions: '755' },
      posixUser: { uid: '1001', gid: '1001' },
    });

    const taskDefinition = new ecs.FargateTaskDefinition(this, 'CmsTask', { cpu: 512, memoryLimitMiB: 1024 });
    taskDefinition.addVolume({
      name: 'content',
      efsVolumeConfiguration: {
        fileSystemId: fileSystem.fileSystemId,
        transitEncryption: 'ENABLED',
        authorizationConfig: { accessPointId: accessPoint.accessPointId, iam: 'ENABLED' },
      },
    });
    const container = taskDefinition.addContainer('cms', {
      image: ecs.ContainerImage.fromRegistry(NGINX),
      portMappings: [{ containerPort: 80 }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'cms' }),
    });
    container.addMountPoints({ sourceVolume: 'content', containerPath: '/usr/share/nginx/html', readOnly: false });
    fileSystem.grant(taskDefinition.taskRole, 'elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite');

    const cms = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Cms', {
      cluster,
      taskDefinition,
      desiredCount: 2,
      minHealthyPercent: 100,
      platformVersion: ecs.FargatePlatformVersion.VERSION1_4,
    });
    fileSystem.connections.allowDefaultPortFrom(cms.service);
    cms.service.node.addDependency(fileSystem.mountTargetsAvailable);
  }
}

class FargateSecretsStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });

    const key = new kms.Key(this, 'SecretsKey', { enableKeyRotation: true, alias: 'alias/orders-secrets' });
    const dbSecret = new secretsmanager.Secret(this, 'DbCredentials', {
      encryptionKey: key,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: 'orders' }),
        generateStringKey: 'password',
        excludePunctuation: true,
      },
    });
    const apiKey = new secretsmanager.Secret(this, 'PaymentsApiKey', {
      description: 'API key of the payment provider',
    });
    const endpoint = new ssm.StringParameter(this, 'PaymentsEndpoint', {
      parameterName: '/orders/payments-endpoint',
      stringValue: 'https://payments.example.com/v2',
    });
    const featureFlags = ssm.StringParameter.fromStringParameterName(this, 'FeatureFlags', '/orders/feature-flags');

    const taskDefinition = new ecs.FargateTaskDefinition(this, 'OrdersTask', { cpu: 512, memoryLimitMiB: 1024 });
    taskDefinition.addContainer('orders', {
      image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
      portMappings: [{ containerPort: 80 }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'orders' }),
      secrets: {
        DB_USERNAME: ecs.Secret.fromSecretsManager(dbSecret, 'username'),
        DB_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret, 'password'),
        PAYMENTS_API_KEY: ecs.Secret.fromSecretsManager(apiKey),
        PAYMENTS_ENDPOINT: ecs.Secret.fromSsmParameter(endpoint),
        FEATURE_FLAGS: ecs.Secret.fromSsmParameter(featureFlags),
      },
    });
    key.grantDecrypt(taskDefinition.obtainExecutionRole());

    new ecs.FargateService(this, 'Orders', {
      cluster,
      taskDefinition,
      desiredCount: 2,
      minHealthyPercent: 100,
      circuitBreaker: { rollback: true },
    });
  }
}

class ServiceConnectStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      defaultCloudMapNamespace: { name: 'shop.local', useForServiceConnect: true },
    });

    const catalogTask = new ecs.FargateTaskDefinition(this, 'CatalogTask', { cpu: 256, memoryLimitMiB: 512 });
    catalogTask.addContainer('catalog', {
      image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
      portMappings: [{ name: 'catalog-http', containerPort: 80, appProtocol: ecs.AppProtocol.http }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'catalog' }),
    });
    const catalog = new ecs.FargateService(this, 'Catalog', {
      cluster,
      taskDefinition: catalogTask,
      desiredCount: 2,
      minHealthyPercent: 100,
      serviceConnectConfiguration: {
        services: [{ portMappingName: 'catalog-http', dnsName: 'catalog', port: 80 }],
        logDriver: ecs.LogDrivers.awsLogs({ streamPrefix: 'catalog-sc' }),
      },
    });

    const storefrontTask = new ecs.FargateTaskDefinition(this, 'StorefrontTask', { cpu: 256, memoryLimitMiB: 512 });
    storefrontTask.addContainer('storefront', {
      image: ecs.ContainerImage.fromRegistry(NGINX),
      portMappings: [{ name: 'web', containerPort: 80 }],
      environment: { CATALOG_URL: 'http://catalog' },
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'storefront' }),
    });
    const storefront = new ecs.FargateService(this, 'Storefront', {
      cluster,
      taskDefinition: storefrontTask,
      desiredCount: 2,
      minHealthyPercent: 100,
      serviceConnectConfiguration: {}, // client only, cluster default namespace
    });
    catalog.connections.allowFrom(storefront, ec2.Port.tcp(80), 'Storefront to catalog');
  }
}

class FargateScalingStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'ConsumerTask', { cpu: 512, memoryLimitMiB: 1024 });
    const queue = new sqs.Queue(this, 'Events', { visibilityTimeout: cdk.Duration.minutes(2) });
    taskDefinition.addContainer('consumer', {
      image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
      environment: { QUEUE_URL: queue.queueUrl },
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'consumer' }),
    });
    queue.grantConsumeMessages(taskDefinition.taskRole);
    const service = new ecs.FargateService(this, 'Consumer', {
      cluster,
      taskDefinition,
      desiredCount: 2,
      minHealthyPercent: 50,
    });

    const scaling = service.autoScaleTaskCount({ minCapacity: 1, maxCapacity: 30 });
    scaling.scaleOnMetric('QueueDepthSteps', {
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: cdk.Duration.minutes(1) }),
      scalingSteps: [
        { upper: 10, change: -1 },
        { lower: 100, change: +2 },
        { lower: 1000, change: +5 },
      ],
      adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
      cooldown: cdk.Duration.seconds(120),
    });
    scaling.scaleOnSchedule('BusinessHours', {
      schedule: appscaling.Schedule.cron({ hour: '7', minute: '0', weekDay: 'MON-FRI' }),
      minCapacity: 4,
    });
    scaling.scaleOnSchedule('Night', {
      schedule: appscaling.Schedule.cron({ hour: '20', minute: '0' }),
      minCapacity: 1,
    });
  }
}

class FargateServiceDiscoveryStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const namespace = new servicediscovery.PrivateDnsNamespace(this, 'Namespace', {
      name: 'billing.internal',
      vpc,
    });

    const ledgerTask = new ecs.FargateTaskDefinition(this, 'LedgerTask', { cpu: 256, memoryLimitMiB: 512 });
    ledgerTask.addContainer('ledger', {
      image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
      portMappings: [{ containerPort: 80 }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'ledger' }),
    });
    const ledger = new ecs.FargateService(this, 'Ledger', {
      cluster,
      taskDefinition: ledgerTask,
      desiredCount: 2,
      minHealthyPercent: 100,
      cloudMapOptions: {
        cloudMapNamespace: namespace,
        name: 'ledger',
        dnsRecordType: servicediscovery.DnsRecordType.SRV,
        containerPort: 80,
      },
    });

    const invoicesTask = new ecs.FargateTaskDefinition(this, 'InvoicesTask', { cpu: 256, memoryLimitMiB: 512 });
    invoicesTask.addContainer('invoices', {
      image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
      environment: { LEDGER_HOST: 'ledger.billing.internal' },
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'invoices' }),
    });
    const invoices = new ecs.FargateService(this, 'Invoices', {
      cluster,
      taskDefinition: invoicesTask,
      desiredCount: 1,
      minHealthyPercent: 100,
      cloudMapOptions: { cloudMapNamespace: namespace, name: 'invoices' },
    });
    ledger.connections.allowFrom(invoices, ec2.Port.tcp(80));
  }
}

class FargateImportedVpcStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    // The VPC belongs to the network team; its ids are passed in as literals.
    const vpc = ec2.Vpc.fromVpcAttributes(this, 'SharedVpc', {
      vpcId: 'vpc-0a1b2c3d4e5f60718',
      vpcCidrBlock: '10.20.0.0/16',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      publicSubnetIds: ['subnet-0aa1111111111111a', 'subnet-0bb2222222222222b'],
      privateSubnetIds: ['subnet-0cc3333333333333c', 'subnet-0dd4444444444444d'],
    });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, clusterName: 'reporting' });
    const reports = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Reports', {
      cluster,
      cpu: 512,
      memoryLimitMiB: 1024,
      desiredCount: 2,
      minHealthyPercent: 100,
      publicLoadBalancer: false,
      taskImageOptions: { image: ecs.ContainerImage.fromRegistry(SAMPLE_APP), containerPort: 80 },
    });
    reports.loadBalancer.connections.allowFrom(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(80), 'Corporate network');
  }
}

class FargateUsEast1Stack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 3 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, enableFargateCapacityProviders: true });
    const edge = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Edge', {
      cluster,
      cpu: 256,
      memoryLimitMiB: 512,
      desiredCount: 3,
      minHealthyPercent: 100,
      capacityProviderStrategies: [{ capacityProvider: 'FARGATE', weight: 1 }],
      taskImageOptions: { image: ecs.ContainerImage.fromRegistry(NGINX), containerPort: 80 },
      circuitBreaker: { rollback: true },
    });
    edge.targetGroup.configureHealthCheck({ path: '/' });
    // A capacity provider strategy needs the providers associated with the
    // cluster first: make the service wait for the cluster's association.
    edge.service.node.addDependency(cluster);
    edge.service.autoScaleTaskCount({ minCapacity: 3, maxCapacity: 12 })
      .scaleOnMemoryUtilization('Memory', { targetUtilizationPercent: 75 });
  }
}

// ---------------------------------------------------------------------------
// App "FargateDelivery": HTTPS, CodeDeploy blue/green, sidecars
// ---------------------------------------------------------------------------

class HttpsFargateStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    // The public zone exists already; its id is known, no lookup needed.
    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      zoneName: 'example.com',
    });
    const certificate = new acm.Certificate(this, 'Certificate', {
      domainName: 'shop.example.com',
      validation: acm.CertificateValidation.fromDns(zone),
    });
    const shop = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Shop', {
      cluster,
      cpu: 512,
      memoryLimitMiB: 1024,
      desiredCount: 2,
      minHealthyPercent: 100,
      domainName: 'shop.example.com',
      domainZone: zone,
      certificate,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      redirectHTTP: true,
      taskImageOptions: { image: ecs.ContainerImage.fromRegistry(SAMPLE_APP), containerPort: 80 },
      circuitBreaker: { rollback: true },
    });
    shop.targetGroup.configureHealthCheck({ path: '/', healthyHttpCodes: '200-399' });
  }
}

class BlueGreenFargateStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });

    const taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDef', { cpu: 256, memoryLimitMiB: 512 });
    taskDefinition.addContainer('web', {
      image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
      portMappings: [{ containerPort: 80 }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'web' }),
    });
    const service = new ecs.FargateService(this, 'Service', {
      cluster,
      taskDefinition,
      desiredCount: 2,
      minHealthyPercent: 100,
      deploymentController: { type: ecs.DeploymentControllerType.CODE_DEPLOY },
    });

    const lb = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc, internetFacing: true });
    const healthCheck = { path: '/', interval: cdk.Duration.seconds(15), healthyThresholdCount: 2 };
    const blue = new elbv2.ApplicationTargetGroup(this, 'Blue', {
      vpc, port: 80, protocol: elbv2.ApplicationProtocol.HTTP, targetType: elbv2.TargetType.IP, healthCheck,
    });
    const green = new elbv2.ApplicationTargetGroup(this, 'Green', {
      vpc, port: 80, protocol: elbv2.ApplicationProtocol.HTTP, targetType: elbv2.TargetType.IP, healthCheck,
    });
    const listener = lb.addListener('Prod', { port: 80, defaultTargetGroups: [blue] });
    const testListener = lb.addListener('Test', { port: 8080, defaultTargetGroups: [green] });
    service.attachToApplicationTargetGroup(blue);

    const unhealthy = new cloudwatch.Alarm(this, 'UnhealthyHosts', {
      metric: green.metrics.unhealthyHostCount(),
      threshold: 1,
      evaluationPeriods: 2,
    });
    new codedeploy.EcsDeploymentGroup(this, 'DeploymentGroup', {
      service,
      blueGreenDeploymentConfig: { blueTargetGroup: blue, greenTargetGroup: green, listener, testListener },
      deploymentConfig: codedeploy.EcsDeploymentConfig.CANARY_10PERCENT_5MINUTES,
      alarms: [unhealthy],
      autoRollback: { failedDeployment: true, deploymentInAlarm: true },
    });
  }
}

class FargateSidecarsStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDef', { cpu: 1024, memoryLimitMiB: 2048 });

    const appLogs = new logs.LogGroup(this, 'AppLogs', { retention: logs.RetentionDays.TWO_WEEKS });
    appLogs.grantWrite(taskDefinition.taskRole);

    // The application container first: the load balancer targets the default container.
    const app = taskDefinition.addContainer('app', {
      image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
      portMappings: [{ containerPort: 80 }],
      environment: { AWS_XRAY_DAEMON_ADDRESS: 'localhost:2000' },
      logging: ecs.LogDrivers.firelens({
        options: {
          Name: 'cloudwatch_logs',
          region: this.region,
          log_group_name: appLogs.logGroupName,
          log_stream_prefix: 'app/',
        },
      }),
    });

    // X-Ray daemon sidecar.
    const xray = taskDefinition.addContainer('xray-daemon', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/xray/aws-xray-daemon:latest'),
      cpu: 32,
      memoryReservationMiB: 256,
      portMappings: [{ containerPort: 2000, protocol: ecs.Protocol.UDP }],
      essential: false,
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'xray' }),
    });
    taskDefinition.taskRole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AWSXRayDaemonWriteAccess'));
    app.addContainerDependencies({ container: xray, condition: ecs.ContainerDependencyCondition.START });

    // FireLens log router sidecar.
    taskDefinition.addFirelensLogRouter('log-router', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/aws-observability/aws-for-fluent-bit:stable'),
      firelensConfig: { type: ecs.FirelensLogRouterType.FLUENTBIT },
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'firelens' }),
      memoryReservationMiB: 64,
    });

    const api = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Api', {
      cluster,
      taskDefinition,
      desiredCount: 2,
      minHealthyPercent: 100,
      circuitBreaker: { rollback: true },
    });
    api.targetGroup.configureHealthCheck({ path: '/' });
  }
}

// ---------------------------------------------------------------------------
// App "SharedAlb": values passed across stacks (Fn::ImportValue)
// network stack -> cluster stack -> two service stacks on one ALB listener
// ---------------------------------------------------------------------------

class NetworkStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    this.vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
  }
}

class ClusterStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    this.cluster = new ecs.Cluster(this, 'Cluster', { vpc: props.vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc: props.vpc, internetFacing: true });
    this.listener = alb.addListener('Http', {
      port: 80,
      defaultAction: elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'not found' }),
    });
    new cdk.CfnOutput(this, 'AlbDnsName', { value: alb.loadBalancerDnsName });
  }
}

class ListenerServiceStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const { cluster, listener, name, priority, pathPatterns, containerPort } = props;
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDef', { cpu: 256, memoryLimitMiB: 512 });
    taskDefinition.addContainer(name, {
      image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
      portMappings: [{ containerPort }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: name }),
    });
    const service = new ecs.FargateService(this, 'Service', {
      cluster,
      taskDefinition,
      desiredCount: 2,
      minHealthyPercent: 100,
      circuitBreaker: { rollback: true },
    });
    const targetGroup = new elbv2.ApplicationTargetGroup(this, 'TargetGroup', {
      vpc: cluster.vpc,
      port: containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [service],
      healthCheck: { path: '/', healthyHttpCodes: '200' },
      deregistrationDelay: cdk.Duration.seconds(30),
    });
    // The rule lives in this stack, so the listener's stack does not depend on it.
    new elbv2.ApplicationListenerRule(this, 'ListenerRule', {
      listener,
      priority,
      conditions: [elbv2.ListenerCondition.pathPatterns(pathPatterns)],
      targetGroups: [targetGroup],
    });
  }
}

// ---------------------------------------------------------------------------
// App "NestedAndStage": a NestedStack holding a service; a "Prod" Stage
// ---------------------------------------------------------------------------

class WebServiceNestedStack extends cdk.NestedStack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const web = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Web', {
      cluster: props.cluster,
      cpu: 256,
      memoryLimitMiB: 512,
      desiredCount: 2,
      minHealthyPercent: 100,
      taskImageOptions: { image: ecs.ContainerImage.fromRegistry(SAMPLE_APP), containerPort: 80 },
    });
    this.loadBalancerDnsName = web.loadBalancer.loadBalancerDnsName;
  }
}

class PlatformStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });
    const web = new WebServiceNestedStack(this, 'WebService', { cluster });
    new cdk.CfnOutput(this, 'WebUrl', { value: `http://${web.loadBalancerDnsName}` });
  }
}

class ProdServiceStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc: props.vpc });
    const api = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Api', {
      cluster,
      cpu: 1024,
      memoryLimitMiB: 2048,
      desiredCount: 3,
      minHealthyPercent: 100,
      taskImageOptions: {
        image: ecs.ContainerImage.fromRegistry(SAMPLE_APP),
        containerPort: 80,
        environment: { STAGE: 'prod' },
      },
      circuitBreaker: { rollback: true },
      enableExecuteCommand: true,
    });
    api.service.autoScaleTaskCount({ minCapacity: 3, maxCapacity: 12 })
      .scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
  }
}

class ProdStage extends cdk.Stage {
  constructor(scope, id, props) {
    super(scope, id, props);
    const network = new NetworkStack(this, 'Network');
    new ProdServiceStack(this, 'Service', { vpc: network.vpc });
  }
}

// ---------------------------------------------------------------------------
// The apps
// ---------------------------------------------------------------------------

const apps = [];

{
  const a = newApp('Ec2Classic');
  new Ec2BridgeAlbStack(a.app, 'Ec2BridgeAlbStack');
  new Ec2HostNetworkStack(a.app, 'Ec2HostNetworkStack');
  new Ec2AwsvpcStack(a.app, 'Ec2AwsvpcStack');
  new Ec2DaemonStack(a.app, 'Ec2DaemonStack');
  new Ec2NlbStack(a.app, 'Ec2NlbStack');
  new WindowsEc2Stack(a.app, 'WindowsEc2Stack', { env: EU_WEST_1 });
  new Ec2EfsStack(a.app, 'Ec2EfsStack');
  apps.push(a);
}

{
  const a = newApp('Ec2CapacityProviders');
  new AsgCapacityProviderStack(a.app, 'AsgCapacityProviderStack', { env: EU_WEST_1 });
  new SpotCapacityStack(a.app, 'SpotCapacityStack', { env: EU_WEST_1 });
  new GravitonStack(a.app, 'GravitonStack');
  apps.push(a);
}

{
  const a = newApp('Fargate');
  new FargateBasicStack(a.app, 'FargateBasicStack');
  new AlbFargateStack(a.app, 'AlbFargateStack', { env: EU_WEST_1 });
  new FargateSpotStack(a.app, 'FargateSpotStack');
  new FargateArm64Stack(a.app, 'FargateArm64Stack');
  new FargateWindowsStack(a.app, 'FargateWindowsStack', { env: EU_WEST_1 });
  new QueueWorkerStack(a.app, 'QueueWorkerStack');
  new ScheduledTaskStack(a.app, 'ScheduledTaskStack');
  new NlbFargateStack(a.app, 'NlbFargateStack');
  new FargateEfsStack(a.app, 'FargateEfsStack', { env: EU_WEST_1 });
  new FargateSecretsStack(a.app, 'FargateSecretsStack', { env: EU_WEST_1 });
  new ServiceConnectStack(a.app, 'ServiceConnectStack');
  new FargateScalingStack(a.app, 'FargateScalingStack');
  new FargateServiceDiscoveryStack(a.app, 'FargateServiceDiscoveryStack');
  new FargateImportedVpcStack(a.app, 'FargateImportedVpcStack', { env: EU_WEST_1 });
  new FargateUsEast1Stack(a.app, 'FargateUsEast1Stack', { env: US_EAST_1 });
  apps.push(a);
}

{
  const a = newApp('FargateDelivery');
  new HttpsFargateStack(a.app, 'HttpsFargateStack', { env: EU_WEST_1 });
  new BlueGreenFargateStack(a.app, 'BlueGreenFargateStack');
  new FargateSidecarsStack(a.app, 'FargateSidecarsStack');
  apps.push(a);
}

{
  const a = newApp('SharedAlb');
  const network = new NetworkStack(a.app, 'SharedNetworkStack', { env: EU_WEST_1 });
  const cluster = new ClusterStack(a.app, 'SharedClusterStack', { env: EU_WEST_1, vpc: network.vpc });
  new ListenerServiceStack(a.app, 'OrdersServiceStack', {
    env: EU_WEST_1,
    cluster: cluster.cluster,
    listener: cluster.listener,
    name: 'orders',
    priority: 10,
    pathPatterns: ['/orders', '/orders/*'],
    containerPort: 80,
  });
  new ListenerServiceStack(a.app, 'WebServiceStack', {
    env: EU_WEST_1,
    cluster: cluster.cluster,
    listener: cluster.listener,
    name: 'web',
    priority: 100,
    pathPatterns: ['/*'],
    containerPort: 80,
  });
  apps.push(a);
}

{
  const a = newApp('NestedAndStage');
  new PlatformStack(a.app, 'PlatformStack');
  new ProdStage(a.app, 'Prod', { env: EU_WEST_1 });
  apps.push(a);
}

// ---------------------------------------------------------------------------
// Synthesize, then keep only what a checker needs
// ---------------------------------------------------------------------------

function pruneAssembly(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith('assembly-')) {
        pruneAssembly(full);
      } else {
        fs.rmSync(full, { recursive: true, force: true }); // asset.* folders
      }
      continue;
    }
    const keep = entry.name === 'manifest.json' || entry.name.endsWith('.template.json');
    if (!keep) fs.rmSync(full, { force: true }); // tree.json, cdk.out, *.assets.json, asset.* files
  }

  // The asset manifests, tree.json and the *.metadata.json files (construct
  // warnings with stack traces) are gone: drop what points at them from
  // manifest.json, so that every file and artifact it names is present.
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const removed = new Set();
  for (const [id, artifact] of Object.entries(manifest.artifacts || {})) {
    if (artifact.type === 'cdk:asset-manifest' || artifact.type === 'cdk:tree') {
      removed.add(id);
      delete manifest.artifacts[id];
    }
  }
  const keepPresent = (list) => list.filter((d) => !removed.has(d));
  for (const artifact of Object.values(manifest.artifacts || {})) {
    delete artifact.additionalMetadataFile;
    if (Array.isArray(artifact.dependencies)) {
      artifact.dependencies = keepPresent(artifact.dependencies);
      if (artifact.dependencies.length === 0) delete artifact.dependencies;
    }
    const props = artifact.properties || {};
    if (Array.isArray(props.additionalDependencies)) {
      props.additionalDependencies = keepPresent(props.additionalDependencies);
      if (props.additionalDependencies.length === 0) delete props.additionalDependencies;
    }
  }
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
}

function listTemplates(dir, prefix = '') {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
    if (entry.isDirectory()) found.push(...listTemplates(path.join(dir, entry.name), `${prefix}${entry.name}/`));
    else if (entry.name.endsWith('.template.json')) found.push(prefix + entry.name);
  }
  return found;
}

let total = 0;
for (const { name, app, outdir } of apps) {
  const assembly = app.synth();
  const missing = assembly.manifest.missing || [];
  if (missing.length > 0) {
    throw new Error(`${name}: synthesis needs context lookups: ${missing.map((m) => m.key).join(', ')}`);
  }
  pruneAssembly(outdir);
  const templates = listTemplates(outdir);
  total += templates.length;
  console.log(`${name}: ${templates.length} templates`);
  for (const t of templates) console.log(`  ${t}`);
}
console.log(`${total} templates in ${path.relative(repoRoot, OUT_ROOT)}`);
