using System.Collections.Immutable;
using McpSentinel.Core.Model;

namespace McpSentinel.Semantic.Taint;

/// <summary>What the analysis knows about a value, ordered by how much it matters at a sink.</summary>
public enum ValueKind
{
    /// <summary>Built only from literals and module constants.</summary>
    Constant = 0,
    /// <summary>Was (or may have been) attacker-controlled, but passed a sanitiser or a dominating guard.</summary>
    Sanitized = 1,
    /// <summary>Origin not known to the analysis (a parameter of an ordinary function, a library call).</summary>
    Unknown = 2,
    /// <summary>Comes from a tool/prompt/resource argument or HTTP request data.</summary>
    Tainted = 3,
}

/// <summary>An abstract value: its kind, and for tainted values the trace from the source so far.
/// <see cref="Normalized"/> marks a path that went through realpath/resolve (a containment check on it is meaningful);
/// <see cref="OriginFixed"/> marks a URL built from a constant <c>scheme://host/</c> prefix (the input only fills the path or query).</summary>
public sealed record Value(ValueKind Kind, ImmutableList<TraceStep> Trace, bool Normalized = false, bool OriginFixed = false)
{
    public static readonly Value Constant = new(ValueKind.Constant, []);
    public static readonly Value Unknown = new(ValueKind.Unknown, []);
    public static readonly Value Sanitized = new(ValueKind.Sanitized, []);

    public bool IsTainted => Kind == ValueKind.Tainted;

    public static Value Source(TraceStep step) => new(ValueKind.Tainted, [step]);

    public Value With(TraceStep step) => IsTainted ? this with { Trace = Trace.Add(step) } : this;

    /// <summary>The combination of several parts (concatenation, containers, call arguments): the worst kind wins,
    /// and a tainted result keeps the first tainted part's trace.</summary>
    public static Value Join(IEnumerable<Value> parts)
    {
        Value? best = null;
        foreach (var part in parts)
        {
            if (best is null || part.Kind > best.Kind) best = part;
        }
        return best is null ? Constant : best with { Normalized = false, OriginFixed = false };
    }

    public static Value Join(Value a, Value b) => a.Kind >= b.Kind ? a : b;
}
