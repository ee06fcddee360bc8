using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Constructs;
using EcsConstructs.Rules;
using EcsConstructs.Validation;

namespace EcsConstructs.Images;

/// <summary>
/// Where a container's image comes from: a public registry, an ECR repository (by tag or by
/// digest), or a local Dockerfile built and pushed as a CDK asset. Checked when the task
/// definition is built, so a bad tag or digest fails <c>cdk synth</c> with the container's path.
/// </summary>
/// <remarks>
/// ECR and asset images make the task's execution role able to pull (<c>ecr:BatchGetImage</c> and
/// friends on the repository, <c>ecr:GetAuthorizationToken</c> on <c>*</c>). Public registry images
/// need no permission, but the task needs a network path to the registry.
/// </remarks>
public sealed partial class ImageSource
{
    private readonly Kind _kind;
    private readonly string? _name;
    private readonly IRepository? _repository;
    private readonly string? _directory;
    private readonly AssetImageProps? _assetProps;
    private readonly ContainerImage? _image;

    private ImageSource(Kind kind, string? name = null, IRepository? repository = null, string? directory = null,
        AssetImageProps? assetProps = null, ContainerImage? image = null)
    {
        _kind = kind;
        _name = name;
        _repository = repository;
        _directory = directory;
        _assetProps = assetProps;
        _image = image;
    }

    private enum Kind
    {
        Registry,
        EcrTag,
        EcrDigest,
        Dockerfile,
        Custom,
    }

    /// <summary>Whether the image is pulled from ECR (a repository or a built asset), so the execution role needs ECR pull rights.</summary>
    public bool PullsFromEcr => _kind is Kind.EcrTag or Kind.EcrDigest or Kind.Dockerfile
        || (_kind == Kind.Custom && _image is EcrImage or AssetImage);

    /// <summary>An image of a public registry, e.g. <c>public.ecr.aws/nginx/nginx:1.27</c> or <c>nginx:1.27</c> (Docker Hub).</summary>
    /// <param name="imageName">The image reference, with a tag or digest (a missing tag means <c>latest</c>).</param>
    public static ImageSource FromRegistry(string imageName) => new(Kind.Registry, name: imageName);

    /// <summary>An image of an ECR repository by tag; deploying a new version means a new tag here.</summary>
    /// <param name="repository">The repository (created or imported).</param>
    /// <param name="tag">The tag: 1 to 128 characters of letters, digits, <c>_</c>, <c>.</c>, <c>-</c>, not starting with <c>.</c> or <c>-</c>.</param>
    public static ImageSource FromEcrTag(IRepository repository, string tag) => new(Kind.EcrTag, name: tag, repository: repository);

    /// <summary>An image of the library's <see cref="EcrRepository"/> by tag (same as <see cref="EcrRepository.ImageByTag"/>).</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="tag">The tag: 1 to 128 characters of letters, digits, <c>_</c>, <c>.</c>, <c>-</c>, not starting with <c>.</c> or <c>-</c>.</param>
    public static ImageSource FromEcrTag(EcrRepository repository, string tag)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return FromEcrTag(repository.Repository, tag);
    }

    /// <summary>An image of an ECR repository by digest (<c>sha256:</c> followed by 64 hexadecimal digits): immutable, whatever happens to tags.</summary>
    /// <param name="repository">The repository (created or imported).</param>
    /// <param name="digest">The digest, e.g. <c>sha256:0123…</c>.</param>
    public static ImageSource FromEcrDigest(IRepository repository, string digest) => new(Kind.EcrDigest, name: digest, repository: repository);

    /// <summary>An image of the library's <see cref="EcrRepository"/> by digest (same as <see cref="EcrRepository.ImageByDigest"/>).</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="digest">The digest, e.g. <c>sha256:0123…</c>.</param>
    public static ImageSource FromEcrDigest(EcrRepository repository, string digest)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return FromEcrDigest(repository.Repository, digest);
    }

    /// <summary>An image built from a local directory holding a Dockerfile, pushed to the CDK bootstrap repository at deploy time.</summary>
    /// <param name="directory">The build context; must exist and hold the Dockerfile (<c>Dockerfile</c> unless <paramref name="options"/> names another).</param>
    /// <param name="options">Build options (file, build arguments, target platform). Default: none.</param>
    public static ImageSource FromDockerfile(string directory, AssetImageProps? options = null) =>
        new(Kind.Dockerfile, directory: directory, assetProps: options);

    /// <summary>
    /// Any CDK <see cref="ContainerImage"/>. A literal image name is checked once a container uses it
    /// (ECS057); ECR permissions are whatever the image grants itself.
    /// </summary>
    /// <param name="image">The image.</param>
    public static ImageSource From(ContainerImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new(Kind.Custom, image: image);
    }

    /// <summary>
    /// Lets a CDK <see cref="ContainerImage"/> stand wherever an image is expected
    /// (<c>Image = ContainerImage.FromRegistry("…")</c>); the same as <see cref="From"/>.
    /// </summary>
    /// <param name="image">The image; null converts to null.</param>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(image))]
    public static implicit operator ImageSource?(ContainerImage? image) => image is null ? null : From(image);

    /// <summary>
    /// Whether the image is a CDK <see cref="ContainerImage"/> given as is whose name is a literal
    /// reference known once a container uses it (not an ECR repository's or an asset's, which are tokens).
    /// </summary>
    internal bool IsCustomRegistryImage => _kind == Kind.Custom && _image is not (EcrImage or AssetImage);

    /// <summary>
    /// Refuses a literal image reference ECS could not pull (ECS057, the same test as the template
    /// rule): empty, with whitespace, a tag before the last path component, upper-case names.
    /// Tokens (ECR repositories, assets) are not judged.
    /// </summary>
    internal static void CheckReference(IConstruct scope, string property, string? reference)
    {
        // A string token ("${Token[…]}", e.g. an ECR repository URI) is judged at deploy time; read
        // locally rather than through Token.IsUnresolved (a round trip to the CDK process).
        if (reference is not null && reference.Contains("${Token[", StringComparison.Ordinal))
        {
            return;
        }

        if (Rules.Conditions.ImageReferences.Problem(reference) is { } problem)
        {
            throw new EcsValidationException(RuleIds.References, scope.Node.Path, property,
                $"'{reference}' {problem}; give an image reference such as 'public.ecr.aws/nginx/nginx:1.27' (name:tag or name@sha256:digest).");
        }
    }

    /// <summary>Checks the reference and creates the CDK image.</summary>
    internal ContainerImage Resolve(IConstruct scope, string property)
    {
        switch (_kind)
        {
            case Kind.Registry:
                CheckReference(scope, property, _name);
                return ContainerImage.FromRegistry(_name!);
            case Kind.EcrTag:
                if (_name is null || !TagPattern().IsMatch(_name))
                {
                    throw new EcsValidationException(RuleIds.References, scope.Node.Path, property,
                        $"tag '{_name}' is not a valid ECR tag; allowed: 1 to 128 letters, digits, '_', '.', '-', not starting with '.' or '-'.");
                }

                return ContainerImage.FromEcrRepository(_repository!, _name);
            case Kind.EcrDigest:
                if (_name is null || !DigestPattern().IsMatch(_name))
                {
                    throw new EcsValidationException(RuleIds.References, scope.Node.Path, property,
                        $"digest '{_name}' is not an image digest; allowed: 'sha256:' followed by 64 lower-case hexadecimal digits.");
                }

                // CDK renders a digest as <repository-uri>@sha256:… (a tag as <uri>:tag).
                return ContainerImage.FromEcrRepository(_repository!, _name);
            case Kind.Dockerfile:
                var file = _assetProps?.File ?? "Dockerfile";
                if (_directory is null || !File.Exists(Path.Combine(_directory, file)))
                {
                    throw new EcsValidationException(RuleIds.References, scope.Node.Path, property,
                        $"'{_directory}' holds no '{file}'; give the Docker build context directory that contains it.");
                }

                return ContainerImage.FromAsset(_directory, _assetProps);
            default:
                return _image!;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    private static partial Regex DigestPattern();
}
