using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace McpSentinel.Storage;

/// <summary>For <c>dotnet ef migrations add X --context SqliteSentinelDb --output-dir Migrations/Sqlite</c>.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSentinelDb>
{
    public SqliteSentinelDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSentinelDb>().UseSqlite("Data Source=design.db").Options);
}
