using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace McpSentinel.Storage;

/// <summary>SQLite (the zero-setup default). Times are stored as sortable integers, since SQLite cannot order
/// DateTimeOffset text.</summary>
public sealed class SqliteSentinelDb(DbContextOptions<SqliteSentinelDb> options) : SentinelDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
