using System.Security.Claims;
using System.Security.Cryptography;
using McpSentinel.Server.Api;
using McpSentinel.Server.Auth;
using McpSentinel.Storage.Entities;
using McpSentinel.Storage.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace McpSentinel.Server.Endpoints;

/// <summary>/api/v1/webhooks (admin): subscriptions and their delivery log.</summary>
public static class WebhookEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var hooks = api.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(Roles.Admin);
        hooks.MapGet("/", ListAsync).WithSummary("List webhooks").Produces<IReadOnlyList<WebhookDto>>();
        hooks.MapPost("/", CreateAsync).WithSummary("Create a webhook; the answer holds its signing secret, once")
            .Produces<CreatedWebhookDto>(StatusCodes.Status201Created).ProducesProblem(400);
        hooks.MapGet("/{id:guid}", GetAsync).WithSummary("One webhook").Produces<WebhookDto>().ProducesProblem(404);
        hooks.MapPatch("/{id:guid}", UpdateAsync).WithSummary("Change a webhook's URL, events or enabled flag").Produces<WebhookDto>().ProducesProblem(400).ProducesProblem(404);
        hooks.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Delete a webhook").Produces(StatusCodes.Status204NoContent).ProducesProblem(404);
        hooks.MapGet("/{id:guid}/deliveries", DeliveriesAsync).WithSummary("The latest deliveries of a webhook").Produces<IReadOnlyList<DeliveryDto>>().ProducesProblem(404);
    }

    private static async Task<IResult> ListAsync(WebhookStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(ct)).Select(DtoMapper.ToDto).ToList());

    private static async Task<IResult> CreateAsync(CreateWebhookRequest request, WebhookStore store, AuditStore audit, TimeProvider time, ClaimsPrincipal user, CancellationToken ct)
    {
        if (ValidateUrl(request.Url) is { } badUrl) return badUrl;
        var events = request.Events is { Count: > 0 } e ? e : WebhookEvents.All;
        if (ValidateEvents(events) is { } badEvents) return badEvents;
        var hook = new WebhookEntity
        {
            Id = Guid.NewGuid(), Url = request.Url, Events = string.Join(',', events.Distinct()), ProjectId = request.ProjectId,
            Secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            CreatedAt = time.GetUtcNow(),
        };
        await store.AddAsync(hook, ct);
        await audit.RecordAsync(Actor.Of(user), "webhook.create", hook.Id.ToString(), hook.Url, ct);
        return TypedResults.Created($"/api/v1/webhooks/{hook.Id}", new CreatedWebhookDto(DtoMapper.ToDto(hook), hook.Secret));
    }

    private static async Task<IResult> GetAsync(Guid id, WebhookStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } hook ? TypedResults.Ok(DtoMapper.ToDto(hook)) : Problems.NotFound($"webhook {id}");

    private static async Task<IResult> UpdateAsync(Guid id, UpdateWebhookRequest request, WebhookStore store, AuditStore audit, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request.Url is not null && ValidateUrl(request.Url) is { } badUrl) return badUrl;
        if (request.Events is not null && ValidateEvents(request.Events) is { } badEvents) return badEvents;
        if (!await store.UpdateAsync(id, request.Url, request.Events is null ? null : string.Join(',', request.Events.Distinct()), request.Enabled, ct))
            return Problems.NotFound($"webhook {id}");
        await audit.RecordAsync(Actor.Of(user), "webhook.update", id.ToString(), null, ct);
        return TypedResults.Ok(DtoMapper.ToDto((await store.GetAsync(id, ct))!));
    }

    private static async Task<IResult> DeleteAsync(Guid id, WebhookStore store, AuditStore audit, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await store.DeleteAsync(id, ct)) return Problems.NotFound($"webhook {id}");
        await audit.RecordAsync(Actor.Of(user), "webhook.delete", id.ToString(), null, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> DeliveriesAsync(Guid id, WebhookStore store, CancellationToken ct, int limit = 50)
    {
        if (limit is < 1 or > 500) return Problems.BadRequest("limit must be between 1 and 500");
        if (await store.GetAsync(id, ct) is null) return Problems.NotFound($"webhook {id}");
        return TypedResults.Ok((await store.DeliveriesAsync(id, limit, ct)).Select(DtoMapper.ToDto).ToList());
    }

    private static IResult? ValidateUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && url!.Length <= 2000
            ? null
            : Problems.BadRequest("url must be an absolute http or https URL");

    private static IResult? ValidateEvents(IReadOnlyList<string> events) =>
        events.FirstOrDefault(e => !WebhookEvents.All.Contains(e)) is { } unknown
            ? Problems.BadRequest($"unknown event '{unknown}' (available: {string.Join(", ", WebhookEvents.All)})")
            : null;
}
