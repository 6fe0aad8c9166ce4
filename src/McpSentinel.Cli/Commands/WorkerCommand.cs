using System.CommandLine;
using McpSentinel.Server;

namespace McpSentinel.Cli.Commands;

/// <summary><c>mcp-sentinel worker</c>: take scan jobs from the shared queue (PostgreSQL or Redis).</summary>
public static class WorkerCommand
{
    public static Command Create(CliConsole console)
    {
        var inputs = new ServerInputs();
        var command = new Command("worker", "Run a worker that takes scans from the server's queue (PostgreSQL, or Redis with --queue redis) and stores results in its PostgreSQL database (start as many as you like).");
        inputs.AddTo(command);
        command.SetAction(parse =>
        {
            var options = inputs.Resolve(parse, console);
            if (options.Database.Provider != Storage.DatabaseProvider.Postgres)
                throw new UsageException("a worker needs the shared queue and a shared database for results: --database postgres:CONNECTION-STRING (or MCP_SENTINEL_DATABASE); with SQLite, --queue redis runs only inside the server");
            console.Error.WriteLine($"mcp-sentinel worker: {options.Database.Describe()}, queue in {(options.Queue == Server.Queue.QueueKind.Redis ? "Redis" : "the database")}, {options.WorkerCount} scan(s) at a time");
            try
            {
                SentinelWorker.RunAsync(options, console.Cancellation).GetAwaiter().GetResult();
            }
            catch (System.Data.Common.DbException ex)
            {
                throw new UsageException($"the database {options.Database.Describe()} cannot be used: {ex.Message}");
            }
            return ExitCodes.Clean;
        });
        return command;
    }
}
