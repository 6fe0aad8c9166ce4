namespace McpSentinel.Storage;

/// <summary>Which database to use: <c>sqlite:PATH</c> or <c>postgres:CONNECTION-STRING</c>.</summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>Parses the <c>--database</c> value; throws <see cref="FormatException"/> with a usable message.</summary>
    public static DatabaseTarget Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        string scheme = colon < 0 ? "" : value[..colon].ToLowerInvariant();
        string rest = colon < 0 ? "" : value[(colon + 1)..];
        switch (scheme)
        {
            case "sqlite":
                if (rest.Length == 0) throw new FormatException("--database sqlite: needs a file path (sqlite:/path/to/sentinel.db)");
                return ForSqliteFile(rest);
            case "postgres" or "postgresql":
                if (rest.Length == 0) throw new FormatException("--database postgres: needs a connection string (postgres:Host=...;Database=...;Username=...;Password=...)");
                return new DatabaseTarget(DatabaseProvider.Postgres, rest);
            default:
                throw new FormatException($"--database '{Redact(value)}' must start with sqlite: or postgres:");
        }
    }

    public static DatabaseTarget ForSqliteFile(string path)
    {
        var full = Path.GetFullPath(path);
        return new DatabaseTarget(DatabaseProvider.Sqlite, $"Data Source={full};Cache=Shared;Pooling=True;Default Timeout=30");
    }

    /// <summary>The default: <c>$XDG_DATA_HOME/mcp-sentinel/sentinel.db</c> or <c>~/.local/share/mcp-sentinel/sentinel.db</c>.</summary>
    public static DatabaseTarget Default() => ForSqliteFile(Path.Combine(DataDirectory(), "sentinel.db"));

    public static string DataDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(root, "mcp-sentinel");
    }

    /// <summary>For messages and logs: never the password.</summary>
    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? "sqlite:" + ConnectionString.Split(';')[0]["Data Source=".Length..]
        : "postgres:" + Redact(ConnectionString);

    private static string Redact(string connectionString) =>
        string.Join(';', connectionString.Split(';').Select(part =>
            part.TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase) ? part[..(part.IndexOf('=', StringComparison.Ordinal) + 1)] + "****" : part));
}
