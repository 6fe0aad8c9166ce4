using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace McpSentinel.Storage;

/// <summary>For <c>dotnet ef migrations add X --context PostgresSentinelDb --output-dir Migrations/Postgres</c>.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSentinelDb>
{
    public PostgresSentinelDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSentinelDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
