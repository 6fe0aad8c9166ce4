namespace McpSentinel.Core.Text;

/// <summary>The one way a secret value is ever shown: at most its first 4 characters and its length.</summary>
public static class SecretMask
{
    public const string Marker = "****…(";

    /// <summary>Masks a value; a value that already holds a mask is returned as it is (masking is idempotent).</summary>
    public static string Mask(ReadOnlySpan<char> secret)
    {
        if (secret.Contains(Marker, StringComparison.Ordinal)) return secret.ToString();
        int keep = secret.Length >= 16 ? 4 : secret.Length >= 10 ? 2 : 0;
        return string.Concat(secret[..keep], "****…(", secret.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ")");
    }
}
