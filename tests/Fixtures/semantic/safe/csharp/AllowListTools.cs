using System.ComponentModel;
using System.Diagnostics;
using ModelContextProtocol.Server;

namespace OpsServer;

[McpServerToolType]
public static class OpsTools
{
    private static readonly HashSet<string> Services = ["nginx", "postgres", "redis"];
    private static readonly Dictionary<string, string> Reports = new()
    {
        ["disk"] = "df -h",
        ["memory"] = "free -m",
    };

    [McpServerTool, Description("Restart a known service.")]
    public static void Restart(string service)
    {
        if (!Services.Contains(service)) throw new ArgumentException("unknown service");
        Process.Start("bash", $"-c \"systemctl restart {service}\"");
    }

    [McpServerTool, Description("Run a named report.")]
    public static string Report(string name)
    {
        if (!Reports.TryGetValue(name, out var command)) return "unknown report";
        using var process = Process.Start("sh", "-c \"" + command + "\"")!;
        return process.StandardOutput.ReadToEnd();
    }

    [McpServerTool, Description("Set the log level.")]
    public static void Level(string level)
    {
        switch (level)
        {
            case "debug":
            case "info":
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(level));
        }
        Process.Start("bash", "-c \"logctl --level " + level + "\"");
    }

    [McpServerTool, Description("Tail a log.")]
    public static void Tail(string kind, string lines)
    {
        if (kind is "app" or "web")
        {
            var count = int.Parse(lines);
            Process.Start("bash", $"-c \"tail -n {count} /var/log/{kind}.log\"");
        }
    }
}
