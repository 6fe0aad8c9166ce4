using System.CommandLine;
using McpSentinel.Core.Scanning;

namespace McpSentinel.Cli.Commands;

public static class VersionCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("version", "Print the version.");
        command.SetAction(_ =>
        {
            console.Out.WriteLine("mcp-sentinel " + Scanner.ToolVersion);
            return ExitCodes.Clean;
        });
        return command;
    }
}
