using System.CommandLine;
using McpSentinel.Cli.Commands;
using McpSentinel.Core.Configuration;

namespace McpSentinel.Cli;

/// <summary>The command tree. Each verb lives in its own *Command class; this file only wires them.</summary>
public static class CliApp
{
    public static int Run(string[] args, CliConsole console)
    {
        var root = new RootCommand("MCP Sentinel: security scanner for Model Context Protocol (MCP) servers: source code, client configurations, live surfaces and dependencies.");
        root.Subcommands.Add(ScanCommand.Create(console));
        root.Subcommands.Add(ReportCommand.Create(console));
        root.Subcommands.Add(RulesCommand.Create(console));
        root.Subcommands.Add(BaselineCommand.Create(console));
        root.Subcommands.Add(DiscoverCommand.Create(console));
        root.Subcommands.Add(IntelCommand.Create(console));
        root.Subcommands.Add(BomCommand.Create(console));
        root.Subcommands.Add(VersionCommand.Create(console));
        root.Subcommands.Add(RecordCommand.Create(console));
        root.Subcommands.Add(PinCommand.Create(console));
        root.Subcommands.Add(ServerCommand.Create(console));
        root.Subcommands.Add(WorkerCommand.Create(console));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) console.Error.WriteLine("error: " + error.Message);
            console.Error.WriteLine("Run 'mcp-sentinel --help' (or 'mcp-sentinel <command> --help') for usage.");
            return ExitCodes.UsageError;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException ex)
        {
            console.Error.WriteLine("error: " + ex.Message);
            return ExitCodes.UsageError;
        }
        catch (ConfigException ex)
        {
            console.Error.WriteLine("error: " + ex.Message);
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("cancelled: the scan did not finish");
            return ExitCodes.Incomplete;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine("error: " + ex.Message);
            return ExitCodes.UsageError;
        }
        catch (Exception ex)
        {
            // never a crash code: an internal error leaves the result unknown, which is an incomplete run
            console.Error.WriteLine($"internal error: {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.Incomplete;
        }
    }
}
