using McpSentinel.Server.Api;
using McpSentinel.Server.Auth;
using McpSentinel.Storage.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace McpSentinel.Server.Endpoints;

/// <summary>/api/v1/audit (admin): who did what.</summary>
public static class AuditEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/audit", ListAsync).WithTags("Audit").RequireAuthorization(Roles.Admin).WithSummary("The audit log, newest first")
            .Produces<PageDto<AuditDto>>();
    }

    private static async Task<IResult> ListAsync(AuditStore store, string? action, CancellationToken ct, int offset = 0, int limit = 100)
    {
        if (Problems.Paging(offset, limit) is { } bad) return bad;
        var page = await store.ListAsync(action, offset, limit, ct);
        return TypedResults.Ok(new PageDto<AuditDto>(page.Items.Select(DtoMapper.ToDto).ToList(), page.Total, page.Offset, page.Limit));
    }
}
