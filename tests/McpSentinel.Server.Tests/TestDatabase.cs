using McpSentinel.Storage;
using Npgsql;

namespace McpSentinel.Server.Tests;

/// <summary>A database of its own for one test: a fresh SQLite file, or a fresh PostgreSQL database on the server
/// named by MCP_SENTINEL_TEST_POSTGRES (default: postgres/postgres on 127.0.0.1:5432), dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "MCP_SENTINEL_TEST_POSTGRES";
    private readonly string? _sqliteDir;
    private readonly string? _pgName;

    private TestDatabase(DatabaseTarget target, string? sqliteDir, string? pgName)
    {
        Target = target;
        _sqliteDir = sqliteDir;
        _pgName = pgName;
    }

    public DatabaseTarget Target { get; }

    public static string PostgresAdminConnection =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } v ? v : "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == "sqlite")
        {
            var dir = Path.Combine(Path.GetTempPath(), "mcp-sentinel-server-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return new TestDatabase(DatabaseTarget.ForSqliteFile(Path.Combine(dir, "sentinel.db")), dir, null);
        }
        var name = "mcps_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var conn = new NpgsqlConnection(PostgresAdminConnection))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(PostgresAdminConnection) { Database = name };
        return new TestDatabase(new DatabaseTarget(DatabaseProvider.Postgres, builder.ConnectionString), null, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteDir is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_sqliteDir, recursive: true); } catch (IOException) { }
        }
        if (_pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(PostgresAdminConnection);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
