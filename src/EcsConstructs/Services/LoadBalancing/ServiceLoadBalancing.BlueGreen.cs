using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CodeDeploy;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using EcsConstructs.Rules;
using EcsConstructs.Validation;

namespace EcsConstructs.Services;

/// <summary>
/// Blue/green deployments of a service behind the ALB it creates (<see cref="ApplicationLoadBalancerOptions.BlueGreenDeployment"/>):
/// ECS's native ones (<see cref="EcsBlueGreenDeploymentOptions"/>) or CodeDeploy's (<see cref="CodeDeployBlueGreenDeploymentOptions"/>).
/// </summary>
internal sealed partial class ServiceLoadBalancing
{
    /// <summary>The longest deployment CloudFormation accepts for a linear or canary shift: 33 hours, in minutes.</summary>
    private const double MaxShiftingDeploymentMinutes = 33 * 60;

    /// <summary>The blue/green choice of the ALB options; null without blue/green deployments.</summary>
    private BlueGreenDeploymentOptions? BlueGreenChoice => (_choice as ApplicationLoadBalancerOptions)?.BlueGreenDeployment;

    /// <summary>Whether the service is deployed by CodeDeploy (deployment controller <c>CODE_DEPLOY</c>).</summary>
    public static bool UsesCodeDeploy(ServiceProps props) =>
        props is LoadBalancedServiceProps { LoadBalancer: ApplicationLoadBalancerOptions { BlueGreenDeployment: CodeDeployBlueGreenDeploymentOptions } };

    /// <summary>
    /// A listener's default action with native blue/green deployments: ECS shifts traffic by re-weighting a listener
    /// rule, so the default action only answers what no rule matches (nothing, with the <c>/*</c> rule).
    /// </summary>
    private static ListenerAction NotFound() =>
        ListenerAction.FixedResponse(404, new FixedResponseOptions { ContentType = "text/plain", MessageBody = "not found" });

    /// <summary>
    /// The alternate target group (the primary's settings) and the optional test listener, then what the choice
    /// needs: for ECS the listener rules it re-weights, its role and the service's settings; for CodeDeploy the
    /// application, the deployment configuration and the deployment group.
    /// </summary>
    private BlueGreenDeployment CreateBlueGreen(BlueGreenDeploymentOptions options, ApplicationLoadBalancerOptions lb, ApplicationLoadBalancer alb,
        ApplicationListener listener, ApplicationTargetGroup primary, ApplicationTargetGroupProps targetGroupProps, BaseService service)
    {
        // No target is added to the alternate group: ECS registers the new revision's tasks itself. The
        // load balancer's rules to the tasks (or instances) are those of the primary group: same load
        // balancer, same ports.
        var alternate = new ApplicationTargetGroup(_scope, "AlternateTargetGroup", targetGroupProps);
        var native = options is EcsBlueGreenDeploymentOptions;
        ApplicationListener? testListener = null;
        if (options.TestListenerPort is { } testPort)
        {
            var https = lb.CertificateArn is not null;
            testListener = alb.AddListener("Test", new BaseApplicationListenerProps
            {
                Port = testPort,
                Protocol = https ? ApplicationProtocol.HTTPS : ApplicationProtocol.HTTP,
                Certificates = https ? [ListenerCertificate.FromArn(lb.CertificateArn!)] : null,
                SslPolicy = https ? lb.SslPolicy : null,
                Open = false,
                // CodeDeploy, like the production listener: one default action to the primary group, which CodeDeploy
                // points at the new revision's group during a deployment.
                DefaultTargetGroups = native ? null : [primary],
                DefaultAction = native ? NotFound() : null,
            });
        }

        return options switch
        {
            CodeDeployBlueGreenDeploymentOptions codeDeploy => CreateCodeDeploy(codeDeploy, listener, testListener, primary, alternate, service),
            _ => CreateNative((EcsBlueGreenDeploymentOptions)options, listener, testListener, primary, alternate, service),
        };
    }

    /// <summary>The production listener rule and the test listener's rule (both forward to the two groups, weights 100 and 0, which ECS shifts), and the role ECS assumes to change them.</summary>
    private EcsBlueGreenDeployment CreateNative(EcsBlueGreenDeploymentOptions options, ApplicationListener listener, ApplicationListener? testListener,
        ApplicationTargetGroup primary, ApplicationTargetGroup alternate, BaseService service)
    {
        ApplicationListenerRule Rule(string id, IApplicationListener on) => new(_scope, id, new ApplicationListenerRuleProps
        {
            Listener = on,
            Priority = 1,
            Conditions = [ListenerCondition.PathPatterns(["/*"])],
            Action = ListenerAction.WeightedForward(
            [
                new WeightedTargetGroup { TargetGroup = primary, Weight = 100 },
                new WeightedTargetGroup { TargetGroup = alternate, Weight = 0 },
            ]),
        });

        var production = Rule("ProductionListenerRule", listener);
        var testRule = testListener is null ? null : Rule("TestListenerRule", testListener);
        var role = new Role(_scope, "BlueGreenRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ecs.amazonaws.com"),
            Description = $"ECS shifts the listener rules of {_scope.Node.Path} between its target groups in blue/green deployments",
            ManagedPolicies = [ManagedPolicy.FromAwsManagedPolicyName("AmazonECSInfrastructureRolePolicyForLoadBalancers")],
        });
        NagSuppressions.Suppress(role, "AwsSolutions-IAM4",
            "Native ECS blue/green deployments: AmazonECSInfrastructureRolePolicyForLoadBalancers is the policy AWS maintains for the role " +
            "ECS assumes to modify the listeners, listener rules and target groups of the deployment; the role trusts ecs.amazonaws.com only.",
            "Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers");
        var blueGreen = new EcsBlueGreenDeployment(alternate, production, testListener, testRule, role);
        ConfigureNative(service, options, blueGreen);
        return blueGreen;
    }

    /// <summary>
    /// Writes what aws-cdk-lib 2.160 has no typed property for on the service: the strategy (BLUE_GREEN, LINEAR or
    /// CANARY) and its configuration, the bake time and the load balancer's AdvancedConfiguration; the service
    /// resource is created after the rules ECS re-weights.
    /// </summary>
    private static void ConfigureNative(BaseService service, EcsBlueGreenDeploymentOptions options, EcsBlueGreenDeployment blueGreen)
    {
        var cfn = (CfnService)service.Node.DefaultChild!;
        var (strategy, configuration, settings) = options.TrafficShift switch
        {
            LinearTrafficShift linear => ("LINEAR", "LinearConfiguration", new Dictionary<string, object>
            {
                ["StepPercent"] = Math.Round(linear.StepPercent, 1),
                ["StepBakeTimeInMinutes"] = linear.StepBakeTimeOrDefault.ToMinutes(),
            }),
            CanaryTrafficShift canary => ("CANARY", "CanaryConfiguration", new Dictionary<string, object>
            {
                ["CanaryPercent"] = Math.Round(canary.CanaryPercent, 1),
                ["CanaryBakeTimeInMinutes"] = canary.CanaryBakeTimeOrDefault.ToMinutes(),
            }),
            _ => ("BLUE_GREEN", (string?)null, (Dictionary<string, object>?)null),
        };
        cfn.AddPropertyOverride("DeploymentConfiguration.Strategy", strategy);
        if (configuration is not null && settings is not null)
        {
            cfn.AddPropertyOverride($"DeploymentConfiguration.{configuration}", settings);
        }

        cfn.AddPropertyOverride("DeploymentConfiguration.BakeTimeInMinutes", options.BakeTimeOrDefault.ToMinutes());
        var advanced = new Dictionary<string, object>
        {
            ["AlternateTargetGroupArn"] = blueGreen.AlternateTargetGroup.TargetGroupArn,
            ["ProductionListenerRule"] = blueGreen.ProductionListenerRule.ListenerRuleArn,
            ["RoleArn"] = blueGreen.Role.RoleArn,
        };
        if (blueGreen.TestListenerRule is { } testRule)
        {
            advanced["TestListenerRule"] = testRule.ListenerRuleArn;
            cfn.Node.AddDependency(testRule);
        }

        cfn.AddPropertyOverride("LoadBalancers.0.AdvancedConfiguration", advanced);
        cfn.Node.AddDependency(blueGreen.ProductionListenerRule);
    }

    /// <summary>
    /// The CodeDeploy application, the deployment configuration of the traffic shift and the deployment group (blue:
    /// the primary group, green: the alternate one), which rolls back failed deployments (the service's
    /// <see cref="ServiceProps.CircuitBreakerRollback"/>) and watches the service's deployment alarms (the service's
    /// <see cref="ServiceProps.DeploymentAlarmBehavior"/> decides whether an alarm also rolls back).
    /// </summary>
    private CodeDeployBlueGreenDeployment CreateCodeDeploy(CodeDeployBlueGreenDeploymentOptions options, ApplicationListener listener, ApplicationListener? testListener,
        ApplicationTargetGroup primary, ApplicationTargetGroup alternate, BaseService service)
    {
        var application = new EcsApplication(_scope, "CodeDeployApplication");
        var config = DeploymentConfig(options.TrafficShiftOrDefault);
        var alarms = (_props.DeploymentAlarmNames ?? []).Select((name, i) => Alarm.FromAlarmName(_scope, $"DeploymentAlarm{i + 1}", name)).ToArray();
        var group = new EcsDeploymentGroup(_scope, "DeploymentGroup", new EcsDeploymentGroupProps
        {
            Application = application,
            Service = service,
            DeploymentConfig = config,
            BlueGreenDeploymentConfig = new EcsBlueGreenDeploymentConfig
            {
                BlueTargetGroup = primary,
                GreenTargetGroup = alternate,
                Listener = listener,
                TestListener = testListener,
                TerminationWaitTime = options.TerminationWaitOrDefault,
            },
            Alarms = alarms.Length == 0 ? null : alarms,
            AutoRollback = new AutoRollbackConfig
            {
                FailedDeployment = _props.CircuitBreakerRollback,
                DeploymentInAlarm = alarms.Length > 0 && _props.DeploymentAlarmBehavior == AlarmBehavior.ROLLBACK_ON_ALARM,
                StoppedDeployment = false,
            },
        });
        if (group.Role.Node.DefaultChild is { } role)
        {
            NagSuppressions.Suppress(role, "AwsSolutions-IAM4",
                "CodeDeploy blue/green deployments of an ECS service: AWSCodeDeployRoleForECS is the policy AWS maintains for the role CodeDeploy " +
                "assumes to create and remove task sets, shift the listeners between the target groups and read the deployment alarms; the role trusts codedeploy.amazonaws.com only.",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/AWSCodeDeployRoleForECS");
        }

        return new CodeDeployBlueGreenDeployment(alternate, testListener, application, group, config);
    }

    /// <summary>CodeDeploy's predefined configuration for the five shifts it predefines, else a custom one.</summary>
    private IEcsDeploymentConfig DeploymentConfig(TrafficShift shift)
    {
        static bool Is(Duration d, int minutes) => d.ToMinutes() == minutes;
        switch (shift)
        {
            case LinearTrafficShift { StepPercent: 10 } l when Is(l.StepBakeTimeOrDefault, 1):
                return EcsDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTES;
            case LinearTrafficShift { StepPercent: 10 } l when Is(l.StepBakeTimeOrDefault, 3):
                return EcsDeploymentConfig.LINEAR_10PERCENT_EVERY_3MINUTES;
            case CanaryTrafficShift { CanaryPercent: 10 } c when Is(c.CanaryBakeTimeOrDefault, 5):
                return EcsDeploymentConfig.CANARY_10PERCENT_5MINUTES;
            case CanaryTrafficShift { CanaryPercent: 10 } c when Is(c.CanaryBakeTimeOrDefault, 15):
                return EcsDeploymentConfig.CANARY_10PERCENT_15MINUTES;
            case LinearTrafficShift linear:
                return new EcsDeploymentConfig(_scope, "DeploymentConfig", new EcsDeploymentConfigProps
                {
                    TrafficRouting = new TimeBasedLinearTrafficRouting(new TimeBasedLinearTrafficRoutingProps { Percentage = linear.StepPercent, Interval = linear.StepBakeTimeOrDefault }),
                });
            case CanaryTrafficShift canary:
                return new EcsDeploymentConfig(_scope, "DeploymentConfig", new EcsDeploymentConfigProps
                {
                    TrafficRouting = new TimeBasedCanaryTrafficRouting(new TimeBasedCanaryTrafficRoutingProps { Percentage = canary.CanaryPercent, Interval = canary.CanaryBakeTimeOrDefault }),
                });
            default:
                return EcsDeploymentConfig.ALL_AT_ONCE;
        }
    }

    // Blue/green deployments need a port of its own for the test listener, and settings ECS or CodeDeploy accept.
    private void ValidateBlueGreen(BlueGreenDeploymentOptions blueGreen, ApplicationLoadBalancerOptions alb)
    {
        var p = Setting(nameof(ApplicationLoadBalancerOptions.BlueGreenDeployment));
        var testPort = $"{p}.{nameof(blueGreen.TestListenerPort)}";
        Check.InRange(RuleIds.OutOfRange, _scope, testPort, blueGreen.TestListenerPort, 1, 65535);
        var production = ListenerPort(alb);
        if (blueGreen.TestListenerPort == production)
        {
            throw new EcsValidationException(RuleIds.LoadBalancerSettings, _scope.Node.Path, testPort,
                $"{production} is the production listener's port, and a load balancer allows one listener per port; allowed: another port from 1 to 65535, e.g. 8080.");
        }

        if (blueGreen.TestListenerPort == 80 && alb is { CertificateArn: not null, RedirectHttpToHttps: true })
        {
            throw new EcsValidationException(RuleIds.LoadBalancerSettings, _scope.Node.Path, testPort,
                "80 is the port of the HTTP listener that redirects to HTTPS (RedirectHttpToHttps), and a load balancer allows one listener per port; allowed: another port from 1 to 65535, e.g. 8443.");
        }

        switch (blueGreen)
        {
            case EcsBlueGreenDeploymentOptions native:
                ValidateNative(native, p);
                break;
            case CodeDeployBlueGreenDeploymentOptions codeDeploy:
                ValidateCodeDeploy(codeDeploy, p);
                break;
        }
    }

    // The ranges of ECS's DeploymentConfiguration (BakeTimeInMinutes, LinearConfiguration, CanaryConfiguration), and
    // CloudFormation's limit of 33 hours for a linear or canary deployment.
    private void ValidateNative(EcsBlueGreenDeploymentOptions options, string p)
    {
        var bakeTimeSetting = $"{p}.{nameof(options.BakeTime)}";
        var bakeTime = Check.WholeMinutes(_scope, bakeTimeSetting, options.BakeTimeOrDefault);
        Check.InRange(RuleIds.OutOfRange, _scope, bakeTimeSetting, bakeTime, 0, 1440, "minutes");
        var shift = $"{p}.{nameof(options.TrafficShift)}";
        switch (options.TrafficShift)
        {
            case LinearTrafficShift linear:
            {
                var percent = $"{shift}.{nameof(linear.StepPercent)}";
                var tenths = Tenths(percent, linear.StepPercent, 3, 100);
                var stepSetting = $"{shift}.{nameof(linear.StepBakeTime)}";
                var step = Check.WholeMinutes(_scope, stepSetting, linear.StepBakeTimeOrDefault);
                Check.InRange(RuleIds.OutOfRange, _scope, stepSetting, step, 0, 1440, "minutes");
                // CloudFormation counts the steps before the last shift: 100 / StepPercent - 1 when it divides evenly, else its floor.
                var steps = 1000 % tenths == 0 ? (1000 / tenths) - 1 : 1000 / tenths;
                if (bakeTime is { } b && step is { } s && b + (s * steps) > MaxShiftingDeploymentMinutes)
                {
                    throw new EcsValidationException(RuleIds.OutOfRange, _scope.Node.Path, stepSetting,
                        $"{Check.Format(s)} minutes after each of the {steps} steps of {Check.Format(linear.StepPercent)} %, plus the BakeTime of {Check.Format(b)} minutes, make a deployment of {Check.Format(b + (s * steps))} minutes; " +
                        $"CloudFormation refuses linear deployments longer than 33 hours ({MaxShiftingDeploymentMinutes} minutes); allowed: a shorter StepBakeTime or BakeTime, or a larger StepPercent.");
                }

                break;
            }

            case CanaryTrafficShift canary:
            {
                Tenths($"{shift}.{nameof(canary.CanaryPercent)}", canary.CanaryPercent, 0.1, 100);
                var canarySetting = $"{shift}.{nameof(canary.CanaryBakeTime)}";
                var wait = Check.WholeMinutes(_scope, canarySetting, canary.CanaryBakeTimeOrDefault);
                Check.InRange(RuleIds.OutOfRange, _scope, canarySetting, wait, 0, 1440, "minutes");
                if (bakeTime is { } b && wait is { } w && b + w > MaxShiftingDeploymentMinutes)
                {
                    throw new EcsValidationException(RuleIds.OutOfRange, _scope.Node.Path, canarySetting,
                        $"{Check.Format(w)} minutes plus the BakeTime of {Check.Format(b)} minutes make a deployment of {Check.Format(b + w)} minutes; " +
                        $"CloudFormation refuses canary deployments longer than 33 hours ({MaxShiftingDeploymentMinutes} minutes); allowed: a shorter CanaryBakeTime or BakeTime.");
                }

                break;
            }
        }
    }

    /// <summary>A percentage ECS takes in steps of 0.1 within <paramref name="min"/> to <paramref name="max"/>, as a whole number of tenths.</summary>
    private int Tenths(string setting, double percent, double min, double max)
    {
        Check.InRange(RuleIds.OutOfRange, _scope, setting, percent, min, max, "%");
        var tenths = Math.Round(percent * 10);
        if (Math.Abs((percent * 10) - tenths) > 1e-6)
        {
            throw new EcsValidationException(RuleIds.OutOfRange, _scope.Node.Path, setting,
                $"{Check.Format(percent)} % is not a multiple of 0.1; allowed: {Check.Format(min)} to {Check.Format(max)} % in steps of 0.1 (e.g. {Check.Format(Math.Round(percent, 1))}).");
        }

        return (int)tenths;
    }

    // CodeDeploy's deployment group and configurations: whole-minute waits (termination: at most 2 days), whole
    // percents; and the ECS service settings CODE_DEPLOY has no use for must not be set to something the template
    // would then drop.
    private void ValidateCodeDeploy(CodeDeployBlueGreenDeploymentOptions options, string p)
    {
        var waitSetting = $"{p}.{nameof(options.TerminationWait)}";
        Check.InRange(RuleIds.OutOfRange, _scope, waitSetting, Check.WholeMinutes(_scope, waitSetting, options.TerminationWaitOrDefault), 0, 2880, "minutes");
        var shift = $"{p}.{nameof(options.TrafficShift)}";
        var (percentSetting, percent, intervalSetting, interval) = options.TrafficShiftOrDefault switch
        {
            LinearTrafficShift l => ($"{shift}.{nameof(l.StepPercent)}", l.StepPercent, $"{shift}.{nameof(l.StepBakeTime)}", l.StepBakeTimeOrDefault),
            CanaryTrafficShift c => ($"{shift}.{nameof(c.CanaryPercent)}", c.CanaryPercent, $"{shift}.{nameof(c.CanaryBakeTime)}", c.CanaryBakeTimeOrDefault),
            _ => (null, 0, null, null),
        };
        if (percentSetting is not null && intervalSetting is not null)
        {
            Check.InRange(RuleIds.OutOfRange, _scope, percentSetting, percent, 1, 99, "%");
            if (percent != Math.Floor(percent))
            {
                throw new EcsValidationException(RuleIds.OutOfRange, _scope.Node.Path, percentSetting,
                    $"{Check.Format(percent)} % is not a whole percent, and CodeDeploy shifts traffic in whole percents; allowed: 1 to 99 (e.g. {Check.Format(Math.Round(percent))}).");
            }

            Check.InRange(RuleIds.OutOfRange, _scope, intervalSetting, Check.WholeMinutes(_scope, intervalSetting, interval), 1, 2880, "minutes");
        }

        const string reason = "with CodeDeploy blue/green deployments CodeDeploy starts the new revision's tasks beside the old ones, and ECS refuses custom values for EC2 tasks of a CODE_DEPLOY service; allowed: the default";
        if (_props.MinHealthyPercent != 100)
        {
            throw new EcsValidationException(RuleIds.ConflictingProps, _scope.Node.Path, nameof(_props.MinHealthyPercent), $"{_props.MinHealthyPercent} % applies to ECS's own deployments; {reason} (100).");
        }

        if (_props.MaxHealthyPercent != 200)
        {
            throw new EcsValidationException(RuleIds.ConflictingProps, _scope.Node.Path, nameof(_props.MaxHealthyPercent), $"{_props.MaxHealthyPercent} % applies to ECS's own deployments; {reason} (200).");
        }
    }
}
