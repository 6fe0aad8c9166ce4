using System.Security.Cryptography;
using System.Text;
using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using McpSentinel.Reporting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace McpSentinel.Server.Scans;

/// <summary>Optional Redis cache of scan results, keyed by the SHA-256 of the scanned tree (relative paths and
/// contents), the tool version, the rule set and the engines: the same tree scanned twice is analysed once.
/// Without Redis configured it does nothing. A cache failure never fails a scan.</summary>
public sealed class ResultCache(IConnectionMultiplexer? redis, ILogger<ResultCache> logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public bool IsEnabled => redis is not null;

    public static string ContentHash(string target, ScanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            sha.AppendData(BitConverter.GetBytes(bytes.Length));
            sha.AppendData(bytes);
        }
        Add(Scanner.ToolVersion);
        Add(string.Join(',', options.Engines.Order(StringComparer.Ordinal)));
        Add(string.Join(',', options.Rules.Rules.Select(r => r.Id + ":" + r.Metadata.Severity).Order(StringComparer.Ordinal)));
        if (File.Exists(target))
        {
            Add(Path.GetFileName(target));
            sha.AppendData(File.ReadAllBytes(target));
        }
        else
        {
            foreach (var file in Directory.EnumerateFiles(target, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true })
                         .Select(f => (Full: f, Relative: Path.GetRelativePath(target, f).Replace('\\', '/')))
                         .OrderBy(f => f.Relative, StringComparer.Ordinal))
            {
                Add(file.Relative);
                using var stream = File.OpenRead(file.Full);
                sha.AppendData(SHA256.HashData(stream));
            }
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public async Task<ScanResult?> GetAsync(string contentHash, CancellationToken cancellationToken)
    {
        if (redis is null) return null;
        try
        {
            RedisValue value = await redis.GetDatabase().StringGetAsync(Key(contentHash)).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (value.IsNullOrEmpty) return null;
            using var stream = new MemoryStream((byte[])value!);
            return JsonReportReader.Read(stream);
        }
        catch (Exception ex) when (ex is RedisException or FormatException or TimeoutException)
        {
            logger.LogWarning(ex, "result cache read failed; scanning");
            return null;
        }
    }

    public async Task SetAsync(string contentHash, ScanResult result, CancellationToken cancellationToken)
    {
        if (redis is null) return;
        try
        {
            using var json = new MemoryStream();
            new JsonReporter().Write(result, json);
            await redis.GetDatabase().StringSetAsync(Key(contentHash), json.ToArray(), Lifetime).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "result cache write failed");
        }
    }

    private static RedisKey Key(string contentHash) => "mcp-sentinel:result:" + contentHash;
}
