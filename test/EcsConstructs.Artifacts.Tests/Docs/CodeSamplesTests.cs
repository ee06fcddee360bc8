using System.Text.RegularExpressions;
using EcsConstructs.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EcsConstructs.Tests.Docs;

/// <summary>
/// Every C# block of README.md, docs/*.md and the package READMEs compiles against the built
/// assemblies, with the implicit usings of a .NET 10 app (so a name that is ambiguous there, such as
/// <c>TimeZone</c>, is an error here too). A block is compiled as what it is:
/// <list type="bullet">
/// <item><description>a whole app (top-level statements creating an <c>App</c>): as a program, with its own usings only;</description></item>
/// <item><description>type declarations (a test class): as a library, with its own usings only;</description></item>
/// <item><description>a property list (<c>Volumes = [...],</c>): inside the object initializer it belongs to;</description></item>
/// <item><description>any other fragment: as statements in a stack's constructor (<c>this</c> is the stack), with
/// the names the docs' fragments assume (<c>stack</c>, <c>cluster</c>, <c>image</c>, <c>web</c>, …) declared
/// as fields, and the library's and CDK's namespaces imported.</description></item>
/// </list>
/// </summary>
public sealed partial class CodeSamplesTests
{
    private static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly string[] FragmentUsings =
    [
        "Amazon.CDK", "Amazon.CDK.AWS.ApplicationAutoScaling", "Amazon.CDK.AWS.CloudWatch", "Amazon.CDK.AWS.EC2", "Amazon.CDK.AWS.ECR",
        "Amazon.CDK.AWS.ECS", "Amazon.CDK.AWS.EFS", "Amazon.CDK.AWS.ElasticLoadBalancingV2", "Amazon.CDK.AWS.IAM", "Amazon.CDK.AWS.KMS", "Amazon.CDK.AWS.SSM",
        "Constructs", "EcsConstructs.Clusters", "EcsConstructs.Images", "EcsConstructs.Placement", "EcsConstructs.Rules", "EcsConstructs.Scaling",
        "EcsConstructs.Security", "EcsConstructs.Services", "EcsConstructs.Tasks",
    ];

    /// <summary>What the fragments of the docs refer to without declaring it.</summary>
    private const string FragmentContext = """
        #pragma warning disable CS0649, CS0169, CS8618, CS8602, CS8604, CS8625
        internal sealed class Sample : Stack
        {
            private App app;
            private Stack stack, networkStack, clusterStack;
            private EcsCluster cluster;
            private ICluster c;
            private ImageSource image, webImage, apiImage, workerImage;
            private ContainerImage anyContainerImage;
            private EcsTaskDefinition task, apiTask;
            private LoadBalancedEc2Service web;
            private Amazon.CDK.AWS.SecretsManager.ISecret secret;
            private IRepository repository;
            private IFileSystem fileSystem;
            private IAccessPoint accessPoint;
            private IRole someRole;
            private string certificateArn;
            private Amazon.CDK.AWS.DynamoDB.ITable ordersTable;
            private Amazon.CDK.AWS.S3.IBucket reportsBucket;

            private Sample(Construct scope) : base(scope, "Sample")
            {
        """;

    public static TheoryData<string, int> Samples()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Files())
        {
            for (var i = 0; i < Blocks(file).Count; i++)
            {
                data.Add(Path.GetRelativePath(RepositoryFolder.Root, file).Replace('\\', '/'), i);
            }
        }

        return data;
    }

    [Fact]
    public void The_docs_have_csharp_samples()
    {
        Assert.True(Files().Sum(f => Blocks(f).Count) >= 20);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_sample_compiles(string file, int index)
    {
        var code = Blocks(Path.Combine(RepositoryFolder.Root, file))[index];
        var (source, kind) = Wrap(code);
        var compilation = CSharpCompilation.Create(
            "Sample",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            References.Value,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        Assert.True(errors.Count == 0,
            $"C# block {index + 1} of {file} does not compile:\n{string.Join("\n", errors.Select(e => e.ToString()))}\n--- as compiled:\n{source}");
    }

    private static (string Source, OutputKind Kind) Wrap(string code)
    {
        var lines = code.Split('\n');
        var usings = lines.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal) || l.Trim().Length == 0).ToList();
        var body = string.Join('\n', lines.Skip(usings.Count));
        var implicitUsings = string.Concat(ImplicitUsings.Select(u => $"global using {u};\n"));
        var ownUsings = string.Join('\n', usings.Where(u => u.Length > 0));

        if (TypeDeclaration().IsMatch(body))
        {
            return ($"{implicitUsings}{ownUsings}\n{body}", OutputKind.DynamicallyLinkedLibrary);
        }

        if (body.Contains("new App()", StringComparison.Ordinal))
        {
            return ($"{implicitUsings}{ownUsings}\n{body}", OutputKind.ConsoleApplication);
        }

        var fragmentUsings = string.Concat(FragmentUsings.Select(u => $"using {u};\n"));
        if (PropertyList().IsMatch(body))
        {
            body = $"_ = new EcsTaskDefinitionProps\n{{\nCompatibility = Compatibility.EC2,\nContainers = [],\n{body}\n}};";
        }

        return ($"{implicitUsings}{fragmentUsings}{ownUsings}\n{FragmentContext}\n{body}\n    }}\n}}\n", OutputKind.DynamicallyLinkedLibrary);
    }

    private static readonly Lazy<List<MetadataReference>> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var built = Directory.GetFiles(AppContext.BaseDirectory, "*.dll");
        return platform.Concat(built)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => (MetadataReference)MetadataReference.CreateFromFile(g.First()))
            .ToList();
    });

    private static IEnumerable<string> Files() =>
        new[] { Path.Combine(RepositoryFolder.Root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(RepositoryFolder.Root, "docs"), "*.md").Order(StringComparer.Ordinal))
            .Concat(Directory.GetDirectories(Path.Combine(RepositoryFolder.Root, "src")).Order(StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "README.md")).Where(File.Exists));

    private static List<string> Blocks(string file) =>
        CSharpBlock().Matches(File.ReadAllText(file).ReplaceLineEndings("\n")).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^\s*(public |internal )?(sealed |static |abstract )*(class|record|struct|interface) ", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^\s*[A-Z]\w* =\s*(\[|new|\w)")]
    private static partial Regex PropertyList();
}
