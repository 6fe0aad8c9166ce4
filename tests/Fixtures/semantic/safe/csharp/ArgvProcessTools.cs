using System.ComponentModel;
using System.Diagnostics;
using ModelContextProtocol.Server;

namespace GitServer;

[McpServerToolType]
public static class GitTools
{
    [McpServerTool, Description("Show the log of a ref.")]
    public static string Log(string reference, int count)
    {
        // Each value is one argv element: no shell parses it.
        var psi = new ProcessStartInfo("git") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("log");
        psi.ArgumentList.Add("-n");
        psi.ArgumentList.Add(count.ToString());
        psi.ArgumentList.Add("--end-of-options");
        psi.ArgumentList.Add(reference);
        using var process = Process.Start(psi)!;
        return process.StandardOutput.ReadToEnd();
    }

    [McpServerTool, Description("Show a file at a ref.")]
    public static string Show(string reference, string path)
    {
        using var process = Process.Start("git", ["show", "--end-of-options", reference + ":" + path])!;
        return process.StandardOutput.ReadToEnd();
    }

    [McpServerTool, Description("Disk usage.")]
    public static string DiskUsage()
    {
        using var process = Process.Start("bash", "-c \"df -h / && uptime\"")!;
        return process.StandardOutput.ReadToEnd();
    }

    [McpServerTool, Description("Status with an argument list.")]
    public static string Status(string path)
    {
        var psi = new ProcessStartInfo { FileName = "git", ArgumentList = { "status", "--short", "--", path } };
        using var process = Process.Start(psi)!;
        return process.StandardOutput.ReadToEnd();
    }
}
