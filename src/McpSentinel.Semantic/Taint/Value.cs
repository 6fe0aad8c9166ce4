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

/// <summary>What a value carries besides tool-input taint, each followed independently of <see cref="ValueKind"/>
/// (see the MCP-SEM-* rules): untrusted external content, a secret or the whole environment, an incoming token.</summary>
public enum FlowLabel
{
    /// <summary>Text written by third parties: an HTTP response body, an issue/PR body, an e-mail, a file read from a tool-chosen path.</summary>
    ExternalContent,
    /// <summary>A secret-looking environment variable, or the whole environment.</summary>
    Secret,
    /// <summary>A credential the caller sent in: a tool argument named like a token, the incoming Authorization header.</summary>
    IncomingToken,
}

/// <summary>An abstract value: its kind, and for tainted values the trace from the source so far.
/// <see cref="Normalized"/> marks a path that went through realpath/resolve (a containment check on it is meaningful);
/// <see cref="OriginFixed"/> marks a URL built from a constant <c>scheme://host/</c> prefix (the input only fills the path or query).
/// <see cref="Labels"/> carries the <see cref="FlowLabel"/>s the value holds, each with the trace from where it was picked up.</summary>
public sealed record Value(ValueKind Kind, ImmutableList<TraceStep> Trace, bool Normalized = false, bool OriginFixed = false)
{
    public static readonly Value Constant = new(ValueKind.Constant, []);
    public static readonly Value Unknown = new(ValueKind.Unknown, []);
    public static readonly Value Sanitized = new(ValueKind.Sanitized, []);

    /// <summary>Labels carried by the value, each with its own trace (empty for most values).</summary>
    public ImmutableDictionary<FlowLabel, ImmutableList<TraceStep>> Labels { get; init; } = ImmutableDictionary<FlowLabel, ImmutableList<TraceStep>>.Empty;

    public bool IsTainted => Kind == ValueKind.Tainted;

    /// <summary>A list/tuple literal whose first item is a constant: as an argv, its program is fixed (kept through
    /// assignments and calls, so an argv built in one function and run in another is still recognised).</summary>
    public bool ConstantProgram { get; init; }

    public bool HasLabels => !Labels.IsEmpty;

    public bool Has(FlowLabel label) => Labels.ContainsKey(label);

    public static Value Source(TraceStep step) => new(ValueKind.Tainted, [step]);

    /// <summary>This value, also carrying <paramref name="label"/> from <paramref name="step"/> (an existing trace for it is kept).</summary>
    public Value WithLabel(FlowLabel label, TraceStep step) => Labels.ContainsKey(label) ? this : this with { Labels = Labels.Add(label, [step]) };

    public Value Without(FlowLabel label) => Labels.ContainsKey(label) ? this with { Labels = Labels.Remove(label) } : this;

    public Value WithoutLabels() => Labels.IsEmpty ? this : this with { Labels = Labels.Clear() };

    public Value With(TraceStep step)
    {
        if (!IsTainted && Labels.IsEmpty) return this;
        var labels = Labels.IsEmpty ? Labels : Labels.ToImmutableDictionary(l => l.Key, l => l.Value.Add(step));
        return this with { Trace = IsTainted ? Trace.Add(step) : Trace, Labels = labels };
    }

    /// <summary>The combination of several parts (concatenation, containers, call arguments): the worst kind wins,
    /// and a tainted result keeps the first tainted part's trace. Labels of every part are kept.</summary>
    public static Value Join(IEnumerable<Value> parts)
    {
        Value? best = null;
        ImmutableDictionary<FlowLabel, ImmutableList<TraceStep>>? labels = null;
        foreach (var part in parts)
        {
            if (best is null || part.Kind > best.Kind) best = part;
            labels = MergeLabels(labels, part.Labels);
        }
        return best is null ? Constant : best with { Normalized = false, OriginFixed = false, ConstantProgram = false, Labels = labels ?? best.Labels };
    }

    public static Value Join(Value a, Value b)
    {
        var best = a.Kind >= b.Kind ? a : b;
        var labels = MergeLabels(a.Labels, b.Labels)!;
        return ReferenceEquals(labels, best.Labels) ? best : best with { Labels = labels };
    }

    private static ImmutableDictionary<FlowLabel, ImmutableList<TraceStep>>? MergeLabels(
        ImmutableDictionary<FlowLabel, ImmutableList<TraceStep>>? into, ImmutableDictionary<FlowLabel, ImmutableList<TraceStep>> more)
    {
        if (into is null) return more;
        if (more.IsEmpty) return into;
        if (into.IsEmpty) return more;
        foreach (var (label, trace) in more)
        {
            if (!into.ContainsKey(label)) into = into.Add(label, trace);
        }
        return into;
    }
}
