using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Xunit;

namespace McpSentinel.Server.Tests;

/// <summary>Walks every endpoint the server maps (read from its EndpointDataSource, so a new endpoint cannot be
/// missed) with no key and with each role, against the minimum role this table expects. An endpoint missing from
/// the table fails the test until someone decides who may call it.</summary>
public sealed class AuthorizationTests
{
    private const string Anyone = "anonymous";

    private static readonly Dictionary<string, string> MinimumRole = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/scans/"] = "analyst",
        ["POST /api/v1/scans/archive"] = "analyst",
        ["GET /api/v1/scans/"] = "viewer",
        ["GET /api/v1/scans/{id:guid}"] = "viewer",
        ["POST /api/v1/scans/{id:guid}/cancel"] = "analyst",
        ["GET /api/v1/scans/{id:guid}/findings"] = "viewer",
        ["PUT /api/v1/scans/{id:guid}/findings/{findingId:long}/triage"] = "analyst",
        ["GET /api/v1/scans/{id:guid}/report"] = "viewer",
        ["GET /api/v1/scans/{id:guid}/compare/{baseId:guid}"] = "viewer",
        ["GET /api/v1/projects/"] = "viewer",
        ["GET /api/v1/projects/{id:guid}/trends"] = "viewer",
        ["GET /api/v1/rules"] = "viewer",
        ["GET /api/v1/webhooks/"] = "admin",
        ["POST /api/v1/webhooks/"] = "admin",
        ["GET /api/v1/webhooks/{id:guid}"] = "admin",
        ["PATCH /api/v1/webhooks/{id:guid}"] = "admin",
        ["DELETE /api/v1/webhooks/{id:guid}"] = "admin",
        ["GET /api/v1/webhooks/{id:guid}/deliveries"] = "admin",
        ["GET /api/v1/api-keys/"] = "admin",
        ["POST /api/v1/api-keys/"] = "admin",
        ["DELETE /api/v1/api-keys/{id:guid}"] = "admin",
        ["GET /api/v1/audit"] = "admin",
        ["GET /api/v1/servers/"] = "viewer",
        ["GET /api/v1/servers/{id:guid}"] = "viewer",
        ["PUT /api/v1/servers/{id:guid}/pin"] = "analyst",
        ["DELETE /api/v1/servers/{id:guid}/pin"] = "analyst",
        ["GET /openapi/{documentName}.json"] = Anyone,
        ["GET /scalar/{documentName?}"] = Anyone,
        ["GET /scalar/scalar.js"] = Anyone,
        ["GET /scalar/scalar.aspnetcore.js"] = Anyone,
        ["GET /scalar/favicon.svg"] = Anyone,
        ["GET /health/live"] = Anyone,
        ["GET /health/ready"] = Anyone,
        ["GET /metrics"] = Anyone,
        ["POST /graphql"] = "viewer",
        ["GET /graphql"] = "viewer",
        ["POST /mcpsentinel.v1.Scans/SubmitScan"] = "analyst",
        ["POST /mcpsentinel.v1.Scans/GetScan"] = "viewer",
        ["POST /mcpsentinel.v1.Scans/WatchScan"] = "viewer",
    };

    private static readonly string[] Ranks = ["viewer", "analyst", "admin"];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    [Trait("Category", "Integration")]
    public async Task EveryEndpoint_EveryRoleAndNoKey_RoleIsEnforced(string provider)
    {
        await using var server = await RunningServer.StartAsync(provider);
        var endpoints = ((IEndpointRouteBuilder)server.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                var key = $"{method} {pattern}";
                seen.Add(key);
                if (!MinimumRole.TryGetValue(key, out var minimum))
                {
                    failures.Add($"{key}: not in the expected-role table (decide who may call it)");
                    continue;
                }
                var url = Fill(pattern);
                var clients = new (string Who, HttpClient Client)[] { (Anyone, server.Anonymous), ("viewer", server.Viewer), ("analyst", server.Analyst), ("admin", server.Admin) };
                foreach (var (who, client) in clients)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), url);
                    if (method is "POST" or "PUT" or "PATCH")
                    {
                        // the body type the endpoint declares (JSON unless it accepts something else, like an archive)
                        var contentType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json";
                        request.Content = new StringContent("{}", Encoding.UTF8);
                        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
                    }
                    using var response = await client.SendAsync(request);
                    var status = (int)response.StatusCode;
                    int? expected = minimum == Anyone ? null
                        : who == Anyone ? 401
                        : Array.IndexOf(Ranks, who) < Array.IndexOf(Ranks, minimum) ? 403
                        : null;
                    if (expected is { } e && status != e) failures.Add($"{key} as {who}: {status}, expected {e}");
                    if (expected is null && status is 401 or 403) failures.Add($"{key} as {who}: {status}, expected access");
                    if (status >= 500) failures.Add($"{key} as {who}: server error {status}");
                }
            }
        }
        foreach (var missing in MinimumRole.Keys.Where(k => !seen.Contains(k))) failures.Add($"{missing}: in the table but not mapped");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Fill(string pattern)
    {
        var url = pattern
            .Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{baseId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{findingId:long}", "1", StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{documentName?}", "v1", StringComparison.Ordinal);
        Assert.DoesNotContain("{", url, StringComparison.Ordinal);
        return url;
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task RevokedKey_AnyEndpoint_Unauthorized()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        var key = await server.CreateKeyAsync("viewer");
        using var client = server.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/rules")).StatusCode);
        var keys = await server.Admin.GetStringAsync("/api/v1/api-keys/");
        Assert.DoesNotContain(key, keys, StringComparison.Ordinal); // listed keys never include the secret
        var id = System.Text.Json.JsonDocument.Parse(keys).RootElement.EnumerateArray()
            .First(k => key.StartsWith(k.GetProperty("prefix").GetString()!.TrimEnd('…'), StringComparison.Ordinal)).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await server.Admin.DeleteAsync($"/api/v1/api-keys/{id}")).StatusCode);
        var after = await client.GetAsync("/api/v1/rules");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task WrongKey_Unauthorized()
    {
        await using var server = await RunningServer.StartAsync("sqlite");
        using var forged = server.Client(server.AdminKey[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/api-keys/")).StatusCode);
    }
}
