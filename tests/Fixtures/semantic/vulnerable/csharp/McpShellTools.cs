using System.ComponentModel;
using System.Diagnostics;
using ModelContextProtocol.Server;

namespace ShellServer;

[McpServerToolType]
public static class ShellTools
{
    [McpServerTool, Description("Run a shell command and return its output.")]
    public static string Run([Description("The command line")] string command)
    {
        var process = Process.Start("bash", $"-c \"{command}\""); // EXPECT: MCP-TAINT-CMD-001
        process!.WaitForExit();
        return process.StandardOutput.ReadToEnd();
    }

    [McpServerTool(Name = "ping"), Description("Ping a host.")]
    public static async Task<string> Ping(string host, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo
        {
            FileName = "/bin/sh",
            Arguments = "-c 'ping -c 1 " + host + "'", // EXPECT: MCP-TAINT-CMD-001
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(psi)!;
        await process.WaitForExitAsync(cancellationToken);
        return await process.StandardOutput.ReadToEndAsync(cancellationToken);
    }

    [McpServerTool, Description("Start a program.")]
    public static int Launch(string program, string arguments)
    {
        using var process = Process.Start(program, arguments); // EXPECT: MCP-TAINT-CMD-001
        return process.Id;
    }

    [McpServerTool, Description("Run a script with cmd.")]
    public static string Script(string script)
    {
        ProcessStartInfo psi = new("cmd.exe");
        psi.Arguments = "/c " + script; // EXPECT: MCP-TAINT-CMD-001
        psi.UseShellExecute = false;
        using var process = Process.Start(psi)!;
        return process.StandardOutput.ReadToEnd();
    }
}
