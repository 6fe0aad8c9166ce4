using Microsoft.EntityFrameworkCore;

namespace McpSentinel.Storage;

/// <summary>PostgreSQL, for teams: the store shared by the server and every worker.</summary>
public sealed class PostgresSentinelDb(DbContextOptions<PostgresSentinelDb> options) : SentinelDb(options);
