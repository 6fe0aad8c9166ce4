using System.Security.Cryptography;
using System.Text;

namespace McpSentinel.Server.Webhooks;

/// <summary>The <c>X-Sentinel-Signature</c> header: <c>t=UNIX-SECONDS,v1=HEX</c> where HEX is the HMAC-SHA256, keyed
/// with the webhook secret, of <c>"{t}." + raw body</c>. Receivers recompute it over the bytes they received and
/// reject old timestamps (replays).</summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Sentinel-Signature";

    public static string Create(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>Checks a header against the body; false when malformed, forged, or older than <paramref name="tolerance"/>.</summary>
    public static bool Verify(string secret, string header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(header);
        long? t = null;
        string? v1 = null;
        foreach (var part in header.Split(','))
        {
            var kv = part.Split('=', 2);
            if (kv.Length != 2) return false;
            if (kv[0] == "t" && long.TryParse(kv[1], System.Globalization.CultureInfo.InvariantCulture, out var ts)) t = ts;
            else if (kv[0] == "v1") v1 = kv[1];
        }
        if (t is null || v1 is null) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - t.Value) > tolerance.TotalSeconds) return false;
        var expected = Create(secret, t.Value, body);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes($"t={t.Value},v1={v1}"));
    }
}
