namespace McpSentinel.Core.Text;

/// <summary>The one way a secret value is ever shown: at most its first 4 characters and its length.</summary>
public static class SecretMask
{
    public static string Mask(ReadOnlySpan<char> secret)
    {
        int keep = secret.Length >= 16 ? 4 : secret.Length >= 10 ? 2 : 0;
        return string.Concat(secret[..keep], "****…(", secret.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ")");
    }
}
