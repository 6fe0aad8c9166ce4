using System.Security.Cryptography;
using System.Text;
using McpSentinel.Storage.Entities;
using McpSentinel.Storage.Stores;

namespace McpSentinel.Server.Auth;

/// <summary>Creates and checks API keys. A key is <c>mcps_PREFIX_SECRET</c>: the prefix (8 characters) finds the row,
/// the SHA-256 of the whole key is compared in constant time. 256 bits of randomness make a salt unnecessary.
/// A verified key is remembered for <see cref="CacheLifetime"/> (by its hash) so that reads do not cost a database
/// round trip each; revoking through this process forgets it at once, another server instance within that time.</summary>
public sealed class ApiKeyService(ApiKeyStore store, TimeProvider time)
{
    private const string KeyStart = "mcps_";
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (ApiKeyEntity Key, DateTimeOffset Until)> _verified = new(StringComparer.Ordinal);

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
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(plaintext));
        var hash = Convert.ToHexStringLower(actual);
        var now = time.GetUtcNow();
        if (_verified.TryGetValue(hash, out var cached) && cached.Until > now) return cached.Key;
        var key = await store.FindByPrefixAsync(parts[1], cancellationToken).ConfigureAwait(false);
        if (key is null || key.RevokedAt is not null) return null;
        if (!CryptographicOperations.FixedTimeEquals(Convert.FromHexString(key.Hash), actual)) return null;
        if (_verified.Count > 10_000) _verified.Clear();
        _verified[hash] = (key, now + CacheLifetime);
        return key;
    }

    /// <summary>Drops a revoked key from the cache of verified keys.</summary>
    public void Forget(Guid keyId)
    {
        foreach (var entry in _verified.Where(e => e.Value.Key.Id == keyId)) _verified.TryRemove(entry.Key, out _);
    }

    /// <summary>The prefix shown to people (never the secret part).</summary>
    public static string Display(ApiKeyEntity key) => KeyStart + key.Prefix + "_…";

    internal static string Hash(string plaintext) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plaintext)));
}
