using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EcsConstructs.Rules;
using EcsConstructs.Validation;

namespace EcsConstructs.Images;

/// <summary>
/// A private ECR repository for a service's images: scan on push, immutable tags, lifecycle
/// rules (expire untagged images after some days, keep the newest N tagged images), AES256 or
/// KMS encryption, retained on stack deletion, and optional pull access for other accounts.
/// </summary>
public sealed partial class EcrRepository : Construct
{
    /// <summary>The actions a principal needs to pull an image (besides <c>ecr:GetAuthorizationToken</c>, which is not resource-scoped).</summary>
    internal static readonly string[] PullActions = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"];

    /// <summary>Creates the repository.</summary>
    /// <param name="scope">The parent construct.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="props">The settings. Default: all defaults of <see cref="EcrRepositoryProps"/>.</param>
    public EcrRepository(Construct scope, string id, EcrRepositoryProps? props = null)
        : base(scope, id)
    {
        props ??= new EcrRepositoryProps();
        var expireAfterDays = Validate(props);

        var rules = new List<ILifecycleRule>();
        if (expireAfterDays is { } days)
        {
            rules.Add(new LifecycleRule
            {
                RulePriority = 1,
                Description = $"Expire untagged images {days} days after push",
                TagStatus = TagStatus.UNTAGGED,
                MaxImageAge = Duration.Days(days),
            });
        }

        if (props.KeepLastTaggedImages is { } count)
        {
            rules.Add(new LifecycleRule
            {
                RulePriority = 2,
                Description = $"Keep the newest {count} tagged images",
                TagStatus = TagStatus.TAGGED,
                TagPatternList = ["*"],
                MaxImageCount = count,
            });
        }

        Repository = new Repository(this, "Repository", new RepositoryProps
        {
            RepositoryName = props.RepositoryName,
            ImageScanOnPush = props.ScanOnPush,
            ImageTagMutability = props.ImmutableTags ? TagMutability.IMMUTABLE : TagMutability.MUTABLE,
            Encryption = props.EncryptionKey is null ? RepositoryEncryption.AES_256 : RepositoryEncryption.KMS,
            EncryptionKey = props.EncryptionKey,
            LifecycleRules = rules.Count == 0 ? null : rules.ToArray(),
            RemovalPolicy = props.RemovalPolicy,
        });

        if (props.EncryptionKey is null)
        {
            // CDK leaves EncryptionConfiguration out for AES256 (ECR's default); write it so the
            // template states the encryption a reviewer and cdk-nag see. Set from the start: changing
            // this property later replaces the repository.
            ((CfnRepository)Repository.Node.DefaultChild!).EncryptionConfiguration =
                new CfnRepository.EncryptionConfigurationProperty { EncryptionType = "AES256" };
        }

        if (props.CrossAccountPullAccountIds is { Count: > 0 } accounts)
        {
            // A repository policy names principals and actions only (no Resource).
            Repository.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
            {
                Sid = "CrossAccountPull",
                Effect = Effect.ALLOW,
                Principals = accounts.Select(a => (IPrincipal)new AccountPrincipal(a)).ToArray(),
                Actions = PullActions,
            }));
        }
    }

    /// <summary>The ECR repository.</summary>
    public Repository Repository { get; }

    /// <summary>
    /// Lets <paramref name="grantee"/> (typically a task's execution role, or a cluster's instance
    /// role) pull images: the pull actions on this repository and <c>ecr:GetAuthorizationToken</c>.
    /// </summary>
    /// <param name="grantee">The principal.</param>
    /// <returns>The grant.</returns>
    public Grant GrantPull(IGrantable grantee) => Repository.GrantPull(grantee);

    /// <summary>An image of this repository by tag, for a container specification.</summary>
    /// <param name="tag">The image tag.</param>
    public ImageSource ImageByTag(string tag) => ImageSource.FromEcrTag(Repository, tag);

    /// <summary>An image of this repository by digest (<c>sha256:…</c>), for a container specification.</summary>
    /// <param name="digest">The image digest.</param>
    public ImageSource ImageByDigest(string digest) => ImageSource.FromEcrDigest(Repository, digest);

    /// <summary>Checks the props; returns <see cref="EcrRepositoryProps.ExpireUntaggedAfter"/> in whole days (null when not set or unresolved).</summary>
    private int? Validate(EcrRepositoryProps props)
    {
        if (props.RepositoryName is { } name && !Token.IsUnresolved(name) && !NamePattern().IsMatch(name))
        {
            throw new EcsValidationException(RuleIds.InvalidName, Node.Path, nameof(props.RepositoryName),
                $"'{name}' is not a valid repository name; allowed: 2 to 256 characters, lower-case letters, digits and '.', '_', '-', '/' between them.");
        }

        Check.InRange(RuleIds.OutOfRange, this, nameof(props.KeepLastTaggedImages), props.KeepLastTaggedImages, 1, 10000, "images");
        var expireAfterDays = WholeDays(props.ExpireUntaggedAfter);
        Check.InRange(RuleIds.OutOfRange, this, nameof(props.ExpireUntaggedAfter), expireAfterDays, 1, 3650, "days");
        foreach (var account in props.CrossAccountPullAccountIds ?? [])
        {
            if (!Token.IsUnresolved(account) && !AccountPattern().IsMatch(account))
            {
                throw new EcsValidationException(RuleIds.References, Node.Path, nameof(props.CrossAccountPullAccountIds),
                    $"'{account}' is not an AWS account id; allowed: 12 digits.");
            }
        }

        return expireAfterDays;
    }

    /// <summary>A duration in whole days, refusing fractions (ECR's lifecycle policies count days; CDK would fail with a raw error).</summary>
    private int? WholeDays(Duration? duration)
    {
        const string property = nameof(EcrRepositoryProps.ExpireUntaggedAfter);
        if (Check.WholeSeconds(RuleIds.FractionalSeconds, this, property, duration) is not { } seconds)
        {
            return null;
        }

        if (seconds % 86400 != 0)
        {
            throw new EcsValidationException(RuleIds.FractionalSeconds, Node.Path, property,
                $"{Check.Format(seconds / 86400)} days is not a whole number of days; ECR expires images after whole days; allowed: e.g. Duration.Days({Check.Format(Math.Ceiling(seconds / 86400))}).");
        }

        return (int)(seconds / 86400);
    }

    [GeneratedRegex("^(?=.{2,256}$)[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();
}
