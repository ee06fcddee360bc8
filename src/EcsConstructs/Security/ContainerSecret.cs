using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SSM;
using Constructs;
using EcsConstructs.Rules;
using EcsConstructs.Validation;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;
using SecretVersionInfo = Amazon.CDK.AWS.ECS.SecretVersionInfo;

namespace EcsConstructs.Security;

/// <summary>
/// A value injected into a container as an environment variable when the task starts, read by
/// the task's <b>execution role</b> from Secrets Manager or SSM Parameter Store. The task
/// definition holds only the ARN (<c>Secrets[].ValueFrom</c>), never the value.
/// </summary>
/// <remarks>
/// <para>Secrets Manager secrets must be known by their <b>complete ARN</b> (with the 6-character
/// suffix Secrets Manager appends to the name). A secret imported by name
/// (<c>Secret.FromSecretNameV2</c>) or by a partial ARN is refused: ECS would be given a partial
/// ARN and the task would fail at start with <c>AccessDeniedException</c> (aws-cdk#20744).</para>
/// <para>The execution role is granted read access to exactly the referenced secret or parameter,
/// and <c>kms:Decrypt</c> on its customer-managed KMS key when the key is known (the secret's
/// <see cref="ISecret.EncryptionKey"/>, or the key given for a SecureString parameter).</para>
/// </remarks>
public sealed partial class ContainerSecret
{
    private ContainerSecret(ISecret? secret, string? jsonKey, string? versionStage, string? versionId, IParameter? parameter, IKey? parameterKey)
    {
        SecretsManagerSecret = secret;
        JsonKey = jsonKey;
        VersionStage = versionStage;
        VersionId = versionId;
        Parameter = parameter;
        ParameterKey = parameterKey;
    }

    /// <summary>The Secrets Manager secret, or null for a parameter.</summary>
    public ISecret? SecretsManagerSecret { get; }

    /// <summary>The JSON key read from the secret, or null for the whole secret string.</summary>
    public string? JsonKey { get; }

    /// <summary>The secret version stage (e.g. <c>AWSPREVIOUS</c>), or null for the current version.</summary>
    public string? VersionStage { get; }

    /// <summary>The secret version id, or null for the current version.</summary>
    public string? VersionId { get; }

    /// <summary>The SSM parameter, or null for a Secrets Manager secret.</summary>
    public IParameter? Parameter { get; }

    /// <summary>The customer-managed KMS key of a SecureString parameter, as given; null when none was given.</summary>
    public IKey? ParameterKey { get; }

    /// <summary>
    /// The whole secret string, or one key of a JSON secret, of the current version.
    /// </summary>
    /// <param name="secret">The secret: created in the app, or imported with <c>Secret.FromSecretCompleteArn</c> /
    /// <c>Secret.FromSecretAttributes(…, new SecretAttributes { SecretCompleteArn = … })</c>.</param>
    /// <param name="jsonKey">The JSON key to read. Default: the whole secret string.</param>
    public static ContainerSecret FromSecretsManager(ISecret secret, string? jsonKey = null) =>
        new(secret, jsonKey, null, null, null, null);

    /// <summary>
    /// A given version of a secret, by version stage or by version id (one of them), optionally one JSON key of it.
    /// </summary>
    /// <param name="secret">The secret, known by its complete ARN.</param>
    /// <param name="versionStage">The version stage, e.g. <c>AWSPREVIOUS</c>. Default: none.</param>
    /// <param name="versionId">The version id (a UUID). Default: none.</param>
    /// <param name="jsonKey">The JSON key to read. Default: the whole secret string.</param>
    public static ContainerSecret FromSecretsManagerVersion(ISecret secret, string? versionStage = null, string? versionId = null, string? jsonKey = null) =>
        new(secret, jsonKey, versionStage, versionId, null, null);

    /// <summary>
    /// An SSM parameter: a <c>String</c> (e.g. <c>StringParameter.FromStringParameterName</c>) or a
    /// <c>SecureString</c> (e.g. <c>StringParameter.FromSecureStringParameterAttributes</c>).
    /// </summary>
    /// <param name="parameter">The parameter.</param>
    /// <param name="encryptionKey">The customer-managed KMS key of a SecureString parameter, granted
    /// <c>kms:Decrypt</c> to the execution role. Default: none (a String, or a SecureString with the AWS-managed key <c>aws/ssm</c>).</param>
    public static ContainerSecret FromSsmParameter(IParameter parameter, IKey? encryptionKey = null) =>
        new(null, null, null, null, parameter, encryptionKey);

    /// <summary>Checks the reference and creates the CDK secret (which grants the execution role read access).</summary>
    internal EcsSecret Resolve(IConstruct scope, string property)
    {
        if (Parameter is not null)
        {
            return EcsSecret.FromSsmParameter(Parameter);
        }

        var secret = SecretsManagerSecret!;
        var fullArn = secret.SecretFullArn;
        if (fullArn is null)
        {
            var known = Token.IsUnresolved(secret.SecretArn) ? secret.SecretName : secret.SecretArn;
            throw new EcsValidationException(RuleIds.SecretsReadable, scope.Node.Path, property,
                $"secret '{known}' is known by name or by a partial ARN only, and ECS would fail at task start with AccessDenied (a partial ARN lacks the 6-character suffix). " +
                "Import it by its complete ARN: Secret.FromSecretCompleteArn(scope, id, \"arn:aws:secretsmanager:<region>:<account>:secret:<name>-AbCdEf\") " +
                "or Secret.FromSecretAttributes(scope, id, new SecretAttributes { SecretCompleteArn = \"…\" }).");
        }

        if (!Token.IsUnresolved(fullArn) && !CompleteArnPattern().IsMatch(fullArn))
        {
            throw new EcsValidationException(RuleIds.References, scope.Node.Path, property,
                $"'{fullArn}' is not a complete Secrets Manager ARN; allowed: arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6-character suffix>, " +
                "as shown in the Secrets Manager console (copy the whole 'Secret ARN').");
        }

        if (JsonKey is not null && JsonKey.Length == 0)
        {
            throw new EcsValidationException(RuleIds.References, scope.Node.Path, property, "JSON key is empty; omit it to inject the whole secret string.");
        }

        if (VersionStage is not null && VersionId is not null)
        {
            throw new EcsValidationException(RuleIds.References, scope.Node.Path, property,
                $"gives both version stage '{VersionStage}' and version id '{VersionId}'; allowed: one of them.");
        }

        return VersionStage is null && VersionId is null
            ? EcsSecret.FromSecretsManager(secret, JsonKey)
            : EcsSecret.FromSecretsManagerVersion(secret, new SecretVersionInfo { VersionStage = VersionStage, VersionId = VersionId }, JsonKey);
    }

    [GeneratedRegex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+-[A-Za-z0-9]{6}$")]
    private static partial Regex CompleteArnPattern();
}
