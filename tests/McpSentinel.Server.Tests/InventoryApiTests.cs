using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McpSentinel.Server.Api;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Server.Tests;

/// <summary>The server inventory (/api/v1/servers, GraphQL servers/server) end to end: scans of a tree with client
/// configuration files, pins and drift, against the real server with SQLite and with PostgreSQL.</summary>
[Trait("Category", "Integration")]
public sealed class InventoryApiTests
{
    private const string EnvSecret = "ghp_Q7wE9rT1yU3iO5pA7sD9fG1hJ3kL5zX7cV9b";
    private const string ArgSecret = "Zx9Qw7Er5Ty3Ui1OpLk2";

    private static string CursorConfig(string version) => $$"""
        {
          "mcpServers": {
            "github": {
              "command": "npx",
              "args": ["-y", "@modelcontextprotocol/server-github@{{version}}", "--api-key={{ArgSecret}}"],
              "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "{{EnvSecret}}" }
            },
            "docs": { "url": "https://mcp.example.com/mcp" }
          }
        }
        """;

    private static async Task<ScanDto> ScanAsync(RunningServer server, string project, string root)
    {
        var submitted = await ScanWaiter.SubmitPathAsync(server.Analyst, project, root);
        var scan = await ScanWaiter.WaitAsync(server.Viewer, submitted.Id);
        Assert.Equal("completed", scan.Status);
        return scan;
    }

    /// <summary>The inventory is written before the scan is marked completed; the poll only guards against a slow read.</summary>
    private static async Task<PageDto<ServerDto>> ServersSeenByAsync(RunningServer server, Guid projectId, Guid scanId, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var page = (await server.Viewer.GetFromJsonAsync<PageDto<ServerDto>>($"/api/v1/servers?project={projectId}"))!;
            if (page.Items.Count(s => s.LastScanId == scanId) >= expected || DateTime.UtcNow > deadline) return page;
            await Task.Delay(200);
        }
    }

    private static void AssertNoSecret(string json)
    {
        Assert.DoesNotContain(EnvSecret, json, StringComparison.Ordinal);
        Assert.DoesNotContain(EnvSecret[..12], json, StringComparison.Ordinal);
        Assert.DoesNotContain(ArgSecret, json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Scan_TreeWithClientConfig_InventoriesServersPinsAndDetectsDrift(string provider)
    {
        using var tree = new TempTree().WithFile(".cursor/mcp.json", CursorConfig("1.2.3")).WithFile("README.md", "# demo\n");
        await using var server = await RunningServer.StartAsync(provider, o => o with { AllowedRoots = [tree.Root] });

        var first = await ScanAsync(server, "inventory", tree.Root);
        var page = await ServersSeenByAsync(server, first.ProjectId, first.Id, 2);
        Assert.Equal(2, page.Total);
        var github = Assert.Single(page.Items, s => s.Name == "github");
        var docs = Assert.Single(page.Items, s => s.Name == "docs");
        Assert.Equal("config", github.Origin);
        Assert.Equal("npx", github.Launcher);
        Assert.Equal("stdio", github.Transport);
        Assert.Equal("@modelcontextprotocol/server-github", github.Package);
        Assert.Equal("1.2.3", github.Version);
        Assert.Equal(".cursor/mcp.json", github.SourceFile);
        Assert.Equal(3, github.SourceLine); // the line of the "github" key
        Assert.Contains("npx -y @modelcontextprotocol/server-github@1.2.3 --api-key=", github.Command, StringComparison.Ordinal);
        Assert.Equal("remote", docs.Launcher);
        Assert.Equal("https://mcp.example.com/mcp", docs.Url);
        Assert.NotEqual("stdio", docs.Transport);
        Assert.False(github.Pinned);
        Assert.False(github.Drifted);

        // filters
        Assert.Equal(1, (await server.Viewer.GetFromJsonAsync<PageDto<ServerDto>>("/api/v1/servers?transport=stdio"))!.Total);
        Assert.Equal(1, (await server.Viewer.GetFromJsonAsync<PageDto<ServerDto>>("/api/v1/servers?name=docs"))!.Total);
        Assert.Equal(0, (await server.Viewer.GetFromJsonAsync<PageDto<ServerDto>>($"/api/v1/servers?project={Guid.NewGuid()}"))!.Total);
        Assert.Single((await server.Viewer.GetFromJsonAsync<PageDto<ServerDto>>("/api/v1/servers?limit=1"))!.Items);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Viewer.GetAsync("/api/v1/servers?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Viewer.GetAsync($"/api/v1/servers/{Guid.NewGuid()}")).StatusCode);

        // a second scan of the same tree: last seen moves, no duplicate
        var second = await ScanAsync(server, "inventory", tree.Root);
        page = await ServersSeenByAsync(server, first.ProjectId, second.Id, 2);
        Assert.Equal(2, page.Total);
        var again = Assert.Single(page.Items, s => s.Name == "github");
        Assert.Equal(github.Id, again.Id);
        Assert.Equal(github.FirstSeen, again.FirstSeen);
        Assert.True(again.LastSeen >= github.LastSeen);
        Assert.Equal(second.Id, again.LastScanId);
        var detail = (await server.Viewer.GetFromJsonAsync<ServerDetailDto>($"/api/v1/servers/{github.Id}"))!;
        Assert.Equal(new[] { first.Id, second.Id }.Order(), detail.Scans.Select(x => x.ScanId).Order());

        // pin (analyst only), then change the version and scan again: drifted
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Viewer.PutAsync($"/api/v1/servers/{github.Id}/pin", null)).StatusCode);
        var pinned = (await (await server.Analyst.PutAsync($"/api/v1/servers/{github.Id}/pin", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ServerDto>())!;
        Assert.True(pinned.Pinned);
        Assert.False(pinned.Drifted);
        File.WriteAllText(tree.PathOf(".cursor/mcp.json"), CursorConfig("1.3.0"));
        var third = await ScanAsync(server, "inventory", tree.Root);
        await ServersSeenByAsync(server, first.ProjectId, third.Id, 2);
        var drifted = (await server.Viewer.GetFromJsonAsync<ServerDetailDto>($"/api/v1/servers/{github.Id}"))!.Server;
        Assert.Equal("1.3.0", drifted.Version);
        Assert.True(drifted.Pinned);
        Assert.True(drifted.Drifted);
        var docsNow = (await server.Viewer.GetFromJsonAsync<ServerDetailDto>($"/api/v1/servers/{docs.Id}"))!.Server;
        Assert.False(docsNow.Pinned);
        Assert.False(docsNow.Drifted);

        // re-pinning approves the new version; removing the pin clears both flags
        var repinned = (await (await server.Analyst.PutAsync($"/api/v1/servers/{github.Id}/pin", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ServerDto>())!;
        Assert.False(repinned.Drifted);
        var unpinned = (await (await server.Analyst.DeleteAsync($"/api/v1/servers/{github.Id}/pin")).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ServerDto>())!;
        Assert.False(unpinned.Pinned);
        Assert.False(unpinned.Drifted);
        var audit = await server.Admin.GetStringAsync("/api/v1/audit?action=server.pin");
        Assert.Contains(github.Id.ToString(), audit, StringComparison.Ordinal);
        Assert.Contains(github.Id.ToString(), await server.Admin.GetStringAsync("/api/v1/audit?action=server.unpin"), StringComparison.Ordinal);

        // GraphQL returns the same servers
        var gql = await server.Viewer.PostAsJsonAsync("/graphql", new
        {
            query = "query($p: ID) { servers(projectId: $p) { total items { id name version transport command drifted pinned } } }",
            variables = new { p = first.ProjectId },
        });
        var gqlText = await gql.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, gql.StatusCode);
        using var doc = JsonDocument.Parse(gqlText);
        var items = doc.RootElement.GetProperty("data").GetProperty("servers").GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, doc.RootElement.GetProperty("data").GetProperty("servers").GetProperty("total").GetInt32());
        Assert.Equal(new[] { docs.Id, github.Id }.Select(g => g.ToString()).Order(StringComparer.Ordinal), items.Select(i => i.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        var one = await server.Viewer.PostAsJsonAsync("/graphql", new { query = "query($id: ID!) { server(id: $id) { name version } }", variables = new { id = github.Id } });
        var oneText = await one.Content.ReadAsStringAsync();
        Assert.Contains("\"version\":\"1.3.0\"", oneText, StringComparison.Ordinal);

        // the secrets never appear in any answer
        AssertNoSecret(await server.Viewer.GetStringAsync("/api/v1/servers"));
        AssertNoSecret(await server.Viewer.GetStringAsync($"/api/v1/servers/{github.Id}"));
        AssertNoSecret(gqlText);
        AssertNoSecret(oneText);
    }
}
