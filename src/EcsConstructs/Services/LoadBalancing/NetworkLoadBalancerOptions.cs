namespace EcsConstructs.Services;

/// <summary>
/// The service creates a Network Load Balancer with its own security group: a TCP listener, or TLS
/// with <see cref="NewLoadBalancerOptions.CertificateArn"/>. Its target group checks health over HTTP.
/// The result is a <see cref="NetworkLoadBalancing"/>.
/// </summary>
public sealed class NetworkLoadBalancerOptions : NewLoadBalancerOptions
{
}
