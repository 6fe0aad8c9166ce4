// A multi-tool workspace server in the style of the public C# MCP SDK samples and community servers: DI services,
// HttpClient, options, an ASP.NET Core host with an extra HTTP endpoint. Every tool input reaches a sink, and every sink
// is argv, contained, parameterised or fixed-origin.
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace Workspace.Mcp;

public sealed class WorkspaceOptions
{
    public string Root { get; set; } = "/workspace";
}

[McpServerToolType]
public sealed class WorkspaceTools(IOptions<WorkspaceOptions> options, IHttpClientFactory httpClientFactory, ILogger<WorkspaceTools> logger)
{
    private readonly string _root = Path.GetFullPath(options.Value.Root);

    private string Resolve(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && full != _root)
            throw new UnauthorizedAccessException($"'{relative}' is outside the workspace");
        return full;
    }

    [McpServerTool(Name = "read_file", ReadOnly = true), Description("Read a UTF-8 text file from the workspace.")]
    public string ReadFile([Description("Path relative to the workspace root")] string path)
    {
        var full = Resolve(path);
        logger.LogInformation("reading {Path}", full);
        return File.ReadAllText(full, Encoding.UTF8);
    }

    [McpServerTool(Name = "list_directory", ReadOnly = true), Description("List the entries of a workspace folder.")]
    public IEnumerable<string> ListDirectory([Description("Folder relative to the workspace root")] string path = ".")
    {
        var full = Resolve(path);
        return Directory.EnumerateFileSystemEntries(full).Select(e => Path.GetRelativePath(_root, e));
    }

    [McpServerTool(Name = "write_file"), Description("Create or overwrite a text file in the workspace.")]
    public async Task<string> WriteFileAsync(string path, string content, CancellationToken cancellationToken)
    {
        var full = Resolve(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, content, cancellationToken);
        return $"wrote {content.Length} characters";
    }

    [McpServerTool(Name = "run_tests"), Description("Run `dotnet test` for a project in the workspace.")]
    public async Task<string> RunTestsAsync([Description("Project path")] string project, [Description("Test filter")] string? filter, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("test");
        psi.ArgumentList.Add(Resolve(project));
        if (!string.IsNullOrEmpty(filter))
        {
            psi.ArgumentList.Add("--filter");
            psi.ArgumentList.Add(filter);
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return output;
    }

    [McpServerTool(Name = "package_info", ReadOnly = true), Description("Look up a NuGet package's versions.")]
    public async Task<string> PackageInfoAsync([Description("Package id")] string id, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient("nuget");
        var url = $"https://api.nuget.org/v3-flatcontainer/{Uri.EscapeDataString(id.ToLowerInvariant())}/index.json";
        using var response = await client.GetAsync(url, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return document.RootElement.GetProperty("versions").ToString();
    }

    [McpServerTool(Name = "search_notes", ReadOnly = true), Description("Search the workspace notes database.")]
    public async Task<IReadOnlyList<string>> SearchNotesAsync(string term, int limit, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_root, "notes.db")}");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT title FROM notes WHERE body LIKE $term ORDER BY updated DESC LIMIT $limit";
        command.Parameters.AddWithValue("$term", "%" + term + "%");
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, 100));
        var titles = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) titles.Add(reader.GetString(0));
        return titles;
    }

    [McpServerTool(Name = "git_branch"), Description("Create a git branch.")]
    public string GitBranch(string name)
    {
        using var process = Process.Start("git", ["-C", _root, "switch", "-c", name])!;
        process.WaitForExit();
        return process.ExitCode == 0 ? $"switched to {name}" : "git failed";
    }
}

public static class WorkspaceEndpoints
{
    public static void MapWorkspaceEndpoints(this WebApplication app)
    {
        app.MapGet("/health", () => Results.Ok("ok"));
        app.MapGet("/notes/{id:int}", (int id, [FromServices] WorkspaceTools tools) => Results.Ok(id));
    }
}
