using System.Reflection;
using System.Text;
using EcsConstructs.Clusters;
using EcsConstructs.Rules;
using EcsConstructs.Testing;
using EcsConstructs.Tests.Support;

namespace EcsConstructs.Tests.Quality;

/// <summary>
/// The public surface of each package, compared with a committed baseline
/// (<c>Quality/__api__/&lt;assembly&gt;.txt</c>): every public type and member, with nullability, so
/// that every change to the API shows up in review. Accept an intended change with
/// <c>UPDATE_SNAPSHOTS=1</c>, as for template snapshots (never under <c>CI=true</c>).
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string> Assemblies => new() { "EcsConstructs", "EcsConstructs.Rules", "EcsConstructs.Testing" };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void The_public_api_matches_the_committed_baseline(string assemblyName)
    {
        var assembly = new[] { typeof(EcsCluster).Assembly, typeof(RuleCatalog).Assembly, typeof(SnapshotAssert).Assembly }
            .Single(a => a.GetName().Name == assemblyName);
        var actual = PublicApi.Describe(assembly);
        var file = Path.Combine(TestApps.RepositoryRoot, "test", "EcsConstructs.Tests", "Quality", "__api__", assemblyName + ".txt");
        var options = SnapshotOptions.FromEnvironment();

        var expected = File.Exists(file) ? File.ReadAllText(file).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            return;
        }

        if (options.UpdateSnapshots && !options.IsContinuousIntegration)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, actual);
            return;
        }

        var added = actual.Split('\n').Except(expected?.Split('\n') ?? []).Take(20);
        var removed = (expected?.Split('\n') ?? []).Except(actual.Split('\n')).Take(20);
        Assert.Fail($"The public API of {assemblyName} differs from {file}. If the change is intended, run the tests with UPDATE_SNAPSHOTS=1 " +
            $"and commit the file (and a CHANGELOG entry).\nadded:\n  {string.Join("\n  ", added)}\nremoved:\n  {string.Join("\n  ", removed)}");
    }
}

/// <summary>Renders an assembly's public surface as sorted lines of C#-like signatures.</summary>
internal static class PublicApi
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Describe(Assembly assembly)
    {
        var nullability = new NullabilityInfoContext();
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(TypeLine(type)).Append('\n');
            foreach (var member in Members(type, nullability).Order(StringComparer.Ordinal))
            {
                text.Append("  ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string TypeLine(Type type)
    {
        var kind = type switch
        {
            { IsEnum: true } => "enum",
            { IsInterface: true } => "interface",
            { IsValueType: true } => "struct",
            { IsAbstract: true, IsSealed: true } => "static class",
            { IsAbstract: true } => "abstract class",
            { IsSealed: true } => "sealed class",
            _ => "class",
        };
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(Enum) && b != typeof(ValueType))
        {
            bases.Add(Name(b));
        }

        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic).Select(Name).Order(StringComparer.Ordinal));
        return $"{kind} {type.Namespace}.{Name(type)}{(bases.Count == 0 ? string.Empty : " : " + string.Join(", ", bases))}";
    }

    private static IEnumerable<string> Members(Type type, NullabilityInfoContext nullability)
    {
        if (type.IsEnum)
        {
            foreach (var name in Enum.GetNames(type))
            {
                yield return name;
            }

            yield break;
        }

        foreach (var member in type.GetMembers(Declared))
        {
            switch (member)
            {
                case ConstructorInfo c when Visible(c):
                    yield return $"{Access(c)}{Name(type).Split('<')[0]}({Parameters(c, nullability)})";
                    break;
                case MethodInfo m when Visible(m) && !m.IsSpecialName:
                    yield return $"{Access(m)}{(m.IsStatic ? "static " : string.Empty)}{Nullable(m.ReturnParameter, nullability)} {m.Name}{Generic(m)}({Parameters(m, nullability)})";
                    break;
                case MethodInfo m when Visible(m) && m.Name.StartsWith("op_", StringComparison.Ordinal):
                    yield return $"{Access(m)}static {Nullable(m.ReturnParameter, nullability)} {m.Name}({Parameters(m, nullability)})";
                    break;
                case PropertyInfo p when p.GetMethod is { } get && Visible(get):
                    var set = p.SetMethod is { } s && Visible(s)
                        ? s.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.Name == "IsExternalInit") ? " init;" : " set;"
                        : string.Empty;
                    yield return $"{Access(get)}{(get.IsStatic ? "static " : string.Empty)}{Name(nullability.Create(p))} {p.Name} {{ get;{set} }}";
                    break;
                case FieldInfo f when (f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly) && !f.IsSpecialName:
                    yield return $"{(f.IsLiteral ? "const" : f.IsStatic ? "static" : "field")} {Name(nullability.Create(f))} {f.Name}{(f.IsLiteral ? " = " + f.GetRawConstantValue() : string.Empty)}";
                    break;
                case EventInfo e when e.AddMethod is { } add && Visible(add):
                    yield return $"event {Name(e.EventHandlerType!)} {e.Name}";
                    break;
            }
        }
    }

    private static bool Visible(MethodBase m) => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;

    private static string Access(MethodBase m) => m.IsPublic ? string.Empty : "protected ";

    private static string Generic(MethodInfo m) =>
        m.IsGenericMethodDefinition ? $"<{string.Join(", ", m.GetGenericArguments().Select(a => a.Name))}>" : string.Empty;

    private static string Parameters(MethodBase m, NullabilityInfoContext nullability) =>
        string.Join(", ", m.GetParameters().Select(p =>
            $"{(p.IsDefined(typeof(ParamArrayAttribute)) ? "params " : string.Empty)}{Nullable(p, nullability)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)}"));

    private static string Nullable(ParameterInfo p, NullabilityInfoContext nullability) =>
        p.ParameterType == typeof(void) ? "void" : Name(nullability.Create(p));

    private static string Name(NullabilityInfo info)
    {
        var type = info.Type;
        string name;
        if (type.IsArray)
        {
            name = Name(info.ElementType!) + "[]";
        }
        else if (type.IsGenericType && System.Nullable.GetUnderlyingType(type) is null)
        {
            var args = info.GenericTypeArguments.Length == type.GetGenericArguments().Length
                ? info.GenericTypeArguments.Select(Name)
                : type.GetGenericArguments().Select(Name);
            name = $"{Name(type).Split('<')[0]}<{string.Join(", ", args)}>";
        }
        else
        {
            name = Name(type);
        }

        return info.ReadState == NullabilityState.Nullable && System.Nullable.GetUnderlyingType(type) is null ? name + "?" : name;
    }

    private static string Name(Type type)
    {
        if (System.Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        var name = type.IsNested ? $"{Name(type.DeclaringType!)}.{type.Name}" : type.Name;
        if (type.IsGenericType)
        {
            name = $"{name.Split('`')[0]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
        }

        return name switch
        {
            "String" => "string",
            "Int32" => "int",
            "Int64" => "long",
            "Double" => "double",
            "Boolean" => "bool",
            "Object" => "object",
            "Void" => "void",
            _ => name,
        };
    }
}
