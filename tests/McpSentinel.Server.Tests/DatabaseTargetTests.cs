using McpSentinel.Storage;
using Xunit;

namespace McpSentinel.Server.Tests;

public sealed class DatabaseTargetTests
{
    [Fact]
    public void Parse_SqliteAndPostgres_ProviderAndRedactedDescription()
    {
        var sqlite = DatabaseTarget.Parse("sqlite:/tmp/x/sentinel.db");
        Assert.Equal(DatabaseProvider.Sqlite, sqlite.Provider);
        Assert.Equal("sqlite:/tmp/x/sentinel.db", sqlite.Describe());
        var pg = DatabaseTarget.Parse("postgres:Host=db;Database=s;Username=u;Password=hunter2");
        Assert.Equal(DatabaseProvider.Postgres, pg.Provider);
        Assert.DoesNotContain("hunter2", pg.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql:x")]
    [InlineData("sqlite:")]
    [InlineData("postgres:")]
    [InlineData("just-a-path.db")]
    public void Parse_Invalid_FormatExceptionWithoutThePassword(string value)
    {
        var ex = Assert.Throws<FormatException>(() => DatabaseTarget.Parse(value));
        Assert.Contains("--database", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_UsesXdgDataHome()
    {
        var old = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        try
        {
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", "/tmp/xdg-test");
            Assert.Equal("sqlite:/tmp/xdg-test/mcp-sentinel/sentinel.db", DatabaseTarget.Default().Describe());
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", old);
        }
    }
}
