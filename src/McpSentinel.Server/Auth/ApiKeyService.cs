using System.Security.Cryptography;
using System.Text;
using McpSentinel.Storage.Entities;
using McpSentinel.Storage.Stores;

namespace McpSentinel.Server.Auth;

/// <summary>Creates and checks API keys. A key is <c>mcps_PREFIX_SECRET</c>: the prefix (8 characters) finds the row,
/// the SHA-256 of the whole key is compared in constant time. 256 bits of randomness make a salt unnecessary.</summary>
public sealed class ApiKeyService(ApiKeyStore store, TimeProvider time)
{
    private const string KeyStart = "mcps_";

    public async Task<(ApiKeyEntity Key, string Plaintext)> CreateAsync(string name, string role, string? createdBy, int? rateLimitPerMinute, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(role)) throw new ArgumentException($"unknown role '{role}'", nameof(role));
        string prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        string secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        string plaintext = KeyStart + prefix + "_" + secret;
        var key = new ApiKeyEntity
        {
            Id = Guid.NewGuid(), Name = name, Prefix = prefix, Hash = Hash(plaintext), Role = role,
            CreatedBy = createdBy, CreatedAt = time.GetUtcNow(), RateLimitPerMinute = rateLimitPerMinute,
        };
        await store.AddAsync(key, cancellationToken).ConfigureAwait(false);
        return (key, plaintext);
    }

    /// <summary>The active key row for this plaintext key, or null.</summary>
    public async Task<ApiKeyEntity?> VerifyAsync(string plaintext, CancellationToken cancellationToken)
    {
        if (!plaintext.StartsWith(KeyStart, StringComparison.Ordinal) || plaintext.Length > 200) return null;
        var parts = plaintext.Split('_');
        if (parts.Length < 3 || parts[1].Length != 8) return null;
        var key = await store.FindByPrefixAsync(parts[1], cancellationToken).ConfigureAwait(false);
        if (key is null || key.RevokedAt is not null) return null;
        var expected = Convert.FromHexString(key.Hash);
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(plaintext));
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? key : null;
    }

    /// <summary>The prefix shown to people (never the secret part).</summary>
    public static string Display(ApiKeyEntity key) => KeyStart + key.Prefix + "_…";

    internal static string Hash(string plaintext) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plaintext)));
}
