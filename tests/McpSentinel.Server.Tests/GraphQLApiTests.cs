using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using McpSentinel.Server.Api;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Server.Tests;

/// <summary>GraphQL at /graphql (HTTP and graphql-transport-ws), against the real server.</summary>
[Trait("Category", "Integration")]
public sealed class GraphQLApiTests
{
    private static TempTree VulnerableTree() => new TempTree()
        .WithFile("server.py", "import subprocess\nfrom mcp.server.fastmcp import FastMCP\n\nmcp = FastMCP(\"demo\")\n\n@mcp.tool()\ndef run(command: str) -> str:\n    return subprocess.check_output(command, shell=True).decode()\n")
        .WithFile("more.py", "def evaluate(expression):\n    return eval(expression)\n");

    private static async Task<JsonElement> PostAsync(HttpClient client, string query, object? variables = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string? ErrorCode(JsonElement result) =>
        result.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("extensions").GetProperty("code").GetString() : null;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task CreateScan_Subscribe_QueryFindings_Triage_MatchesRest(string provider)
    {
        using var tree = VulnerableTree();
        await using var server = await RunningServer.StartAsync(provider, o => o with { AllowedRoots = [tree.Root] });

        // a viewer may not create scans; nothing is queued
        var refused = await PostAsync(server.Viewer, "mutation($p: String!) { createScan(project: \"demo\", path: $p) { id } }", new { p = tree.Root });
        Assert.Equal("FORBIDDEN", ErrorCode(refused));
        Assert.Equal(0, (await server.Viewer.GetFromJsonAsync<PageDto<ScanDto>>("/api/v1/scans"))!.Total);

        var created = await PostAsync(server.Analyst, "mutation($p: String!) { createScan(project: \"demo\", path: $p) { id status } }", new { p = tree.Root });
        var id = created.GetProperty("data").GetProperty("createScan").GetProperty("id").GetString()!;
        Assert.Equal("queued", created.GetProperty("data").GetProperty("createScan").GetProperty("status").GetString());

        // follow it over the WebSocket until the server completes the subscription
        var statuses = await SubscribeAsync(server, server.AdminKey, id);
        Assert.NotEmpty(statuses);
        Assert.Equal("completed", statuses[^1].Status);
        Assert.Equal(100, statuses[^1].Percent);

        var rest = await ScanWaiter.WaitAsync(server.Viewer, Guid.Parse(id));
        var findings = await PostAsync(server.Viewer, "query($id: ID!) { scan(id: $id) { status summary { total } } findings(scanId: $id, limit: 1000) { total items { id fingerprint severity triage { state } } } }", new { id });
        var data = findings.GetProperty("data");
        Assert.Equal(rest.Summary!.Total, data.GetProperty("scan").GetProperty("summary").GetProperty("total").GetInt32());
        Assert.Equal(rest.Summary.Total, data.GetProperty("findings").GetProperty("total").GetInt32());
        Assert.True(rest.Summary.Total >= 2);
        var first = data.GetProperty("findings").GetProperty("items")[0];
        long findingId = first.GetProperty("id").GetInt64();

        const string triage = "mutation($s: ID!, $f: Long!) { triageFinding(scanId: $s, findingId: $f, state: \"accepted-risk\", comment: \"sandboxed\") { state comment by } }";
        Assert.Equal("FORBIDDEN", ErrorCode(await PostAsync(server.Viewer, triage, new { s = id, f = findingId })));
        var triaged = await PostAsync(server.Analyst, triage, new { s = id, f = findingId });
        Assert.Equal("accepted-risk", triaged.GetProperty("data").GetProperty("triageFinding").GetProperty("state").GetString());
        var restFindings = (await server.Viewer.GetFromJsonAsync<PageDto<FindingDto>>($"/api/v1/scans/{id}/findings?limit=1000"))!;
        Assert.Equal("accepted-risk", restFindings.Items.Single(f => f.Id == findingId).Triage.State);

        var badState = await PostAsync(server.Analyst, "mutation($s: ID!, $f: Long!) { triageFinding(scanId: $s, findingId: $f, state: \"ignored\") { state } }", new { s = id, f = findingId });
        Assert.Equal("BAD_REQUEST", ErrorCode(badState));
        var unknown = await PostAsync(server.Viewer, "query($id: ID!) { scan(id: $id) { id } }", new { id = Guid.NewGuid() });
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("data").GetProperty("scan").ValueKind);
    }

    [Fact]
    public async Task Requests_Malformed_OutsideRoots_AndAnonymous_AreRefused()
    {
        using var allowed = VulnerableTree();
        using var outside = VulnerableTree();
        await using var server = await RunningServer.StartAsync("sqlite", o => o with { AllowedRoots = [allowed.Root] });

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anonymous.PostAsJsonAsync("/graphql", new { query = "{ projects { id } }" })).StatusCode);
        var notJson = await server.Viewer.PostAsync("/graphql", new StringContent("not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("application/problem+json", notJson.Content.Headers.ContentType?.MediaType);
        var syntax = await PostAsync(server.Viewer, "{ projects { id ", expected: HttpStatusCode.BadRequest);
        Assert.True(syntax.GetProperty("errors").GetArrayLength() > 0);
        var unknownField = await PostAsync(server.Viewer, "{ secrets { value } }", expected: HttpStatusCode.BadRequest);
        Assert.True(unknownField.GetProperty("errors").GetArrayLength() > 0);

        var escape = await PostAsync(server.Analyst, "mutation($p: String!) { createScan(project: \"demo\", path: $p) { id } }", new { p = outside.Root });
        Assert.Equal("FORBIDDEN", ErrorCode(escape));
        var both = await PostAsync(server.Analyst, "mutation($p: String!) { createScan(project: \"demo\", path: $p, snapshot: \"{}\") { id } }", new { p = allowed.Root });
        Assert.Equal("BAD_REQUEST", ErrorCode(both));
        var paging = await PostAsync(server.Viewer, "{ scans(limit: 100000) { total } }");
        Assert.Equal("BAD_REQUEST", ErrorCode(paging));
        Assert.Equal(0, (await server.Viewer.GetFromJsonAsync<PageDto<ScanDto>>("/api/v1/scans"))!.Total);

        // too deep a query is refused before it runs
        var deep = "{ scans { items { progress { filesDone } summary { total } " + string.Concat(Enumerable.Repeat("__typename ", 3)) + "} } }";
        Assert.False((await PostAsync(server.Viewer, deep)).TryGetProperty("errors", out _));
        var nested = "{ __schema { types { fields { type " + string.Concat(Enumerable.Repeat("{ ofType ", 12)) + "{ name }" + new string('}', 12) + " } } } }";
        Assert.True((await PostAsync(server.Viewer, nested, expected: HttpStatusCode.BadRequest)).GetProperty("errors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task WebSocket_ProtocolRules_AreEnforced()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var uri = new Uri(server.Address, "/graphql").ToString().Replace("http://", "ws://", StringComparison.Ordinal);

        // no key: the upgrade is refused
        using (var anonymous = new ClientWebSocket())
        {
            anonymous.Options.AddSubProtocol("graphql-transport-ws");
            var ex = await Assert.ThrowsAsync<WebSocketException>(() => anonymous.ConnectAsync(new Uri(uri), CancellationToken.None));
            Assert.Contains("401", ex.Message, StringComparison.Ordinal);
        }

        // subscribe before connection_init: closed with 4401
        using (var early = await ConnectAsync(uri, server.AdminKey))
        {
            await SendAsync(early, new { type = "subscribe", id = "1", payload = new { query = "{ projects { id } }" } });
            var (_, close) = await ReceiveAsync(early);
            Assert.Equal(4401, (int?)close);
        }

        // a second connection_init: closed with 4429; a query over the socket answers next + complete
        using (var socket = await ConnectAsync(uri, server.AdminKey))
        {
            await SendAsync(socket, new { type = "connection_init" });
            Assert.Equal("connection_ack", (await ReceiveAsync(socket)).Message!.Value.GetProperty("type").GetString());
            await SendAsync(socket, new { type = "ping" });
            Assert.Equal("pong", (await ReceiveAsync(socket)).Message!.Value.GetProperty("type").GetString());
            await SendAsync(socket, new { type = "subscribe", id = "q", payload = new { query = "{ projects { id } }" } });
            var next = (await ReceiveAsync(socket)).Message!.Value;
            Assert.Equal("next", next.GetProperty("type").GetString());
            Assert.Equal(0, next.GetProperty("payload").GetProperty("data").GetProperty("projects").GetArrayLength());
            Assert.Equal("complete", (await ReceiveAsync(socket)).Message!.Value.GetProperty("type").GetString());
            await SendAsync(socket, new { type = "subscription-please" });
            Assert.Equal(4400, (int?)(await ReceiveAsync(socket)).Close);
        }
    }

    private sealed record Progress(string Status, int Percent);

    private static async Task<List<Progress>> SubscribeAsync(RunningServer server, string key, string scanId)
    {
        var uri = new Uri(server.Address, "/graphql").ToString().Replace("http://", "ws://", StringComparison.Ordinal);
        using var socket = await ConnectAsync(uri, key);
        await SendAsync(socket, new { type = "connection_init" });
        Assert.Equal("connection_ack", (await ReceiveAsync(socket)).Message!.Value.GetProperty("type").GetString());
        await SendAsync(socket, new
        {
            type = "subscribe", id = "s1",
            payload = new { query = "subscription($id: ID!) { scanProgress(id: $id) { status progress { percent } } }", variables = new { id = scanId } },
        });
        var seen = new List<Progress>();
        while (true)
        {
            var (message, close) = await ReceiveAsync(socket);
            Assert.True(message is not null, $"socket closed ({close}) before the subscription completed");
            var type = message.Value.GetProperty("type").GetString();
            if (type == "complete") break;
            Assert.Equal("next", type);
            Assert.Equal("s1", message.Value.GetProperty("id").GetString());
            var scan = message.Value.GetProperty("payload").GetProperty("data").GetProperty("scanProgress");
            seen.Add(new Progress(scan.GetProperty("status").GetString()!, scan.GetProperty("progress").GetProperty("percent").GetInt32()));
        }
        return seen;
    }

    private static async Task<ClientWebSocket> ConnectAsync(string uri, string key)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        socket.Options.SetRequestHeader("X-Api-Key", key);
        await socket.ConnectAsync(new Uri(uri), CancellationToken.None);
        Assert.Equal("graphql-transport-ws", socket.SubProtocol);
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<(JsonElement? Message, WebSocketCloseStatus? Close)> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) return (null, result.CloseStatus);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return (JsonDocument.Parse(message.ToArray()).RootElement.Clone(), null);
        }
    }
}
