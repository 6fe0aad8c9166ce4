namespace McpSentinel.Server.Queue;

/// <summary>Where Hangfire keeps the job queue (<c>--queue</c>).</summary>
public enum QueueKind
{
    /// <summary>With the database: PostgreSQL's <c>hangfire</c> schema, or in memory with SQLite.</summary>
    Database,
    /// <summary>In Redis (the <c>--redis</c> connection), under <see cref="ServerOptions.QueuePrefix"/>.</summary>
    Redis,
}
