using System.Security.Claims;
using McpSentinel.Server.Api;
using McpSentinel.Server.Auth;
using McpSentinel.Server.Inventory;
using McpSentinel.Storage.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace McpSentinel.Server.Endpoints;

/// <summary>/api/v1/servers: the MCP servers completed scans have seen, and their pins (rug-pull indicator).</summary>
public static class ServerEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var servers = api.MapGroup("/servers").WithTags("Servers");
        servers.MapGet("/", ListAsync).RequireAuthorization(Roles.Viewer).WithSummary("The server inventory, by name")
            .Produces<PageDto<ServerDto>>().ProducesProblem(400);
        servers.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Roles.Viewer).WithSummary("One server, its pin/drift state and the scans that saw it")
            .Produces<ServerDetailDto>().ProducesProblem(404);
        servers.MapPut("/{id:guid}/pin", PinAsync).RequireAuthorization(Roles.Analyst).WithSummary("Approve the server's current identity and surface hash")
            .Produces<ServerDto>().ProducesProblem(404);
        servers.MapDelete("/{id:guid}/pin", UnpinAsync).RequireAuthorization(Roles.Analyst).WithSummary("Remove the server's pin")
            .Produces<ServerDto>().ProducesProblem(404);
    }

    private static async Task<IResult> ListAsync(InventoryStore store, Guid? project, string? transport, string? name, CancellationToken ct, int offset = 0, int limit = 100)
    {
        if (Problems.Paging(offset, limit) is { } bad) return bad;
        var page = await store.ListAsync(project, transport, name, offset, limit, ct);
        return TypedResults.Ok(new PageDto<ServerDto>(page.Items.Select(ServerMapper.ToDto).ToList(), page.Total, page.Offset, page.Limit));
    }

    private static async Task<IResult> GetAsync(Guid id, InventoryStore store, CancellationToken ct, int scans = 100)
    {
        if (scans is < 1 or > 1000) return Problems.BadRequest("scans must be between 1 and 1000");
        if (await store.GetAsync(id, ct) is not { } server) return Problems.NotFound($"server {id}");
        var sightings = await store.SightingsAsync(id, scans, ct);
        return TypedResults.Ok(new ServerDetailDto(ServerMapper.ToDto(server), sightings.Select(x => new ServerSightingDto(x.ScanId, x.At)).ToList()));
    }

    private static async Task<IResult> PinAsync(Guid id, InventoryStore store, AuditStore audit, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await store.PinAsync(id, Actor.Of(user), ct) is not { } server) return Problems.NotFound($"server {id}");
        await audit.RecordAsync(Actor.Of(user), "server.pin", id.ToString(), server.Name, ct);
        return TypedResults.Ok(ServerMapper.ToDto(server));
    }

    private static async Task<IResult> UnpinAsync(Guid id, InventoryStore store, AuditStore audit, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await store.UnpinAsync(id, ct) is not { } server) return Problems.NotFound($"server {id}");
        await audit.RecordAsync(Actor.Of(user), "server.unpin", id.ToString(), server.Name, ct);
        return TypedResults.Ok(ServerMapper.ToDto(server));
    }
}
