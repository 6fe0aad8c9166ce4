using McpSentinel.Server.Api;
using McpSentinel.Server.Auth;
using McpSentinel.Storage.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace McpSentinel.Server.Endpoints;

/// <summary>/api/v1/projects: the projects and their findings over time.</summary>
public static class ProjectEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var projects = api.MapGroup("/projects").WithTags("Projects");
        projects.MapGet("/", ListAsync).RequireAuthorization(Roles.Viewer).WithSummary("List projects").Produces<IReadOnlyList<ProjectDto>>();
        projects.MapGet("/{id:guid}/trends", TrendsAsync).RequireAuthorization(Roles.Viewer)
            .WithSummary("Finding counts of the project's completed scans, oldest first").Produces<IReadOnlyList<TrendPointDto>>().ProducesProblem(404);
    }

    private static async Task<IResult> ListAsync(ScanStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListProjectsAsync(ct)).Select(p => new ProjectDto(p.Id, p.Name, p.CreatedAt)).ToList());

    private static async Task<IResult> TrendsAsync(Guid id, ScanStore store, CancellationToken ct, int limit = 100)
    {
        if (limit is < 1 or > 1000) return Problems.BadRequest("limit must be between 1 and 1000");
        if (await store.GetProjectAsync(id, ct) is null) return Problems.NotFound($"project {id}");
        var points = await store.TrendsAsync(id, limit, ct);
        return TypedResults.Ok(points.Select(p => new TrendPointDto(p.ScanId, p.At, p.Total, p.Critical, p.High, p.Medium, p.Low, p.Info, p.RiskScore)).ToList());
    }
}
