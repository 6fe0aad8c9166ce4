namespace McpSentinel.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
