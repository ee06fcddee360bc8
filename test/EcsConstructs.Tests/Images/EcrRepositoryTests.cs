using System.Text.Json.Nodes;
using Amazon.CDK.AWS.ECS;
using EcsConstructs.Images;
using EcsConstructs.Tasks;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;
using EcsConstructs.Tests.Tasks;

namespace EcsConstructs.Tests.Images;

/// <summary>
/// An ECR repository with the default lifecycle rules and a cross-account pull, and a Fargate
/// task pulling an image of it by digest; synthesized once (and snapshotted) for all facts below.
/// </summary>
public sealed class EcrRepositoryFixture
{
    public const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public EcrRepositoryFixture()
    {
        Stack = TestApps.NewStack("EcrRepository");
        Repository = new EcrRepository(Stack, "Images", new EcrRepositoryProps
        {
            RepositoryName = "orders",
            CrossAccountPullAccountIds = ["210987654321"],
        });
        var app = TaskSpecs.App(memory: null);
        TaskDefinition = new EcsTaskDefinition(Stack, "Task", TaskSpecs.Fargate(containers: new ContainerOptions
        {
            Name = app.Name,
            Image = Repository.ImageByDigest(Digest),
            PortMappings = app.PortMappings,
        }));
        Template = Synthesized.Of(Stack);
    }

    internal Amazon.CDK.Stack Stack { get; }

    internal EcrRepository Repository { get; }

    internal EcsTaskDefinition TaskDefinition { get; }

    internal Synthesized Template { get; }
}

public sealed class EcrRepositoryTests(EcrRepositoryFixture fixture) : IClassFixture<EcrRepositoryFixture>
{
    private readonly Synthesized _t = fixture.Template;

    private JsonObject RepositoryProps => _t.PropertiesOf("AWS::ECR::Repository");

    [Fact]
    public void Template_matches_the_reviewed_snapshot()
    {
        SnapshotAssert.MatchesSnapshot(fixture.Stack);
    }

    [Fact]
    public void Images_are_scanned_on_push_and_tags_are_immutable()
    {
        Assert.True(RepositoryProps["ImageScanningConfiguration"]!["ScanOnPush"]!.GetValue<bool>());
        Assert.Equal("IMMUTABLE", RepositoryProps["ImageTagMutability"]!.GetValue<string>());
    }

    [Fact]
    public void Repository_is_encrypted_with_aes256_by_default()
    {
        Assert.Equal("AES256", RepositoryProps["EncryptionConfiguration"]!["EncryptionType"]!.GetValue<string>());
    }

    [Fact]
    public void Repository_is_retained_on_stack_deletion()
    {
        Assert.Equal("Retain", _t.Single("AWS::ECR::Repository").Value["DeletionPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void Lifecycle_expires_untagged_images_after_7_days_and_keeps_30_tagged_images()
    {
        var policy = JsonNode.Parse(RepositoryProps["LifecyclePolicy"]!["LifecyclePolicyText"]!.GetValue<string>())!;
        var rules = policy["rules"]!.AsArray();
        Assert.Equal(2, rules.Count);
        var untagged = rules[0]!["selection"]!;
        Assert.Equal("untagged", untagged["tagStatus"]!.GetValue<string>());
        Assert.Equal("sinceImagePushed", untagged["countType"]!.GetValue<string>());
        Assert.Equal(7, untagged["countNumber"]!.GetValue<int>());
        var tagged = rules[1]!["selection"]!;
        Assert.Equal("tagged", tagged["tagStatus"]!.GetValue<string>());
        Assert.Equal("imageCountMoreThan", tagged["countType"]!.GetValue<string>());
        Assert.Equal(30, tagged["countNumber"]!.GetValue<int>());
    }

    [Fact]
    public void Other_accounts_may_pull_through_the_repository_policy()
    {
        var statement = Assert.Single(RepositoryProps["RepositoryPolicyText"]!["Statement"]!.AsArray())!;
        Assert.Equal(["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
            statement["Action"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray());
        Assert.Contains("210987654321", statement["Principal"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Task_pulls_the_image_by_digest_with_the_execution_role()
    {
        var image = _t.PropertiesOf("AWS::ECS::TaskDefinition")["ContainerDefinitions"]![0]!["Image"]!.ToJsonString();
        Assert.Contains("@" + EcrRepositoryFixture.Digest, image, StringComparison.Ordinal);
        var policy = _t.Resources("AWS::IAM::Policy").Single().Value["Properties"]!["PolicyDocument"]!.ToJsonString();
        Assert.Contains("ecr:BatchGetImage", policy, StringComparison.Ordinal);
        Assert.Contains(_t.LogicalId("AWS::ECR::Repository"), policy, StringComparison.Ordinal);
    }
}

public sealed class OneImageTypeTests
{
    [Fact]
    public void A_service_quick_start_takes_an_EcrRepository_tag_through_ImageSource()
    {
        var stack = TestApps.NewStack();
        var repository = new EcrRepository(stack, "Images");
        var cluster = Fixtures.Cluster(stack);

        _ = new EcsConstructs.Services.LoadBalancedEc2Service(stack, "Web", new EcsConstructs.Services.LoadBalancedEc2ServiceProps
        {
            Cluster = cluster,
            Image = ImageSource.FromEcrTag(repository, "1.0.0"),
            MemoryLimitMiB = 256,
        });

        var image = Synthesized.Of(stack).PropertiesOf("AWS::ECS::TaskDefinition")["ContainerDefinitions"]![0]!["Image"]!.ToJsonString();
        Assert.Contains("ImagesRepository", image, StringComparison.Ordinal);
        Assert.Contains(":1.0.0", image, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CDK_ContainerImage_converts_to_an_ImageSource()
    {
        ImageSource source = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27");

        Assert.False(source.PullsFromEcr);
    }
}
