using System.CommandLine;
using McpSentinel.Server;

namespace McpSentinel.Cli.Commands;

/// <summary><c>mcp-sentinel worker</c>: take scan jobs from the shared PostgreSQL queue.</summary>
public static class WorkerCommand
{
    public static Command Create(CliConsole console)
    {
        var inputs = new ServerInputs();
        var command = new Command("worker", "Run a worker that takes scans from the server's PostgreSQL queue (start as many as you like, on any machine that reaches the database).");
        inputs.AddTo(command);
        command.SetAction(parse =>
        {
            var options = inputs.Resolve(parse, console);
            if (options.Database.Provider != Storage.DatabaseProvider.Postgres)
                throw new UsageException("a worker needs the shared queue: --database postgres:CONNECTION-STRING (or MCP_SENTINEL_DATABASE)");
            console.Error.WriteLine($"mcp-sentinel worker: {options.Database.Describe()}, {options.WorkerCount} scan(s) at a time");
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
