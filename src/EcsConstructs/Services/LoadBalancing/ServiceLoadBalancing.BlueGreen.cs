using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using EcsConstructs.Rules;
using EcsConstructs.Validation;

namespace EcsConstructs.Services;

/// <summary>Native ECS blue/green deployments of a service behind the ALB it creates (<see cref="ApplicationLoadBalancerOptions.BlueGreenDeployment"/>).</summary>
internal sealed partial class ServiceLoadBalancing
{
    /// <summary>The blue/green bake time; a null from code without nullable checks means the default.</summary>
    private Duration BakeTime => (_choice as ApplicationLoadBalancerOptions)?.BlueGreenDeployment?.BakeTime ?? BlueGreenDeploymentOptions.DefaultBakeTime;

    /// <summary>
    /// A listener's default action with blue/green deployments: ECS shifts traffic by re-weighting a listener
    /// rule, so the default action only answers what no rule matches (nothing, with the <c>/*</c> rule).
    /// </summary>
    private static ListenerAction NotFound() =>
        ListenerAction.FixedResponse(404, new FixedResponseOptions { ContentType = "text/plain", MessageBody = "not found" });

    /// <summary>
    /// The alternate target group (the primary's settings), the production listener rule and the optional
    /// test listener and rule (both forward to the two groups, weights 100 and 0, which ECS shifts), and the
    /// role ECS assumes to change them.
    /// </summary>
    private BlueGreenDeployment CreateBlueGreen(BlueGreenDeploymentOptions options, ApplicationLoadBalancerOptions lb, ApplicationLoadBalancer alb,
        ApplicationListener listener, ApplicationTargetGroup primary, ApplicationTargetGroupProps targetGroupProps)
    {
        // No target is added to the alternate group: ECS registers the new revision's tasks itself. The
        // load balancer's rules to the tasks (or instances) are those of the primary group: same load
        // balancer, same ports.
        var alternate = new ApplicationTargetGroup(_scope, "AlternateTargetGroup", targetGroupProps);
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
        ApplicationListener? testListener = null;
        ApplicationListenerRule? testRule = null;
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
                DefaultAction = NotFound(),
            });
            testRule = Rule("TestListenerRule", testListener);
        }

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
        return new BlueGreenDeployment(alternate, production, testListener, testRule, role);
    }

    /// <summary>
    /// Writes what aws-cdk-lib 2.160 has no typed property for on the service: the BLUE_GREEN strategy, the
    /// bake time and the load balancer's AdvancedConfiguration; the service resource is created after the rules ECS re-weights.
    /// </summary>
    private void ConfigureBlueGreen(BaseService service, BlueGreenDeployment blueGreen)
    {
        var cfn = (CfnService)service.Node.DefaultChild!;
        cfn.AddPropertyOverride("DeploymentConfiguration.Strategy", "BLUE_GREEN");
        cfn.AddPropertyOverride("DeploymentConfiguration.BakeTimeInMinutes", BakeTime.ToMinutes());
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

    // Native blue/green deployments need two target groups on one ALB listener rule that ECS re-weights,
    // a bake time ECS accepts and, for the test listener, a port of its own on the load balancer.
    private void ValidateBlueGreen(BlueGreenDeploymentOptions blueGreen, ApplicationLoadBalancerOptions alb)
    {
        var p = Setting(nameof(ApplicationLoadBalancerOptions.BlueGreenDeployment));
        var bakeTime = $"{p}.{nameof(blueGreen.BakeTime)}";
        if (Check.WholeSeconds(RuleIds.FractionalSeconds, _scope, bakeTime, BakeTime) is { } seconds)
        {
            if (seconds % 60 != 0)
            {
                throw new EcsValidationException(RuleIds.FractionalSeconds, _scope.Node.Path, bakeTime,
                    $"{Check.Format(seconds)} seconds is not a whole number of minutes; allowed: whole minutes (e.g. Duration.Minutes({Check.Format(Math.Ceiling(seconds / 60))})).");
            }

            Check.InRange(RuleIds.OutOfRange, _scope, bakeTime, seconds / 60, 0, 1440, "minutes");
        }

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
    }
}
