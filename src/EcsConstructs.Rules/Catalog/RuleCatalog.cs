using EcsConstructs.Rules.Checks.Capacity;
using EcsConstructs.Rules.Checks.Deployment;
using EcsConstructs.Rules.Checks.Iam;
using EcsConstructs.Rules.Checks.LoadBalancing;
using EcsConstructs.Rules.Checks.Networking;
using EcsConstructs.Rules.Checks.Scaling;
using EcsConstructs.Rules.Checks.Services;
using EcsConstructs.Rules.Checks.Tasks;
using EcsConstructs.Rules.Engine;
using EcsConstructs.Rules.Model;
using static EcsConstructs.Rules.EcsRuleCheckPoint;
using static EcsConstructs.Rules.EcsRuleSeverity;

namespace EcsConstructs.Rules;

/// <summary>
/// The rule catalog, the one list of every check of EcsConstructs: every rule's id, severity,
/// check points, failure classes, description, deploy-time message and fix. Rules checked at
/// synthesis are evaluated by <see cref="RuleEngine"/> over the templates; rules checked at
/// construction are thrown by the library's constructors as <c>EcsValidationException</c> with an
/// id of <see cref="RuleIds"/>. Ids are stable; a retired rule's id is never reused.
/// <c>docs/rules.md</c> is rendered from this list.
/// </summary>
public static class RuleCatalog
{
    /// <summary>The rule with id <paramref name="ruleId"/>, or null.</summary>
    /// <param name="ruleId">A rule id, e.g. <c>ECS019</c>.</param>
    /// <returns>The rule, or null when no rule has that id.</returns>
    public static EcsRule? Find(string? ruleId) =>
        ruleId is not null && ById.TryGetValue(ruleId, out var rule) ? rule : null;

    internal static IReadOnlyList<RuleEntry> Entries { get; } =
    [
        R("ECS001", Error, [1], "A task needs more CPU or memory than every instance type of the EC2 capacity it runs on registers (the instance type table, memory less an overhead margin), on its own or beside the DAEMON tasks of the cluster that take their share of every instance: no instance can ever place it.",
            "service X was unable to place a task because no container instance met all of its requirements. The closest matching container-instance has insufficient CPU units available / insufficient memory available.",
            "Lower the task's CPU or memory, or use larger instance types for the capacity.", InstanceFitRules.TaskFitsInstances),
        R("ECS002", Warning, [2], "The Auto Scaling group of a capacity provider has MaxSize 0.",
            "…Reason: No Container Instances were found in your cluster.",
            "Give the group a MaxSize of at least 1.", CapacityProviderRules.GroupMaxZero),
        R("ECS003", Warning, [2], "The instance role of a capacity provider's instances does not trust ec2.amazonaws.com (e.g. ecs.amazonaws.com instead).",
            "…Reason: No Container Instances were found in your cluster.",
            "Let the instance role be assumed by ec2.amazonaws.com.", CapacityProviderRules.InstanceRoleTrust),
        R("ECS004", Warning, [2], "The launch template or configuration of a capacity provider's group has no user data writing ECS_CLUSTER, so instances join the 'default' cluster.",
            "…Reason: No Container Instances were found in your cluster.",
            "Write ECS_CLUSTER=<cluster name> to /etc/ecs/ecs.config in the user data (CDK's AddAsgCapacityProvider does this for an ECS-optimized AMI).", CapacityProviderRules.UserDataRegistersCluster),
        R("ECS005", Warning, [2, 16], "A capacity provider's instances are in a subnet of the stack with no default route and no ECR endpoint in the VPC.",
            "…Reason: No Container Instances were found in your cluster. / CannotPullContainerError: … Client.Timeout exceeded while awaiting headers",
            "Put the instances in subnets with a NAT gateway or internet gateway route, or add VPC endpoints (ecs, ecs-agent, ecs-telemetry, ecr.api, ecr.dkr, S3 gateway, logs).", CapacityProviderRules.InstancesHaveEgress),
        R("ECS006", Warning, [3], "A task binds a fixed host port (one task per instance) and the desired count exceeds the instances the capacity can have, or fills them while the minimum healthy percent keeps every task running, so a deployment cannot replace a task.",
            "service X was unable to place a task because no container instance met all of its requirements. The closest matching container-instance is already using a port required by your task.",
            "Use dynamic host ports (bridge mode, host port 0), allow more instances than the desired count, or lower MinimumHealthyPercent so that a deployment may stop an old task first.", InstanceFitRules.FixedHostPorts, Both),
        R("ECS007", Warning, [4], "An awsvpc service on EC2 wants more tasks than the capacity's instances have network interfaces for (one ENI per task, primary excluded, no trunking).",
            "…encountered error \"RESOURCE:ENI\". / Unable to attach network interface to unused device index.",
            "Use bridge mode, instance types with more ENIs, more instances, or enable ENI trunking (account setting awsvpcTrunking, Nitro types).", InstanceFitRules.EniSlots),
        R("ECS008", Error, [5], "The task definition's runtime platform CPU architecture differs from the architecture of the instance types it runs on.",
            "service X was unable to place a task because no container instance met all of its requirements. The closest matching container-instance is missing an attribute required by your task.",
            "Match RuntimePlatform.CpuArchitecture to the instances (ARM64 for Graviton types such as t4g, m6g, c7g; X86_64 otherwise), or use a capacity with the other architecture.", InstanceFitRules.Architecture),
        R("ECS009", Error, [6], "A capacity provider strategy mixes Auto Scaling group providers with FARGATE or FARGATE_SPOT.",
            "A capacity provider strategy cannot contain a mix of capacity providers using Auto Scaling groups and Fargate providers. Specify one or the other and try again.",
            "Use only EC2 providers or only Fargate providers in one strategy.", StrategyRules.MixedStrategy, Both),
        R("ECS010", Error, [6], "A service sets both LaunchType and CapacityProviderStrategy.",
            "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.",
            "Remove LaunchType (a strategy decides the capacity) or the strategy.", StrategyRules.LaunchTypeAndStrategy),
        R("ECS011", Error, [6, 32], "A DAEMON service has a capacity provider strategy, its own or the cluster's default (no launch type).",
            "Specifying a capacity provider strategy is not supported when you create a service using the DAEMON scheduling strategy.",
            "Give DAEMON services LaunchType EC2 and no strategy.", StrategyRules.DaemonStrategy),
        R("ECS012", Error, [7], "Placement constraints or strategies on a Fargate service, more than 10 constraints (service + task definition) or more than 5 strategy rules.",
            "Placement constraints are not supported with FARGATE launch type. (or the limit errors)",
            "Remove placement settings from Fargate services; keep at most 10 constraints and 5 strategy rules.", SchedulingRules.Placement, Both),
        R("ECS013", Error, [8], "A capacity provider enables managed termination protection but its group does not protect new instances from scale-in (ECS rejects the capacity provider).",
            "The managed termination protection setting for the capacity provider is invalid. To enable managed termination protection for a capacity provider, the Auto Scaling group must have instance protection from scale in enabled.",
            "Set NewInstancesProtectedFromScaleIn on the group (CDK's AsgCapacityProvider does) or disable managed termination protection.", CapacityProviderRules.ManagedProtectionNeedsScaleInProtection),
        R("ECS014", Error, [8], "Two capacity providers use the same Auto Scaling group.",
            "The specified Auto Scaling group ARN is already being used by another capacity provider.",
            "Give each capacity provider its own Auto Scaling group.", CapacityProviderRules.SharedGroup),
        R("ECS015", Error, [8], "A capacity provider name starts with 'aws', 'ecs' or 'fargate', or is generated from a stack name that does.",
            "The capacity provider name is invalid (names starting with aws, ecs or fargate are reserved).",
            "Set an explicit Name that does not start with aws, ecs or fargate (Ec2Capacity names its providers cp-…).", CapacityProviderRules.ProviderName),
        R("ECS016", Error, [9], "A cluster's capacity providers are associated by two mechanisms (cluster properties and a ClusterCapacityProviderAssociations resource, or two association resources).",
            "The cluster already contains capacity provider associations …",
            "Associate capacity providers in one place: one ClusterCapacityProviderAssociations per cluster (what CDK's Cluster creates).", CapacityProviderRules.TwoAssociationMechanisms),
        R("ECS017", Error, [9], "A strategy names a capacity provider that is not associated with the service's cluster, or names an Auto Scaling group instead of a provider.",
            "The specified capacity provider was not found. / …capacity provider is not associated with the cluster.",
            "Name capacity providers (not groups) and associate them with the cluster (Cluster.AddAsgCapacityProvider, EnableFargateCapacityProviders).", StrategyRules.StrategyProvidersAssociated, Both),
        R("ECS018", Error, [9], "A service sets PlatformVersion while it runs on EC2 (launch type EC2 or an EC2 capacity provider).",
            "The platform version must be null when specifying an EC2 launch type.",
            "Remove PlatformVersion from EC2 services (EcsConstructs' EC2 service props have none).", StrategyRules.PlatformVersionOnEc2),
        R("ECS019", Error, [11], "An Application Load Balancer has fewer than two subnets, or two subnets in one Availability Zone (zones known in the app); at construction, an EcsCluster given fewer than two distinct AvailabilityZones.",
            "At least two subnets in two different Availability Zones must be specified / A load balancer cannot be attached to multiple subnets in the same Availability Zone",
            "Give the load balancer one subnet in each of at least two Availability Zones.", LoadBalancerRules.AlbSubnets, Both),
        R("ECS020", Error, [12], "A service registers with a target group that no listener or listener rule of the stack forwards to.",
            "The target group with targetGroupArn … does not have an associated load balancer.",
            "Add a listener or listener rule forwarding to the target group.", LoadBalancerRules.TargetGroupAttached),
        R("ECS021", Warning, [12], "A service does not depend on the listener or rule that forwards to its target group, so CloudFormation may create it first.",
            "The target group with targetGroupArn … does not have an associated load balancer.",
            "Make the service depend on the listener (CDK's AttachToApplicationTargetGroup and listener.AddTargets do).", LoadBalancerRules.ServiceDependsOnListener),
        R("ECS022", Error, [13], "A target group's target type does not match the task's network mode (awsvpc needs ip, bridge and host need instance).",
            "The provided target group … has target type instance, which is incompatible with the awsvpc network mode specified in the task definition.",
            "Use TargetType ip for awsvpc tasks and instance for bridge or host tasks.", LoadBalancerRules.TargetTypeMatchesNetworkMode),
        R("ECS023", Error, [14], "A service's load balancer names a container that is not in its task definition, or a port the container does not map.",
            "The container app did not have a container port 80 defined. / The container Frontend does not exist in the task definition.",
            "Name an existing container and one of its container ports.", LoadBalancerRules.LoadBalancerContainerPort, Both),
        R("ECS024", Error, [15], "awsvpc and Fargate network rules: host port ≠ container port, links, network configuration missing or not allowed, Fargate without awsvpc, IpcMode/PidMode host on Fargate (at construction also host ports in host mode and links outside bridge mode).",
            "When networkMode=awsvpc, the host ports and container ports in port mappings must match. / Network Configuration must be provided when networkMode 'awsvpc' is specified. / Fargate only supports network mode 'awsvpc'. / …",
            "Use awsvpc with matching ports, no links and a NetworkConfiguration; give non-awsvpc services no NetworkConfiguration.", TaskNetworkRules.AwsvpcRules, Both),
        R("ECS025", Warning, [16], "Fargate tasks in subnets with no default route and no ECR endpoint, or in public subnets without a public IP or an ECR endpoint (on EC2 the instance pulls images for awsvpc tasks).",
            "CannotPullContainerError: … request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers) / ResourceInitializationError: unable to pull secrets or registry auth …",
            "Use private subnets with a NAT gateway, set AssignPublicIp ENABLED in public subnets, or add VPC endpoints.", TaskNetworkRules.TaskEgress),
        R("ECS026", Warning, [17], "The tasks' (awsvpc) or instances' (bridge, host) security groups admit no traffic from the load balancer's security group on the ports it targets (dynamic ports: 32768-60999 at least).",
            "(service …) (task …) (port …) is unhealthy in (target-group …) due to (reason Request timed out).",
            "Allow ingress from the load balancer's security group on the container port (awsvpc) or the ephemeral port range (bridge, host port 0).", LoadBalancerRules.LoadBalancerCanReachTasks),
        R("ECS027", Warning, [18], "Health check settings likely to fail tasks: a grace period of 0 behind a load balancer or below a container health check's start period, matcher codes outside 200-499 (200-599 on a Network Load Balancer).",
            "… is unhealthy in (target-group …) due to (reason Health checks failed). / Task failed ELB health checks",
            "Set HealthCheckGracePeriod to at least the application's start-up time, and a matcher within 200-499 (ALB) or 200-599 (NLB).", LoadBalancerRules.HealthChecks, Both),
        R("ECS028", Error, [20], "A task definition without an execution role injects secrets, or requires Fargate and pulls from ECR or logs with awslogs.",
            "Fargate requires task definition to have execution role ARN to support ECR images. / …to support log driver awslogs.",
            "Give the task definition an execution role (CDK creates one when a container needs it).", RoleRules.ExecutionRoleMissing),
        R("ECS029", Warning, [20], "The execution role of a task pulling from ECR is not allowed ecr:GetAuthorizationToken (policies in the stack only).",
            "CannotPullContainerError: … is not authorized to perform: ecr:GetAuthorizationToken on resource: *",
            "Grant ecr:GetAuthorizationToken on * to the execution role (repository.GrantPull, or AmazonECSTaskExecutionRolePolicy).", RoleRules.ExecutionRoleCanPull),
        R("ECS030", Warning, [21], "A container secret is not readable by the execution role (granted to the task role instead, or not at all), or is referenced by a partial ARN granted exactly.",
            "ResourceInitializationError: unable to pull secrets or registry auth: … AccessDeniedException: … is not authorized to perform: secretsmanager:GetSecretValue on resource: …",
            "Grant the execution role read access (secret.GrantRead(taskDefinition.ObtainExecutionRole())), reference secrets by complete ARN, or grant on name-?????? .", RoleRules.SecretsReadable, Both),
        R("ECS031", Warning, [22], "A secret of the stack is encrypted with a customer-managed key of the stack that the execution role may not decrypt.",
            "ResourceInitializationError: … failed to fetch secret … AccessDeniedException: Access to KMS is not allowed",
            "Grant kms:Decrypt on the key to the execution role (key.GrantDecrypt).", RoleRules.SecretKeyDecrypt),
        R("ECS032", Error, [24], "A task role or execution role of the stack does not trust ecs-tasks.amazonaws.com.",
            "ECS was unable to assume the role '…' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions.",
            "Let the role be assumed by ecs-tasks.amazonaws.com.", RoleRules.RolesTrustEcsTasks),
        R("ECS033", Error, [26], "A container uses the awslogs driver without an awslogs-group.",
            "Log driver awslogs option 'awslogs-group' should not be null or empty.",
            "Set awslogs-group (LogDriver.AwsLogs with a LogGroup).", LoggingRules.AwsLogsGroupGiven),
        R("ECS034", Warning, [26], "awslogs writes to another region than the stack's, or sets awslogs-create-group without logs:CreateLogGroup for the execution role. (A group name the stack does not create is an info note.)",
            "CannotStartContainerError: … failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist.",
            "Log to a group the stack creates in its own region, or grant logs:CreateLogGroup when using awslogs-create-group.", LoggingRules.AwsLogsGroupUsable),
        R("ECS035", Warning, [27], "A task mounts an EFS file system of the stack that has no mount target, or whose mount targets' security groups admit nothing on TCP 2049.",
            "ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: … mount.nfs4: Connection timed out",
            "Create a mount target in every subnet's zone and allow TCP 2049 from the tasks or instances (fileSystem.Connections.AllowDefaultPortFrom).", EfsRules.EfsMountNetwork),
        R("ECS036", Error, [28], "An EFS volume uses an access point with a RootDirectory other than '/', or an access point or IAM authorization without transit encryption.",
            "When using an EFS access point, the root directory must either be set to \"/\" or be omitted …",
            "Omit RootDirectory with an access point (the access point sets the path) and set TransitEncryption ENABLED.", EfsRules.EfsAccessPoint, Both),
        R("ECS037", Warning, [28], "An EFS volume uses IAM authorization but the task role is missing or lacks elasticfilesystem:ClientMount.",
            "ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: … access denied by server",
            "Give the task definition a task role with elasticfilesystem:ClientMount (and ClientWrite) on the file system.", EfsRules.EfsIamClientMount),
        R("ECS038", Error, [29], "A Fargate task definition lacks task-level CPU or memory, or uses a CPU/memory pair Fargate does not offer (FargateSizes); Windows tasks on Fargate take 1024, 2048 or 4096 CPU units on X86_64 only.",
            "No Fargate configuration exists for given values: 512 CPU, 512 memory. / Invalid 'cpu' setting for task. / Fargate requires that 'cpu' be defined at the task level.",
            "Use a pair from the Fargate table (e.g. 256 CPU with 512, 1024 or 2048 MiB).", TaskSizeRules.FargateSize, Both),
        R("ECS039", Error, [30], "Container memory settings ECS rejects: neither memory nor reservation (and no task memory), memory above the task's, reservation above memory.",
            "The 'memory' setting for container 'worker' is greater than for the task. / At least one of 'memory' or 'memoryReservation' must be specified.",
            "Give each container a memory limit or reservation within the task's memory, with reservation ≤ limit.", TaskSizeRules.ContainerMemory, Both),
        R("ECS040", Error, [32], "A DAEMON service sets a desired count or placement strategies, runs on Fargate, or uses the CODE_DEPLOY or EXTERNAL deployment controller.",
            "The daemon scheduling strategy does not support a desired count for services. / …does not support placement strategies. / the CODE_DEPLOY and EXTERNAL controllers require the REPLICA scheduling strategy (paraphrase)",
            "Remove DesiredCount and placement strategies from DAEMON services, run them on EC2 and deploy them with the ECS controller (rolling updates).", SchedulingRules.Daemon),
        R("ECS041", Warning, [33], "A service pins DesiredCount in the template while Application Auto Scaling scales it.",
            "(no error: every deployment resets the task count to the template's value, aws-cdk#3919)",
            "Leave DesiredCount out of the template when auto scaling owns the count (ServiceScaling does this).", DeploymentRules.DesiredCountWithAutoScaling),
        R("ECS042", Error, [34], "Capacity bounds: an Auto Scaling group's desired capacity outside min..max or min above max; a scalable target's MinCapacity above MaxCapacity.",
            "Desired capacity:2 must be between the specified min size:4 and max size:10",
            "Keep min ≤ desired ≤ max.", CapacityBoundsRules.CapacityBounds, Both),
        R("ECS043", Error, [35], "An ALBRequestCountPerTarget scaling policy without a ResourceLabel, or on a Network Load Balancer target group.",
            "Resource label should be specified for predefined metric type ALBRequestCountPerTarget",
            "Set ResourceLabel to app/<lb>/<id>/targetgroup/<tg>/<id> of an ALB target group (ServiceScaling.RequestCountTracking does).", ScalingRules.RequestCountScaling, Both),
        R("ECS044", Warning, [36], "A capacity provider with managed termination protection and no force delete of its group: stack deletion waits on scale-in-protected instances.",
            "Stack stuck in DELETE_IN_PROGRESS; \"Resource timed out waiting for completion\"",
            "Force-delete the group after the capacity provider on stack deletion (EcsConstructs does by default: Ec2CapacityOptions.ForceDeleteOnStackDeletion), disable managed termination protection, or acknowledge for long-lived stacks.", CapacityProviderRules.ForceDelete),
        R("ECS045", Warning, [37], "A service using capacity providers does not depend on its cluster's ClusterCapacityProviderAssociations.",
            "The specified capacity provider is in use and cannot be removed.",
            "Make the service depend on the association (service.Node.AddDependency(cluster), as LoadBalancedEc2Service does).", StrategyRules.ServiceDependsOnAssociation),
        R("ECS046", Warning, [38], "A rolling-update service (ECS deployment controller, rolling strategy) that does not configure the deployment circuit breaker at all; a breaker written off, CodeDeploy, external and blue/green deployments are the user's choice.",
            "Service … did not stabilize. (after about 3 hours)",
            "Enable the deployment circuit breaker with rollback (EcsConstructs' services do), or write DeploymentCircuitBreaker with Enable false to turn it off on purpose.", DeploymentRules.CircuitBreaker),
        R("ECS047", Error, [39], "MinimumHealthyPercent and MaximumPercent leave no room to replace a task at the service's desired count (minimum rounded up, maximum rounded down).",
            "service X was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.",
            "Lower MinimumHealthyPercent or raise MaximumPercent so that ceil(desired × min%) < desired or floor(desired × max%) > desired.", DeploymentRules.DeploymentDeadlock, Both),

        // Checked at construction only: the library's constructors refuse the input (EcsValidationException);
        // raw CDK resources are not checked for these.
        C("ECS048", [], "A name or id that CloudFormation, ECS, ECR or CDK would reject: a blank or malformed cluster name, task family, container, volume, service or ECR repository name; a container or volume name used twice in a task; a blank, reserved or repeated construct id (EC2 capacity, scaling policy, schedule); a blank deployment alarm name.",
            "Properties validation failed for resource Images with message: #/RepositoryName: failed validation constraint for keyword [pattern] / Invalid request provided: … (ECS names allow 1 to 255 letters, digits, '_' and '-'; paraphrase) / There is already a Construct with name 'Vpc' in EcsCluster [Cluster] (CDK, at synth)",
            "Use names of 1 to 255 letters, digits, '_' and '-' (ECR: 2 to 256 lower-case letters, digits and '.', '_', '-', '/'), unique within the task, and ids that are not blank, reserved or repeated."),
        C("ECS049", [], "A number outside the range CloudFormation, ECS, ECR, Elastic Load Balancing or Application Auto Scaling accepts (sizes, counts, percentages, ports, seconds, minutes, thresholds, priorities, tracking targets, the number of deployment alarms), or a lower bound above its upper bound (managed scaling step sizes).",
            "Properties validation failed for resource … with message: #/…: failed validation constraint for keyword [minimum] (or [maximum]) / Invalid request provided: … / a ValidationError of Elastic Load Balancing or Application Auto Scaling naming the allowed range (paraphrase)",
            "Use a value within the range the message names."),
        C("ECS050", [], "A duration that is not a whole number of seconds where CloudFormation takes whole seconds (container and load balancer health checks, stop timeout, grace period, deregistration delay, slow start, stickiness, scaling cooldowns), or not a whole number of minutes where it takes minutes (blue/green bake time).",
            "'30.5 seconds' cannot be converted into a whole number of seconds. (raised by CDK's Duration.toSeconds at synth, as a raw jsii error without the construct path)",
            "Give whole seconds, e.g. Duration.Seconds(31)."),
        C("ECS051", [6], "A capacity provider strategy ECS rejects or the service cannot run on: empty, more than 20 providers, a blank or repeated provider, a base on more than one provider, only zero weights, or providers of the other kind than the service (a Fargate provider for an EC2 service, EC2 capacity for a Fargate service, an EC2 service left on the cluster's Fargate default strategy).",
            "Invalid request provided: … (a strategy names at most 20 providers, each once, with a base on one provider only and a weight above 0 on at least one; paraphrase) / …was unable to place a task because no container instance met all of its requirements.",
            "Name each provider once (at most 20), give at most one of them a Base and at least one a Weight above 0, and use FARGATE/FARGATE_SPOT for Fargate services and EC2 capacity ids for EC2 services."),
        C("ECS052", [30], "Container definitions ECS rejects or cannot start: no container or no essential container, links or DependsOn naming no other container of the task, COMPLETE/SUCCESS on an essential container or HEALTHY on one without a health check, mount points on unknown volumes or relative paths, port mappings in NONE network mode, an empty health check command, a ulimit soft limit above its hard limit, a variable in both Environment and Secrets, containers reserving more memory or CPU than the task has.",
            "Invalid request provided: Create TaskDefinition: … (the message names the container and setting; paraphrase) / the task stops at start-up when a dependency condition can never be met",
            "Keep the definitions consistent: at least one essential container, links, dependencies and mount points that name other containers and volumes of the task, absolute container paths, each variable in Environment or Secrets, and reservations within the task's memory and CPU."),
        C("ECS053", [], "Task volumes the launch type does not support or the call cannot use: a bind mount with a host path or a Docker volume on Fargate, Autoprovision on a task-scoped Docker volume, AllowEfsAccessFrom on a task definition without EFS volumes.",
            "Invalid request provided: Create TaskDefinition: … (Fargate supports bind mounts without a host path and EFS volumes; paraphrase) / none for AllowEfsAccessFrom: nothing would be opened.",
            "On Fargate use bind mounts without a host path (task storage) or EFS volumes; omit Autoprovision for task-scoped volumes; call AllowEfsAccessFrom only on a task definition with an EFS volume."),
        C("ECS054", [13, 18], "Load balancer, listener and target group settings that Elastic Load Balancing rejects or that leave targets unreachable: a load-balanced service in NONE network mode, a fixed health check port on dynamic host ports, a health check path not starting with '/' or a timeout not below the interval, a malformed certificate ARN or CIDR, an empty IngressCidrs, an HTTPS listener on the redirect's port 80, a listener rule without a listener, a rule with 0 or more than 5 conditions or a path pattern not starting with '/', access logs to a KMS-encrypted bucket or from a stack without a region, a blue/green test listener on the production or redirect listener's port.",
            "Health check timeout must be smaller than the interval (paraphrase) / A listener already exists on this port for this load balancer … / (service …) (port …) is unhealthy in (target-group …) due to (reason Health checks failed).",
            "Give load-balanced services a network, leave HealthCheck.Port unset with dynamic host ports, keep the health check timeout below the interval, use Application Load Balancer settings on ALBs only, valid ARNs and CIDRs, distinct listener ports, and listener rules (1 to 5 conditions, paths from '/') only with a shared Listener."),
        C("ECS055", [35], "Scaling policies that Application Auto Scaling or CloudWatch rejects or applies wrongly: an anomaly detection operator on a step alarm, MinAdjustmentMagnitude without PERCENT_CHANGE_IN_CAPACITY, steps that are empty, inverted, negative with EXACT_CAPACITY, open-ended more than once per side, overlapping or leaving gaps, metric math over another expression, a malformed target group full name for request-count tracking.",
            "Invalid request provided / ValidationException: … (step adjustments must not overlap or leave gaps; paraphrase) / none for gaps at deploy: a metric value in a gap triggers no adjustment.",
            "Use contiguous, non-overlapping steps with at most one open end on each side, threshold operators on step alarms, MinAdjustmentMagnitude only with PERCENT_CHANGE_IN_CAPACITY, metric math over plain metrics and target group names of the form targetgroup/<name>/<id>."),
        R("ECS056", Error, [34], "Scheduled scaling actions that set neither MinCapacity nor MaxCapacity, set MinCapacity above MaxCapacity, give a time zone to a rate() expression, end before they start, or whose schedule is not a valid at(), rate() or cron() expression (cron: 6 fields, ? in day-of-month or day-of-week, fields in range).",
            "ValidationException: … (a scheduled action needs a minimum or maximum capacity, minimum ≤ maximum, and an end time after its start time; paraphrase)",
            "Give MinCapacity and/or MaxCapacity with min ≤ max, a time zone only with cron() or at(), and an EndTime after StartTime.", ScalingRules.ScheduledActions, Both),
        R("ECS057", Error, [23], "Malformed references: a Secrets Manager ARN that is not a complete ARN, an empty JSON key or both a version stage and a version id; an image reference Docker cannot parse (empty, whitespace, a tag before the last path component, upper-case name components; also checked in templates), an ECR tag or digest ECR does not accept, a Docker build directory without its Dockerfile; a cross-account pull account id that is not 12 digits.",
            "ResourceInitializationError: unable to pull secrets or registry auth: … Secrets Manager can't find the specified secret. / CannotPullContainerError: … invalid reference format / Cannot find file at …/Dockerfile (CDK, at synth)",
            "Reference secrets by their complete ARN with at most one of version stage and version id, give image references as shown by the registry (tag: letters, digits, '_', '.', '-'; digest: sha256:<64 hex digits>), point assets at the directory holding the Dockerfile, and give 12-digit account ids.", ImageRules.MalformedImage, Both),
        C("ECS058", [], "Input the library refuses for least privilege: one role as both task role and execution role, task role statements with NotAction or wildcard actions (without allowWildcardActions), environment variables whose names look like secrets (without AllowSecretLikeEnvironmentNames).",
            "none: accepted, but the application gets more permissions than it needs, or a secret is readable by anyone who can describe the task definition.",
            "Use separate task and execution roles, name the actions the application needs, and inject secrets with Secrets (ContainerSecret); opt out explicitly where the setting is intended."),
        C("ECS059", [], "Props that contradict each other or the construct they apply to: Image together with TaskDefinition (or neither), a task definition whose compatibility or network mode does not match the service, a second ServiceScaling (or CDK auto scaling) for one service, NAT gateways in a VPC layout without private subnets with egress (or none for such subnets), an EC2 service whose strategy names a Fargate capacity provider.",
            "Task definition does not support launch_type FARGATE. (paraphrase) / Assign public IP is not supported for this launch type. (paraphrase) / a second scalable target for the same service: … already exists",
            "Give Image or TaskDefinition (not both), a task definition compatible with the service and without a conflicting NetworkMode, and all scaling policies of a service in one ServiceScaling."),
        C("ECS060", [7], "Placement settings ECS rejects: a spread strategy over an unknown field, an empty memberOf expression or one longer than 2000 characters.",
            "Invalid request provided: … (placement strategy fields: instanceId, host or attribute:<name>; constraint expressions up to 2000 characters; paraphrase)",
            "Spread over instanceId, host or attribute:<name>, and give memberOf a cluster query language expression of 1 to 2000 characters."),
        C("ECS061", [2], "An EC2 capacity whose instance types mix x86_64 and arm64 (one AMI serves the group) or list a type twice.",
            "The architecture 'arm64' of the specified instance type does not match the architecture 'x86_64' of the specified AMI. (instance launches fail in the Auto Scaling group, no container instances register) / duplicate instance types in the overrides (paraphrase)",
            "Give one capacity per architecture and list each instance type once."),

        // Checked on the templates of the whole app together (cross-stack), and warnings the library printed outside the catalog before.
        R("ECS062", Error, [41], "The same security group rule (direction, group, protocol, ports, peer) is created twice: by two resources in one stack or in two stacks, or inline in the group and as a resource.",
            "CREATE_FAILED … InvalidPermission.Duplicate: the specified rule \"peer: sg-…, TCP, from port: 32768, to port: 65535, ALLOW\" already exists (and deleting either stack later removes the rule the other still needs)",
            "Create each rule once, in the stack whose lifecycle covers every user of it (EcsConstructs creates the load balancer ↔ instances rules once per pair of groups).", SecurityGroupRules.DuplicateRules),
        R("ECS063", Error, [42], "Two listener rules use the same priority on one listener, also when the listener is imported from another stack.",
            "CREATE_FAILED … PriorityInUse: Priority '10' is currently in use",
            "Give every rule of a listener its own priority (ListenerRuleOptions.Priority), across all stacks that add rules to it.", ListenerRules.DuplicatePriority),
        R("ECS064", Warning, [1], "An Auto Scaling group runs Spot instances (less than 100 % on-demand above its base) from a single instance type.",
            "none at deploy time: when that instance type's Spot pool is interrupted or exhausted in a zone, no replacement instance launches and tasks cannot be placed (\"no container instance met all of its requirements\")",
            "Add instance types of the same size class to the mixed instances policy (Ec2CapacityOptions.AdditionalInstanceTypes, e.g. t3a, m5, m6i) so interruptions can be replaced.", SpotRules.SingleInstanceType),
        R("ECS065", Warning, [1, 3, 4], "A service's scaling maximum (the scalable target's MaxCapacity) does not fit its EC2 capacity at the capacity's maximum size, by CPU, memory (beside the DAEMON tasks of the cluster on every instance), fixed host ports or awsvpc network interfaces (largest instance type of each group).",
            "service X was unable to place a task because no container instance met all of its requirements. (when scaling out towards the maximum)",
            "Raise the capacity's MaxCapacity, use a larger instance type or lower the service's MaxCapacity.", ScalingFitRules.MaxTasksFitCapacity),
        R("ECS066", Warning, [1], "A task fits some instance types of its EC2 capacity but not others (a mixed instances group), on its own or beside the DAEMON tasks of the cluster: instances of the smaller types cannot run it.",
            "service X was unable to place a task because no container instance met all of its requirements. (when only instances of the smaller types are free)",
            "Give the capacity instance types that all fit the task, or a separate capacity for it.", InstanceFitRules.TaskFitsSomeInstances),
        R("ECS067", Error, [43], "A listener uses an ACM certificate of another region than the stack's (the region is in the certificate ARN).",
            "CREATE_FAILED … CertificateNotFound: Certificate 'arn:aws:acm:us-east-1:…' not found",
            "Use a certificate issued (or imported) in the load balancer's region; CloudFront is the one service that takes us-east-1 certificates elsewhere.", ListenerRules.CertificateRegion),
        R("ECS068", Warning, [27], "A service's tasks run in Availability Zones where the EFS file system they mount has no mount target.",
            "ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: … mount.nfs4: Connection timed out (in the zones without a mount target)",
            "Create a mount target in every zone of the tasks' subnets (or of the instances' subnets), or keep the tasks in the zones that have one.", EfsRules.EfsMountTargetZones),
        R("ECS069", Error, [28], "A Fargate service mounts EFS volumes on a platform version below 1.4.0, which does not support EFS.",
            "Invalid request provided: … EFS volumes are not supported on this platform version (paraphrase)",
            "Use platform version 1.4.0 or LATEST (the default).", EfsRules.EfsOnOldFargatePlatform),
        R("ECS070", Warning, [44], "A service pulls its image from an ECR repository that the same stack creates: on the first deployment the repository is empty.",
            "CannotPullContainerError: … manifest for …:1.0.0 not found (the stack waits, then the circuit breaker rolls back)",
            "Create the repository in a stack deployed first and push the image before deploying the service, or build the image from a Dockerfile asset (ImageSource.FromAsset).", ImageRules.RepositoryInSameStack),
        R("ECS071", Warning, [2], "An Auto Scaling group meant for ECS (a capacity provider's, or user data writing ECS_CLUSTER) launches an image that is not ECS-optimized, where the template shows it (an SSM parameter path).",
            "…Reason: No Container Instances were found in your cluster. (the image has no ECS agent)",
            "Use an ECS-optimized image: the SSM parameters under /aws/service/ecs/ (EcsOptimizedImage in CDK), Windows ECS_Optimized or Bottlerocket aws-ecs images.", AmiRules.NotEcsOptimized),

        // DAEMON services and ECS's own blue/green deployments (issue #18).
        R("ECS072", Warning, [32], "Application Auto Scaling scales the desired count of a DAEMON service (a scalable target with ScalableDimension ecs:service:DesiredCount on it).",
            "none at deploy time: every scaling activity fails, since a DAEMON service has no desired count (\"The daemon scheduling strategy does not support a desired count for services\"); its task count follows the instances",
            "Remove the scalable target and its policies from the DAEMON service, and scale the instances it runs on (the Auto Scaling group or its capacity provider) instead.", SchedulingRules.DaemonScaling),
        R("ECS073", Error, [45], "A service deploys with Strategy BLUE_GREEN, LINEAR or CANARY but uses the CODE_DEPLOY or EXTERNAL controller, or a load balancer entry lacks AdvancedConfiguration, its AlternateTargetGroupArn, its RoleArn (or names a role not trusted by ecs.amazonaws.com), or, behind an Application Load Balancer, a ProductionListenerRule that is a listener rule.",
            "Invalid request provided: … (blue/green deployments need the ECS deployment controller and, for each load balancer, an alternate target group, the production listener rule and an infrastructure role; paraphrase)",
            "Keep DeploymentController.Type ECS and give each LoadBalancers entry AdvancedConfiguration {AlternateTargetGroupArn, ProductionListenerRule (a listener rule on an ALB, the listener on an NLB), TestListenerRule (optional), RoleArn of a role trusted by ecs.amazonaws.com with AmazonECSInfrastructureRolePolicyForLoadBalancers}.", BlueGreenRules.NativeBlueGreenPrerequisites),
        R("ECS074", Error, [45], "The target groups of a BLUE_GREEN, LINEAR or CANARY deployment do not pair: the alternate is the primary itself, or has another target type (instance vs ip), or is forwarded to by no listener or by another load balancer than the production listener rule's; the production listener rule does not forward to the primary group; the test listener rule belongs to another load balancer. Likewise for a CodeDeploy deployment group of ECS services: a target group pair with fewer than two groups, the same group twice, groups of different target types, or a group served by another load balancer than the production listener's.",
            "TargetGroupAssociationLimit: … target groups cannot be associated with more than one load balancer / the deployment fails when ECS re-weights the production listener rule (paraphrase)",
            "Create two target groups of the same target type and let the production listener rule forward to both (primary weight 100, alternate weight 0) on one load balancer, with the test listener rule on the same load balancer; for CodeDeploy, name both groups (the service's first) in the deployment group's TargetGroupPairInfoList, on the load balancer of its production listener.", BlueGreenRules.TargetGroupPair),
        R("ECS075", Warning, [46], "A service with the CODE_DEPLOY or EXTERNAL deployment controller enables the deployment circuit breaker, which ECS applies to its own (ECS controller) deployments only.",
            "none: accepted and ignored; a failing deployment is neither stopped nor rolled back by the breaker, and the service differs from the template (drift)",
            "Remove the DeploymentCircuitBreaker and configure rollback where the deployments run: the CodeDeploy deployment group's AutoRollbackConfiguration and alarms, or the external tool.", DeploymentRules.CircuitBreakerWithoutEcsController),
    ];

    // Initialized after Entries (static initializers run in textual order).
    private static readonly Dictionary<string, EcsRule> ById = Entries.ToDictionary(e => e.Rule.Id, e => e.Rule, StringComparer.Ordinal);

    /// <summary>Every rule, ordered by id (ECS001 onwards), at construction and at synthesis.</summary>
    public static IReadOnlyList<EcsRule> Rules { get; } = Entries.Select(e => e.Rule).ToList().AsReadOnly();

    private const EcsRuleCheckPoint Both = Construction | Synthesis;

    /// <summary>A rule checked at synthesis by <paramref name="evaluate"/>, and also at construction when <paramref name="checkedAt"/> says so.</summary>
    private static RuleEntry R(string id, EcsRuleSeverity severity, int[] classes, string title, string deployMessage, string fix,
        Func<TemplateIndex, IEnumerable<Finding>> evaluate, EcsRuleCheckPoint checkedAt = Synthesis) =>
        new(new EcsRule(id, severity, checkedAt, classes, title, deployMessage, fix), evaluate);

    /// <summary>An error checked at construction only: constructors throw it, no evaluation runs at synthesis.</summary>
    private static RuleEntry C(string id, int[] classes, string title, string deployMessage, string fix) =>
        new(new EcsRule(id, Error, Construction, classes, title, deployMessage, fix), null);
}
