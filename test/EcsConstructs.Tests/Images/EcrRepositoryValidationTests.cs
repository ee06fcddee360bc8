using Amazon.CDK.AWS.ECR;
using EcsConstructs.Images;
using EcsConstructs.Tasks;
using EcsConstructs.Tests.Support;
using EcsConstructs.Tests.Tasks;
using EcsConstructs.Validation;

namespace EcsConstructs.Tests.Images;

public sealed class EcrRepositoryValidationTests
{
    private static EcsValidationException Invalid(EcrRepositoryProps props) =>
        Assert.Throws<EcsValidationException>(() => new EcrRepository(TestApps.NewStack(), "Images", props));

    private static EcsValidationException InvalidImage(Func<Amazon.CDK.Stack, ImageSource> image)
    {
        var stack = TestApps.NewStack();
        var spec = new ContainerOptions { Name = "app", Image = image(stack) };
        return Assert.Throws<EcsValidationException>(() => TaskSpecs.Create(stack, TaskSpecs.Fargate(containers: spec)));
    }

    [Fact]
    public void A_cross_account_id_that_is_not_12_digits_is_rejected()
    {
        var e = Invalid(new EcrRepositoryProps { CrossAccountPullAccountIds = ["12345"] });
        Assert.Equal("[ECS057] Test/Images: CrossAccountPullAccountIds: '12345' is not an AWS account id; allowed: 12 digits.", e.Message);
    }

    [Fact]
    public void Keeping_zero_tagged_images_is_rejected()
    {
        var e = Invalid(new EcrRepositoryProps { KeepLastTaggedImages = 0 });
        Assert.Equal("[ECS049] Test/Images: KeepLastTaggedImages: 0 images is out of range; allowed: 1 to 10000 images.", e.Message);
    }

    [Fact]
    public void Expiring_untagged_images_after_part_of_a_day_is_rejected()
    {
        var e = Invalid(new EcrRepositoryProps { ExpireUntaggedAfter = Amazon.CDK.Duration.Hours(36) });
        Assert.Equal("[ECS050] Test/Images: ExpireUntaggedAfter: 1.5 days is not a whole number of days; ECR expires images after whole days; allowed: e.g. Duration.Days(2).", e.Message);
    }

    [Fact]
    public void Expiring_untagged_images_after_more_than_ten_years_is_rejected()
    {
        var e = Invalid(new EcrRepositoryProps { ExpireUntaggedAfter = Amazon.CDK.Duration.Days(3651) });
        Assert.Equal("[ECS049] Test/Images: ExpireUntaggedAfter: 3651 days is out of range; allowed: 1 to 3650 days.", e.Message);
    }

    [Fact]
    public void An_upper_case_repository_name_is_rejected()
    {
        var e = Invalid(new EcrRepositoryProps { RepositoryName = "Orders" });
        Assert.Equal("[ECS048] Test/Images: RepositoryName: 'Orders' is not a valid repository name; allowed: 2 to 256 characters, lower-case letters, digits and '.', '_', '-', '/' between them.", e.Message);
    }

    [Fact]
    public void An_invalid_ecr_tag_is_rejected()
    {
        var e = InvalidImage(s => ImageSource.FromEcrTag(Repository.FromRepositoryName(s, "Repo", "orders"), "-bad tag"));
        Assert.Equal("[ECS057] Test/Task: Containers[app].Image: tag '-bad tag' is not a valid ECR tag; allowed: 1 to 128 letters, digits, '_', '.', '-', not starting with '.' or '-'.", e.Message);
    }

    [Fact]
    public void A_digest_without_sha256_is_rejected()
    {
        var e = InvalidImage(s => ImageSource.FromEcrDigest(Repository.FromRepositoryName(s, "Repo", "orders"), "0123abcd"));
        Assert.Equal("[ECS057] Test/Task: Containers[app].Image: digest '0123abcd' is not an image digest; allowed: 'sha256:' followed by 64 lower-case hexadecimal digits.", e.Message);
    }

    [Fact]
    public void A_dockerfile_directory_without_a_dockerfile_is_rejected()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ecs-no-dockerfile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var e = InvalidImage(_ => ImageSource.FromDockerfile(dir));
            Assert.Equal($"[ECS057] Test/Task: Containers[app].Image: '{dir}' holds no 'Dockerfile'; give the Docker build context directory that contains it.", e.Message);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }
}
