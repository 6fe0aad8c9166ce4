using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace McpSentinel.Storage;

/// <summary>Creates contexts for the configured provider and brings the schema up to date.</summary>
public sealed class SentinelDbFactory
{
    private readonly DbContextOptions<SqliteSentinelDb>? _sqlite;
    private readonly DbContextOptions<PostgresSentinelDb>? _postgres;

    public SentinelDbFactory(DatabaseTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
        if (target.Provider == DatabaseProvider.Sqlite)
            _sqlite = new DbContextOptionsBuilder<SqliteSentinelDb>().UseSqlite(target.ConnectionString).Options;
        else
            _postgres = new DbContextOptionsBuilder<PostgresSentinelDb>().UseNpgsql(target.ConnectionString).Options;
    }

    public DatabaseTarget Target { get; }

    public SentinelDb CreateDbContext() => _sqlite is not null ? new SqliteSentinelDb(_sqlite) : new PostgresSentinelDb(_postgres!);

    /// <summary>Creates the SQLite folder, applies pending migrations (EF takes a lock, so concurrent starts are safe),
    /// and turns on SQLite's write-ahead log so readers do not block the writer.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (Target.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(Target.ConnectionString).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir) Directory.CreateDirectory(dir);
        }
        await using var db = CreateDbContext();
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (Target.Provider == DatabaseProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        await using var db = CreateDbContext();
        return await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false);
    }
}
