namespace McpSentinel.Semantic.Taint;

/// <summary>Variable name → abstract value along one path of a function. Branches work on copies that are merged back.</summary>
public sealed class Env
{
    private readonly Dictionary<string, Value> _vars;

    public Env() => _vars = new Dictionary<string, Value>(StringComparer.Ordinal);

    private Env(Dictionary<string, Value> vars) => _vars = new Dictionary<string, Value>(vars, StringComparer.Ordinal);

    public Env Clone() => new(_vars);

    public bool TryGet(string name, out Value value) => _vars.TryGetValue(name, out value!);

    public void Set(string name, Value value) => _vars[name] = value;

    /// <summary>After an if/else, a variable may hold either branch's value: keep the worse of the two.</summary>
    public static Env Merge(Env a, Env b)
    {
        var merged = a.Clone();
        foreach (var (name, value) in b._vars)
        {
            merged._vars[name] = merged._vars.TryGetValue(name, out var existing) ? Value.Join(existing, value) : Value.Join(Value.Unknown, value);
        }
        foreach (var name in a._vars.Keys.Where(k => !b._vars.ContainsKey(k)))
        {
            merged._vars[name] = Value.Join(Value.Unknown, a._vars[name]);
        }
        return merged;
    }

    /// <summary>Copies this env's bindings into <paramref name="target"/> (used when a branch replaces the current path).</summary>
    public void CopyTo(Env target)
    {
        target._vars.Clear();
        foreach (var (k, v) in _vars) target._vars[k] = v;
    }
}
