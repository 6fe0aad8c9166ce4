using System.CommandLine;
using System.Globalization;
using McpSentinel.Core.Configuration;
using McpSentinel.Server;
using McpSentinel.Server.Queue;
using McpSentinel.Storage;

namespace McpSentinel.Cli.Commands;

/// <summary>The options of <c>server</c> and <c>worker</c>, and their resolution with environment variables
/// (MCP_SENTINEL_*): flags win over the environment.</summary>
public sealed class ServerInputs
{
    public Option<string?> Database { get; } = new("--database") { Description = "sqlite:PATH or postgres:CONNECTION-STRING (env MCP_SENTINEL_DATABASE). Default: SQLite in $XDG_DATA_HOME/mcp-sentinel or ~/.local/share/mcp-sentinel." };
    public Option<int?> Workers { get; } = new("--workers") { Description = "Scans run at the same time by this process's worker (default: half the processors, at least 1)." };
    public Option<string?> Redis { get; } = new("--redis") { Description = "Redis for the result cache, e.g. localhost:6379 (env MCP_SENTINEL_REDIS)." };
    public Option<string?> Queue { get; } = new("--queue") { Description = "Where the job queue lives: database (default: PostgreSQL, or in memory with SQLite) or redis (the --redis connection; results stay in the database) (env MCP_SENTINEL_QUEUE)." };
    public Option<string?> QueuePrefix { get; } = new("--queue-prefix") { Description = "Key prefix of the Redis queue, one per deployment (default {mcp-sentinel}:; env MCP_SENTINEL_QUEUE_PREFIX)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Database, Workers, Redis, Queue, QueuePrefix }) command.Options.Add(option);
    }

    public ServerOptions Resolve(ParseResult parse, CliConsole console)
    {
        var databaseText = parse.GetValue(Database) ?? Env("DATABASE");
        DatabaseTarget database;
        try { database = databaseText is null ? DatabaseTarget.Default() : DatabaseTarget.Parse(databaseText); }
        catch (FormatException ex) { throw new UsageException(ex.Message); }

        int? workers = parse.GetValue(Workers) ?? EnvInt("WORKERS");
        if (workers is < 1 or > 64) throw new UsageException("--workers must be between 1 and 64");

        JwtSettings? jwt = null;
        if (Env("JWT_AUTHORITY") is not null || Env("JWT_SIGNING_KEY") is not null)
        {
            jwt = new JwtSettings
            {
                Authority = Env("JWT_AUTHORITY"),
                Issuer = Env("JWT_ISSUER"),
                Audience = Env("JWT_AUDIENCE"),
                RoleClaim = Env("JWT_ROLE_CLAIM") ?? "roles",
                SigningKeyBase64 = Env("JWT_SIGNING_KEY"),
                RequireHttpsMetadata = Env("JWT_REQUIRE_HTTPS") != "false",
            };
        }
        Uri? otlp = null;
        if ((Env("OTLP_ENDPOINT") ?? Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")) is { } o)
        {
            if (!Uri.TryCreate(o, UriKind.Absolute, out otlp)) throw new UsageException($"OTLP endpoint '{o}' is not an absolute URL");
        }
        var redis = parse.GetValue(Redis) ?? Env("REDIS");
        var queue = (parse.GetValue(Queue) ?? Env("QUEUE") ?? "database").Trim().ToLowerInvariant() switch
        {
            "database" => QueueKind.Database,
            "redis" => QueueKind.Redis,
            var other => throw new UsageException($"--queue: '{other}' is not one of database, redis"),
        };
        if (queue == QueueKind.Redis && redis is null)
            throw new UsageException("--queue redis needs a Redis connection: give --redis HOST:PORT (or MCP_SENTINEL_REDIS)");
        var prefix = parse.GetValue(QueuePrefix) ?? Env("QUEUE_PREFIX");
        if (prefix is not null && (prefix.Length is 0 or > 100 || prefix.Any(char.IsWhiteSpace)))
            throw new UsageException("--queue-prefix must be 1 to 100 characters without spaces, e.g. {mcp-sentinel}:");
        if (parse.GetValue(QueuePrefix) is not null && queue != QueueKind.Redis)
            throw new UsageException("--queue-prefix applies only to --queue redis");
        var options = new ServerOptions
        {
            Database = database,
            Redis = redis,
            Queue = queue,
            DataProtectionKeysFolder = Env("KEYS_DIR"),
            Jwt = jwt,
            OtlpEndpoint = otlp,
            Output = console.Out,
        };
        if (workers is { } w) options = options with { WorkerCount = w };
        if (prefix is not null) options = options with { QueuePrefix = prefix };
        if (EnvInt("QUEUE_INVISIBILITY_SECONDS") is { } inv) options = options with { QueueInvisibilityTimeout = TimeSpan.FromSeconds(Math.Max(5, inv)) };
        return options;
    }

    public static string? Env(string name) => Environment.GetEnvironmentVariable("MCP_SENTINEL_" + name) is { Length: > 0 } v ? v : null;

    public static int? EnvInt(string name)
    {
        if (Env(name) is not { } v) return null;
        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) throw new ConfigException($"MCP_SENTINEL_{name}: '{v}' is not a whole number");
        return n;
    }
}
