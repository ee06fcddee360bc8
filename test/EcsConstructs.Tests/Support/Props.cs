namespace EcsConstructs.Tests.Support;

/// <summary>Terse builders for the nested dictionaries that template assertions take.</summary>
internal static class Props
{
    public static Dictionary<string, object> Obj(params (string Key, object Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);
}
