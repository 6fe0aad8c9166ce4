using McpSentinel.Server.Queue;
using McpSentinel.Storage;

namespace McpSentinel.Server;

/// <summary>Everything the server and the worker are configured with. The CLI fills it from flags, environment
/// variables (MCP_SENTINEL_*) and defaults.</summary>
public sealed record ServerOptions
{
    public required DatabaseTarget Database { get; init; }
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:8080"];
    /// <summary>Where the gRPC service listens (HTTP/2 without TLS, so a port of its own). Empty: gRPC is off.</summary>
    public IReadOnlyList<string> GrpcUrls { get; init; } = [];
    /// <summary>Folders under which path scans are accepted. Empty: path scans are refused.</summary>
    public IReadOnlyList<string> AllowedRoots { get; init; } = [];
    /// <summary>Hosts (names or IP addresses, compared case-insensitively) whose HTTP(S) MCP servers may be scanned live.
    /// Empty: live HTTP scans are refused.</summary>
    public IReadOnlyList<string> LiveAllowHosts { get; init; } = [];
    /// <summary>Accept live scans of stdio commands (run only under bubblewrap, without network). Off by default: a
    /// server that launches commands on request is remote code execution.</summary>
    public bool AllowLiveCommands { get; init; }
    /// <summary>Where the ASP.NET Core Data Protection key ring (which encrypts live server specs) is kept; null: the
    /// framework default (~/.aspnet/DataProtection-Keys). Servers and workers that share scans must share this folder.</summary>
    public string? DataProtectionKeysFolder { get; init; }
    /// <summary>Run a worker inside the server process (the zero-setup default).</summary>
    public bool RunWorker { get; init; } = true;
    /// <summary>Scans a worker runs at the same time.</summary>
    public int WorkerCount { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Largest request body for ordinary endpoints.</summary>
    public long MaxRequestBytes { get; init; } = 1 * 1024 * 1024;
    /// <summary>Largest uploaded archive or snapshot.</summary>
    public long MaxUploadBytes { get; init; } = 50 * 1024 * 1024;
    public int MaxArchiveEntries { get; init; } = 20_000;
    public long MaxExtractedBytes { get; init; } = 500L * 1024 * 1024;

    /// <summary>Requests a minute per API key (or per client address without a key); a key may carry its own limit.</summary>
    public int RateLimitPerMinute { get; init; } = 600;
    /// <summary>Origins allowed by CORS. Empty (the default): no cross-origin access.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>JWT bearer settings; null turns JWT off (API keys only).</summary>
    public JwtSettings? Jwt { get; init; }
    /// <summary>StackExchange.Redis configuration string for the result cache; null: no cache.</summary>
    public string? Redis { get; init; }
    /// <summary>OTLP endpoint for OpenTelemetry traces and metrics; null: no exporter.</summary>
    public Uri? OtlpEndpoint { get; init; }
    /// <summary>How long a job fetched by a worker that stopped answering stays invisible (PostgreSQL queue).
    /// The timeout slides while the worker is alive, so long scans are not taken twice.</summary>
    public TimeSpan QueueInvisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Where the job queue lives: with the database (default) or in Redis (needs <see cref="Redis"/>).</summary>
    public QueueKind Queue { get; init; } = QueueKind.Database;
    /// <summary>Key prefix of the Redis queue, one per deployment (keep the braces: a Redis Cluster hash tag).</summary>
    public string QueuePrefix { get; init; } = "{mcp-sentinel}:";
    /// <summary>Redis queue: a job fetched this long ago is given to another worker even if its worker is alive
    /// (Redis storage does not slide it); a killed worker's job is taken over sooner, once its heartbeat is missing.</summary>
    public TimeSpan RedisQueueInvisibilityTimeout { get; init; } = TimeSpan.FromHours(3);
    /// <summary>The queue lives in this process's memory (SQLite without the Redis queue).</summary>
    public bool InMemoryQueue => Queue == QueueKind.Database && Database.Provider != DatabaseProvider.Postgres;
    /// <summary>How often idle workers poll the queue.</summary>
    public TimeSpan QueuePollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Write JSON logs to standard error (off in tests).</summary>
    public bool ConsoleLogs { get; init; } = true;
    /// <summary>Where the first admin key is printed, once.</summary>
    public TextWriter? Output { get; init; }
}
