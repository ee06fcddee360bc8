using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EcsConstructs.Rules.Templates;

/// <summary>
/// The templates one check reads together: every stack of a cloud assembly (nested stacks and the
/// stacks of stages included), or template files. Checked together, they resolve each other's
/// <c>Fn::ImportValue</c>s, nested stack parameters and outputs, so rules see across stacks.
/// </summary>
public sealed partial class TemplateSet
{
    private const string ManifestFile = "manifest.json";

    private TemplateSet(List<CfnTemplate> templates)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var template in templates)
        {
            var key = template.Name;
            for (var n = 2; !names.Add(key); n++)
            {
                key = $"{template.Name}#{n}";
            }

            template.Key = key;
        }

        Templates = templates;
    }

    /// <summary>The names of the templates read: stack display names (<c>Prod/Web</c>) or the files as given.</summary>
    public IReadOnlyList<string> TemplateNames => Templates.Select(t => t.Name).ToList();

    internal IReadOnlyList<CfnTemplate> Templates { get; }

    /// <summary>
    /// Reads each path: a folder with a <c>manifest.json</c> is a cloud assembly (<see cref="FromCloudAssembly"/>);
    /// another folder contributes its template files (<c>*.json</c>, <c>*.yaml</c>, <c>*.yml</c>, <c>*.template</c>);
    /// a file is a template (<see cref="FromFiles"/>).
    /// </summary>
    /// <param name="paths">Folders and files.</param>
    /// <returns>The templates, read together.</returns>
    /// <exception cref="TemplateLoadException">A path does not exist, or a file is not a template.</exception>
    public static TemplateSet Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var templates = new List<CfnTemplate>();
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                if (File.Exists(Path.Combine(path, ManifestFile)))
                {
                    ReadAssembly(path, templates, loaded);
                }
                else
                {
                    var files = TemplateFilesIn(path);
                    if (files.Count == 0)
                    {
                        throw new TemplateLoadException($"{path}: the folder has no manifest.json (not a cloud assembly) and no template files (*.json, *.yaml, *.yml, *.template).");
                    }

                    foreach (var file in files)
                    {
                        ReadFile(file, Path.Combine(path, Path.GetFileName(file)), templates, loaded);
                    }
                }
            }
            else if (File.Exists(path))
            {
                ReadFile(path, path, templates, loaded);
            }
            else
            {
                throw new TemplateLoadException($"{path}: no such file or folder.");
            }
        }

        if (templates.Count == 0)
        {
            throw new TemplateLoadException("No template to check: give a cloud assembly folder (cdk.out) or template files.");
        }

        return new TemplateSet(templates);
    }

    /// <summary>
    /// Reads every stack of a cloud assembly (<c>cdk.out</c>, written by <c>cdk synth</c> in any CDK
    /// language): the stacks its <c>manifest.json</c> lists, the stacks of nested assemblies (stages),
    /// and nested stacks (found through their <c>aws:asset:path</c> metadata).
    /// </summary>
    /// <param name="folder">The cloud assembly folder.</param>
    /// <returns>The templates, read together.</returns>
    /// <exception cref="TemplateLoadException">The folder or its manifest is missing or unreadable.</exception>
    public static TemplateSet FromCloudAssembly(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new TemplateLoadException($"{folder}: no such folder.");
        }

        if (!File.Exists(Path.Combine(folder, ManifestFile)))
        {
            throw new TemplateLoadException($"{folder}: not a cloud assembly (no manifest.json).");
        }

        var templates = new List<CfnTemplate>();
        ReadAssembly(folder, templates, new HashSet<string>(StringComparer.Ordinal));
        return new TemplateSet(templates);
    }

    /// <summary>
    /// Reads template files (JSON or YAML). When a file sits in a cloud assembly folder, the
    /// assembly's manifest supplies its stack name, environment and construct paths; nested stack
    /// templates it references are read too.
    /// </summary>
    /// <param name="files">The template files.</param>
    /// <returns>The templates, read together.</returns>
    /// <exception cref="TemplateLoadException">A file is missing or not a template.</exception>
    public static TemplateSet FromFiles(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var templates = new List<CfnTemplate>();
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                throw new TemplateLoadException($"{file}: no such file.");
            }

            ReadFile(file, file, templates, loaded);
        }

        return new TemplateSet(templates);
    }

    /// <summary>
    /// One template given as text (JSON or YAML), e.g. in a test. Pass <paramref name="region"/>
    /// to check it as a stack of that region (as a cloud assembly's environment would say).
    /// </summary>
    /// <param name="text">The template.</param>
    /// <param name="name">How findings name the template; default <c>template.json</c>.</param>
    /// <param name="region">The stack's region; default: unknown.</param>
    /// <param name="stackName">The stack's name; default: unknown.</param>
    /// <returns>A set of one template.</returns>
    /// <exception cref="TemplateLoadException">The text is not a template.</exception>
    public static TemplateSet FromText(string text, string name = "template.json", string? region = null, string? stackName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = TemplateParser.Parse(text, name);
        var info = StackInfo.None with { Region = region, StackName = stackName };
        return new TemplateSet([new CfnTemplate(name, name, root, text, info)]);
    }

    /// <summary>
    /// Checks the templates whose region is not known (template files, and stacks of a cloud
    /// assembly synthesized without an environment) as stacks of <paramref name="region"/>, so
    /// rules that compare regions (certificates, zones) can judge them. Templates whose region the
    /// assembly names keep it.
    /// </summary>
    /// <param name="region">An AWS region name such as <c>eu-west-1</c>.</param>
    /// <returns>This set.</returns>
    /// <exception cref="ArgumentException">The region is not a region name.</exception>
    public TemplateSet InRegion(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (!RegionName().IsMatch(region))
        {
            throw new ArgumentException($"'{region}' is not an AWS region name (like eu-west-1).", nameof(region));
        }

        foreach (var template in Templates.Where(t => t.Region is null))
        {
            template.Region = region;
        }

        return this;
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();

    private static List<string> TemplateFilesIn(string folder) =>
        Directory.GetFiles(folder)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".json" or ".yaml" or ".yml" or ".template")
            .Where(f => !Path.GetFileName(f).EndsWith(".assets.json", StringComparison.Ordinal)
                && !Path.GetFileName(f).EndsWith(".metadata.json", StringComparison.Ordinal)
                && Path.GetFileName(f) is not ("tree.json" or "cdk.out" or ManifestFile)
                && !Path.GetFileName(f).EndsWith(".nested.template.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static void ReadAssembly(string folder, List<CfnTemplate> templates, HashSet<string> loaded)
    {
        foreach (var stack in ManifestStacks(folder))
        {
            AddTemplate(stack.TemplatePath, stack.DisplayName, stack.Info, stack.Metadata, templates, loaded);
        }
    }

    private static void ReadFile(string file, string displayName, List<CfnTemplate> templates, HashSet<string> loaded)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var fromManifest = File.Exists(Path.Combine(folder, ManifestFile))
            ? ManifestStacks(folder, recurse: false).FirstOrDefault(s => string.Equals(Path.GetFullPath(s.TemplatePath), Path.GetFullPath(file), StringComparison.Ordinal))
            : null;
        if (fromManifest is not null)
        {
            AddTemplate(fromManifest.TemplatePath, fromManifest.DisplayName, fromManifest.Info, fromManifest.Metadata, templates, loaded);
        }
        else
        {
            AddTemplate(file, displayName, StackInfo.None, [], templates, loaded);
        }
    }

    private static void AddTemplate(string file, string name, StackInfo info, List<(string Path, string LogicalId)> metadata, List<CfnTemplate> templates, HashSet<string> loaded)
    {
        var full = Path.GetFullPath(file);
        if (!loaded.Add(full))
        {
            return;
        }

        var (root, text) = Read(file);
        var template = new CfnTemplate(name, full, root, text, info with { Paths = TopLevelPaths(root, metadata) });
        templates.Add(template);
        AddNested(template, metadata, templates, loaded);
    }

    /// <summary>
    /// Reads the nested stacks of <paramref name="parent"/> whose templates are in its folder: found
    /// by the stack resource's <c>aws:asset:path</c> metadata (written under the CDK CLI), else by the
    /// asset hash in its <c>TemplateURL</c> and the folder's asset manifests (<c>*.assets.json</c>).
    /// </summary>
    private static void AddNested(CfnTemplate parent, List<(string Path, string LogicalId)> metadata, List<CfnTemplate> templates, HashSet<string> loaded)
    {
        var folder = Path.GetDirectoryName(parent.FilePath)!;
        Dictionary<string, string>? assets = null;
        foreach (var (id, node) in parent.Resources)
        {
            if (node is not JsonObject resource || Text(resource["Type"]) != "AWS::CloudFormation::Stack")
            {
                continue;
            }

            var relative = Text(resource["Metadata"]?["aws:asset:path"]);
            if (relative is null)
            {
                assets ??= TemplateAssets(folder);
                var url = resource["Properties"]?["TemplateURL"];
                relative = assets.FirstOrDefault(a => Model.JsonValues.AnyString(url, s => s.Contains(a.Key, StringComparison.Ordinal))).Value;
            }

            var file = relative is null ? null : Path.Combine(folder, relative);
            if (file is null || !File.Exists(file) || !loaded.Add(Path.GetFullPath(file)))
            {
                continue;
            }

            var stackPath = NestedStackPath(parent.PathOf(id));
            var (root, text) = Read(file);
            var paths = stackPath is null ? new Dictionary<string, string>(StringComparer.Ordinal) : NestedPaths(root, metadata, stackPath);
            var nested = new CfnTemplate(stackPath ?? $"{parent.Name}/{id}", Path.GetFullPath(file), root, text,
                new StackInfo(null, parent.Region, parent.Account, paths), parent, id);
            templates.Add(nested);
            AddNested(nested, metadata, templates, loaded);
        }
    }

    /// <summary>The file assets of a cloud assembly folder that are templates, by asset hash.</summary>
    private static Dictionary<string, string> TemplateAssets(string folder)
    {
        var assets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var manifest in Directory.GetFiles(folder, "*.assets.json"))
        {
            foreach (var (hash, asset) in TemplateParser.Parse(File.ReadAllText(manifest), manifest)["files"] as JsonObject ?? [])
            {
                if (Text(asset?["source"]?["path"]) is { } path && path.EndsWith(".template.json", StringComparison.Ordinal) && hash.Length >= 16)
                {
                    assets.TryAdd(hash, path);
                }
            }
        }

        return assets;
    }

    private static (JsonObject Root, string Text) Read(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TemplateLoadException($"{file}: cannot be read ({e.Message}).", e);
        }

        var root = TemplateParser.Parse(text, file);
        if (root["Resources"] is not JsonObject)
        {
            throw new TemplateLoadException($"{file}: not a CloudFormation template (no Resources section).");
        }

        return (root, text);
    }

    /// <summary>One stack of a manifest, with its folder resolved.</summary>
    private sealed record ManifestStack(string TemplatePath, string DisplayName, StackInfo Info, List<(string Path, string LogicalId)> Metadata);

    private static IEnumerable<ManifestStack> ManifestStacks(string folder, bool recurse = true)
    {
        var manifestPath = Path.Combine(folder, ManifestFile);
        JsonObject manifest;
        try
        {
            manifest = TemplateParser.Parse(File.ReadAllText(manifestPath), manifestPath);
        }
        catch (IOException e)
        {
            throw new TemplateLoadException($"{manifestPath}: cannot be read ({e.Message}).", e);
        }

        foreach (var (id, node) in manifest["artifacts"] as JsonObject ?? [])
        {
            var artifact = node as JsonObject;
            var type = Text(artifact?["type"]);
            var properties = artifact?["properties"] as JsonObject;
            if (type == "aws:cloudformation:stack" && Text(properties?["templateFile"]) is { } templateFile)
            {
                var templatePath = Path.Combine(folder, templateFile);
                if (!File.Exists(templatePath))
                {
                    throw new TemplateLoadException($"{manifestPath}: stack {id} names template {templateFile}, which is not in the folder.");
                }

                var (account, region) = Environment(Text(artifact?["environment"]));
                var metadata = Metadata(folder, artifact!);
                yield return new ManifestStack(templatePath, Text(artifact?["displayName"]) ?? id,
                    new StackInfo(Text(properties?["stackName"]) ?? id, region, account, []), metadata);
            }
            else if (type == "cdk:cloud-assembly" && recurse && Text(properties?["directoryName"]) is { } directory)
            {
                foreach (var stack in ManifestStacks(Path.Combine(folder, directory)))
                {
                    yield return stack;
                }
            }
        }
    }

    /// <summary>The <c>aws:cdk:logicalId</c> entries of an artifact's metadata (inline, or in its additional metadata file).</summary>
    private static List<(string Path, string LogicalId)> Metadata(string folder, JsonObject artifact)
    {
        var entries = new List<(string, string)>();
        var sources = new List<JsonObject?> { artifact["metadata"] as JsonObject };
        if (Text(artifact["additionalMetadataFile"]) is { } extra && File.Exists(Path.Combine(folder, extra)))
        {
            sources.Add(TemplateParser.Parse(File.ReadAllText(Path.Combine(folder, extra)), extra));
        }

        foreach (var (path, list) in sources.OfType<JsonObject>().SelectMany(s => s))
        {
            foreach (var entry in (list as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Text(entry["type"]) == "aws:cdk:logicalId" && Text(entry["data"]) is { } logicalId)
                {
                    entries.Add((path.TrimStart('/'), logicalId));
                }
            }
        }

        return entries;
    }

    /// <summary>Paths of the top-level template's own resources (entries under a nested stack belong to it).</summary>
    private static Dictionary<string, string> TopLevelPaths(JsonObject root, List<(string Path, string LogicalId)> metadata)
    {
        var nested = NestedStackPaths(root, metadata);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, id) in metadata)
        {
            if (!nested.Any(n => path.StartsWith(n + "/", StringComparison.Ordinal)))
            {
                paths.TryAdd(id, path);
            }
        }

        return paths;
    }

    private static Dictionary<string, string> NestedPaths(JsonObject root, List<(string Path, string LogicalId)> metadata, string stackPath)
    {
        var deeper = NestedStackPaths(root, metadata).Where(p => p.StartsWith(stackPath + "/", StringComparison.Ordinal)).ToList();
        var ids = (root["Resources"] as JsonObject ?? []).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, id) in metadata)
        {
            if (ids.Contains(id) && path.StartsWith(stackPath + "/", StringComparison.Ordinal) && !deeper.Any(d => path.StartsWith(d + "/", StringComparison.Ordinal)))
            {
                paths.TryAdd(id, path);
            }
        }

        return paths;
    }

    /// <summary>The construct paths of every nested stack in the metadata (from their stack resources' paths).</summary>
    private static List<string> NestedStackPaths(JsonObject root, List<(string Path, string LogicalId)> metadata) =>
        metadata.Select(m => NestedStackPath(m.Path)).OfType<string>().Distinct().ToList();

    /// <summary>
    /// CDK creates a nested stack <c>Parent/Inner</c> with its resource at
    /// <c>Parent/Inner.NestedStack/Inner.NestedStackResource</c>: the stack's path from the resource's.
    /// </summary>
    private static string? NestedStackPath(string? resourcePath)
    {
        var match = resourcePath is null ? null : NestedStackResource().Match(resourcePath);
        return match is { Success: true } ? $"{match.Groups[1].Value}/{match.Groups[2].Value}" : null;
    }

    [GeneratedRegex("^(.*)/([^/]+)\\.NestedStack/\\2\\.NestedStackResource$", RegexOptions.CultureInvariant)]
    private static partial Regex NestedStackResource();

    /// <summary>The account and region of <c>aws://account/region</c>; <c>unknown-…</c> parts are null.</summary>
    private static (string? Account, string? Region) Environment(string? environment)
    {
        if (environment is null || !environment.StartsWith("aws://", StringComparison.Ordinal))
        {
            return (null, null);
        }

        var parts = environment["aws://".Length..].Split('/');
        string? Known(int i) => parts.Length > i && !parts[i].StartsWith("unknown-", StringComparison.Ordinal) && parts[i].Length > 0 ? parts[i] : null;
        return (Known(0), Known(1));
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
