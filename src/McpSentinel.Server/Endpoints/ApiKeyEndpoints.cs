using System.Security.Claims;
using McpSentinel.Server.Api;
using McpSentinel.Server.Auth;
using McpSentinel.Storage.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace McpSentinel.Server.Endpoints;

/// <summary>/api/v1/api-keys (admin): create (the key is shown once), list, revoke.</summary>
public static class ApiKeyEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys").RequireAuthorization(Roles.Admin);
        keys.MapGet("/", ListAsync).WithSummary("List API keys (never the keys themselves)").Produces<IReadOnlyList<ApiKeyDto>>();
        keys.MapPost("/", CreateAsync).WithSummary("Create an API key; the answer holds the key, once")
            .Produces<CreatedApiKeyDto>(StatusCodes.Status201Created).ProducesProblem(400);
        keys.MapDelete("/{id:guid}", RevokeAsync).WithSummary("Revoke an API key").Produces(StatusCodes.Status204NoContent).ProducesProblem(404);
    }

    private static async Task<IResult> ListAsync(ApiKeyStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(ct)).Select(DtoMapper.ToDto).ToList());

    private static async Task<IResult> CreateAsync(CreateApiKeyRequest request, ApiKeyService keys, AuditStore audit, ClaimsPrincipal user, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100) return Problems.BadRequest("name must be 1 to 100 characters");
        if (request.Role is null || !Roles.All.Contains(request.Role)) return Problems.BadRequest($"role must be one of {string.Join(", ", Roles.All)}");
        if (request.RateLimitPerMinute is < 1 or > 1_000_000) return Problems.BadRequest("rateLimitPerMinute must be between 1 and 1000000");
        var actor = Actor.Of(user);
        var (key, plaintext) = await keys.CreateAsync(request.Name, request.Role, actor, request.RateLimitPerMinute, ct);
        await audit.RecordAsync(actor, "apikey.create", key.Id.ToString(), $"{key.Name} ({key.Role})", ct);
        return TypedResults.Created($"/api/v1/api-keys/{key.Id}", new CreatedApiKeyDto(DtoMapper.ToDto(key), plaintext));
    }

    private static async Task<IResult> RevokeAsync(Guid id, ApiKeyStore store, ApiKeyService keys, AuditStore audit, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await store.RevokeAsync(id, ct)) return Problems.NotFound($"active API key {id}");
        keys.Forget(id);
        await audit.RecordAsync(Actor.Of(user), "apikey.revoke", id.ToString(), null, ct);
        return TypedResults.NoContent();
    }
}
