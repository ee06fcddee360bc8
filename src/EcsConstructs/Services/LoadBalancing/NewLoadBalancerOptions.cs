using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.S3;

namespace EcsConstructs.Services;

/// <summary>
/// The settings of a load balancer the service creates (<see cref="ApplicationLoadBalancerOptions"/> or
/// <see cref="NetworkLoadBalancerOptions"/>): public or internal, the listener's port, HTTPS/TLS, who may
/// connect, access logs.
/// </summary>
public abstract class NewLoadBalancerOptions : LoadBalancerOptions
{
    private protected NewLoadBalancerOptions()
    {
    }

    /// <summary>
    /// Whether the load balancer is internet-facing (in public subnets) or internal (in the private
    /// subnets with egress, or the public subnets of a VPC without them). Default: true.
    /// </summary>
    public bool InternetFacing { get; init; } = true;

    /// <summary>The listener port. Allowed: 1 to 65535. Default: 443 with <see cref="CertificateArn"/>, else 80.</summary>
    public int? ListenerPort { get; init; }

    /// <summary>
    /// ARN of an ACM certificate (or an IAM server certificate): the listener speaks HTTPS (ALB) or TLS
    /// (NLB) with <see cref="SslPolicy"/>. Default: none (plain HTTP or TCP).
    /// </summary>
    public string? CertificateArn { get; init; }

    /// <summary>The TLS policy of an HTTPS/TLS listener. Default: <see cref="SslPolicy.RECOMMENDED_TLS"/> (TLS 1.2 and 1.3).</summary>
    public SslPolicy SslPolicy { get; init; } = SslPolicy.RECOMMENDED_TLS;

    /// <summary>
    /// IPv4 or IPv6 CIDR blocks allowed to reach the listener(s). Default: <c>0.0.0.0/0</c> for an
    /// internet-facing load balancer, the VPC's CIDR block for an internal one.
    /// </summary>
    public IReadOnlyList<string>? IngressCidrs { get; init; }

    /// <summary>
    /// S3 bucket that receives the load balancer's access logs (it must use SSE-S3 encryption; the bucket
    /// policy for the region's load-balancing account is added). The stack's region must be known. Default: no access logs.
    /// </summary>
    public IBucket? AccessLogsBucket { get; init; }

    /// <summary>Key prefix of the access logs in <see cref="AccessLogsBucket"/>. Default: the construct path's unique name.</summary>
    public string? AccessLogsPrefix { get; init; }
}
