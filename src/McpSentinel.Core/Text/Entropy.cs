namespace McpSentinel.Core.Text;

public static class Entropy
{
    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Shannon(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return 0;
        var counts = new Dictionary<char, int>();
        foreach (var c in value) counts[c] = counts.GetValueOrDefault(c) + 1;
        double entropy = 0;
        foreach (var count in counts.Values)
        {
            double p = (double)count / value.Length;
            entropy -= p * Math.Log2(p);
        }
        return entropy;
    }
}
