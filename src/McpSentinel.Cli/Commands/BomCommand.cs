using System.CommandLine;
using McpSentinel.Core.Deps;
using McpSentinel.Core.Discovery;
using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using McpSentinel.Reporting;

namespace McpSentinel.Cli.Commands;

/// <summary><c>mcp-sentinel bom [PATH]</c>: a CycloneDX 1.6 JSON bill of materials of the packages the project's
/// manifests and lock files declare, with purls, pinning and known vulnerabilities.</summary>
public static class BomCommand
{
    public static Command Create(CliConsole console)
    {
        var target = new Argument<string?>("path") { Description = "Project directory or manifest (default: the current directory).", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--output", "-o") { Description = "Write the BOM to this file instead of standard output." };
        var mcpOnly = new Option<bool>("--mcp-only") { Description = "Only MCP-related packages (well-known MCP packages and names containing 'mcp')." };
        var command = new Command("bom", "Write a CycloneDX 1.6 SBOM of the packages declared by the project's manifests and lock files.") { target, output, mcpOnly };
        command.SetAction(parse =>
        {
            var path = Path.GetFullPath(Path.Combine(console.WorkingDirectory, parse.GetValue(target) ?? "."));
            if (!Directory.Exists(path) && !File.Exists(path)) throw new UsageException($"not found: {path}");
            var diagnostics = new List<ScanDiagnostic>();
            var manifests = DependencyCollector.Collect([path], new DiscoveryOptions(), diagnostics.Add, console.Cancellation);
            var components = BomBuilder.Build(manifests, IntelCommand.LoadAdvisories(console));
            if (parse.GetValue(mcpOnly)) components = components.Where(c => c.McpRelated).ToArray();
            foreach (var d in diagnostics) console.Error.WriteLine($"warning: {d.Path}: {d.Message}");
            var subject = Directory.Exists(path) ? new DirectoryInfo(path).Name : Path.GetFileName(path);
            if (parse.GetValue(output) is { } file)
            {
                var full = Path.GetFullPath(Path.Combine(console.WorkingDirectory, file));
                using var stream = File.Create(full);
                CycloneDxWriter.Write(stream, components, Scanner.ToolVersion, subject, DateTimeOffset.UtcNow, Guid.NewGuid());
                console.Error.WriteLine($"mcp-sentinel: {components.Count} component(s), {components.Sum(c => c.Advisories.Count)} known vulnerability match(es) written to {full}");
            }
            else
            {
                CycloneDxWriter.Write(console.StandardOutput, components, Scanner.ToolVersion, subject, DateTimeOffset.UtcNow, Guid.NewGuid());
                console.StandardOutput.Flush();
            }
            return diagnostics.Any(d => d.Incomplete) ? ExitCodes.Incomplete : ExitCodes.Clean;
        });
        return command;
    }
}
