using System.Security.Claims;
using McpSentinel.Core.Model;
using McpSentinel.Reporting;
using McpSentinel.Server.Api;
using McpSentinel.Server.Auth;
using McpSentinel.Server.Observability;
using McpSentinel.Server.Scans;
using McpSentinel.Storage.Entities;
using McpSentinel.Storage.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace McpSentinel.Server.Endpoints;

/// <summary>/api/v1/scans: submit, list, follow, cancel, findings, triage, reports, comparison.</summary>
public static class ScanEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var scans = api.MapGroup("/scans").WithTags("Scans");
        scans.MapPost("/", CreateAsync).RequireAuthorization(Roles.Analyst)
            .WithSummary("Submit a scan of a path under the allowed roots, of a snapshot, or of a live server")
            .Produces<ScanDto>(StatusCodes.Status202Accepted).ProducesProblem(400).ProducesProblem(403);
        scans.MapPost("/archive", CreateFromArchiveAsync).RequireAuthorization(Roles.Analyst)
            .WithSummary("Submit a scan of an uploaded zip or tar.gz (the request body)")
            .Accepts<byte[]>("application/zip", "application/gzip", "application/octet-stream")
            .Produces<ScanDto>(StatusCodes.Status202Accepted).ProducesProblem(400).ProducesProblem(413);
        scans.MapGet("/", ListAsync).RequireAuthorization(Roles.Viewer).WithSummary("List scans, newest first");
        scans.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Roles.Viewer).WithSummary("Status, progress and summary of a scan")
            .Produces<ScanDto>().ProducesProblem(404);
        scans.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(Roles.Analyst).WithSummary("Cancel a queued or running scan")
            .Produces<ScanDto>(StatusCodes.Status202Accepted).ProducesProblem(404).ProducesProblem(409);
        scans.MapGet("/{id:guid}/findings", FindingsAsync).RequireAuthorization(Roles.Viewer).WithSummary("Findings of a scan, with their triage state")
            .Produces<PageDto<FindingDto>>().ProducesProblem(404);
        scans.MapPut("/{id:guid}/findings/{findingId:long}/triage", TriageAsync).RequireAuthorization(Roles.Analyst)
            .WithSummary("Triage a finding (remembered by fingerprint for the project's later scans)")
            .Produces<TriageDto>().ProducesProblem(400).ProducesProblem(404);
        scans.MapGet("/{id:guid}/report", ReportAsync).RequireAuthorization(Roles.Viewer)
            .WithSummary("Download the report: format = " + string.Join(", ", ReporterCatalog.Formats)).ProducesProblem(404).ProducesProblem(409);
        scans.MapGet("/{id:guid}/compare/{baseId:guid}", CompareAsync).RequireAuthorization(Roles.Viewer)
            .WithSummary("New and fixed findings from a base scan to this one").Produces<ComparisonDto>().ProducesProblem(404);
    }

    private static async Task<IResult> CreateAsync(CreateScanRequest request, ScanService service, ClaimsPrincipal user, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Project)) return Problems.BadRequest("project is required");
        bool hasSnapshot = request.Snapshot is { ValueKind: not System.Text.Json.JsonValueKind.Undefined and not System.Text.Json.JsonValueKind.Null };
        if ((request.Path is not null ? 1 : 0) + (hasSnapshot ? 1 : 0) + (request.Live is not null ? 1 : 0) != 1) return Problems.BadRequest("give exactly one of path, snapshot and live");
        try
        {
            var scan = request.Path is not null ? await service.SubmitPathAsync(request.Project, request.Path, request.Engines, Actor.Of(user), ct)
                : request.Live is not null ? await service.SubmitLiveAsync(request.Project, request.Live, request.Engines, Actor.Of(user), ct)
                : await service.SubmitSnapshotAsync(request.Project, request.Snapshot!.Value.GetRawText(), request.Engines, Actor.Of(user), ct);
            SentinelMetrics.ScansSubmitted.WithLabels(scan.SourceKind).Inc();
            return TypedResults.Accepted($"/api/v1/scans/{scan.Id}", DtoMapper.ToDto(scan));
        }
        catch (SubmissionException ex)
        {
            return ex.Forbidden ? Problems.Forbidden(ex.Message) : Problems.BadRequest(ex.Message);
        }
    }

    private static async Task<IResult> CreateFromArchiveAsync(HttpContext context, [FromQuery] string project, [FromQuery] string? name, [FromQuery] string? engines,
        ScanService service, ServerOptions options, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(project)) return Problems.BadRequest("project is required");
        long max = options.MaxUploadBytes;
        if (context.Request.ContentLength > max) return Problems.TooLarge($"the archive is larger than {max} bytes");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) return Problems.TooLarge($"the archive is larger than {max} bytes");
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return Problems.BadRequest("the request body is empty: send the archive bytes");
        try
        {
            var engineList = engines?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var scan = await service.SubmitArchiveAsync(project, name, buffer.ToArray(), engineList, Actor.Of(context.User), ct);
            SentinelMetrics.ScansSubmitted.WithLabels(scan.SourceKind).Inc();
            return TypedResults.Accepted($"/api/v1/scans/{scan.Id}", DtoMapper.ToDto(scan));
        }
        catch (SubmissionException ex)
        {
            return Problems.BadRequest(ex.Message);
        }
    }

    private static async Task<IResult> ListAsync(ScanStore store, Guid? projectId, string? status, DateTimeOffset? since, CancellationToken ct, int offset = 0, int limit = 50)
    {
        if (Problems.Paging(offset, limit) is { } bad) return bad;
        if (status is not null && !ScanStatus.All.Contains(status)) return Problems.BadRequest($"status must be one of {string.Join(", ", ScanStatus.All)}");
        var page = await store.ListScansAsync(new ScanQuery(projectId, status, since, offset, limit), ct);
        return TypedResults.Ok(new PageDto<ScanDto>(page.Items.Select(DtoMapper.ToDto).ToList(), page.Total, page.Offset, page.Limit));
    }

    private static async Task<IResult> GetAsync(Guid id, ScanStore store, CancellationToken ct)
    {
        var scan = await store.GetScanStatusAsync(id, ct);
        return scan is null ? Problems.NotFound($"scan {id}") : TypedResults.Ok(DtoMapper.ToDto(scan));
    }

    private static async Task<IResult> CancelAsync(Guid id, ScanService service, ScanStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var scan = await store.GetScanStatusAsync(id, ct);
        if (scan is null) return Problems.NotFound($"scan {id}");
        if (!await service.CancelAsync(id, Actor.Of(user), ct)) return Problems.Conflict($"scan {id} is already {scan.Status}");
        return TypedResults.Accepted($"/api/v1/scans/{id}", DtoMapper.ToDto((await store.GetScanStatusAsync(id, ct))!));
    }

    private static async Task<IResult> FindingsAsync(Guid id, ScanStore store, string? severity, string? rule, string? category, string? path, string? triage,
        CancellationToken ct, int offset = 0, int limit = 100)
    {
        if (Problems.Paging(offset, limit, 1000) is { } bad) return bad;
        int? min = null;
        if (severity is not null)
        {
            if (!Levels.TryParseSeverity(severity, out var s)) return Problems.BadRequest("severity must be one of critical, high, medium, low, info");
            min = (int)s;
        }
        if (triage is not null && !TriageStates.All.Contains(triage)) return Problems.BadRequest($"triage must be one of {string.Join(", ", TriageStates.All)}");
        if (await store.GetScanStatusAsync(id, ct) is null) return Problems.NotFound($"scan {id}");
        var page = await store.ListFindingsAsync(new FindingQuery(id, min, rule, category, path, triage, offset, limit), ct);
        return TypedResults.Ok(new PageDto<FindingDto>(page.Items.Select(DtoMapper.ToDto).ToList(), page.Total, page.Offset, page.Limit));
    }

    private static async Task<IResult> TriageAsync(Guid id, long findingId, TriageRequest request, TriageService triage, ClaimsPrincipal user, CancellationToken ct)
    {
        try
        {
            var row = await triage.SetAsync(id, findingId, request.State, request.Comment, Actor.Of(user), ct);
            return row is null ? Problems.NotFound($"finding {findingId} of scan {id}") : TypedResults.Ok(new TriageDto(row.State, row.Comment, row.UpdatedBy, row.UpdatedAt));
        }
        catch (SubmissionException ex)
        {
            return Problems.BadRequest(ex.Message);
        }
    }

    private static async Task<IResult> ReportAsync(Guid id, ScanStore store, CancellationToken ct, string format = "json")
    {
        format = format.ToLowerInvariant();
        if (!ReporterCatalog.Formats.Contains(format)) return Problems.BadRequest($"format must be one of {string.Join(", ", ReporterCatalog.Formats)}");
        var scan = await store.GetScanAsync(id, ct);
        if (scan is null) return Problems.NotFound($"scan {id}");
        if (scan.Status != ScanStatus.Completed || scan.ReportJson is null) return Problems.Conflict($"scan {id} is {scan.Status}: a report exists once it has completed");
        var bytes = System.Text.Encoding.UTF8.GetBytes(scan.ReportJson);
        var reporter = ReporterCatalog.Create(format);
        if (format == "json") return TypedResults.File(bytes, ContentType(format), $"mcp-sentinel-{id}{reporter.Extension}");
        ScanResult result;
        using (var input = new MemoryStream(bytes)) result = JsonReportReader.Read(input);
        using var output = new MemoryStream();
        await Task.Run(() => reporter.Write(result, output), ct);
        return TypedResults.File(output.ToArray(), ContentType(format), $"mcp-sentinel-{id}{reporter.Extension}");
    }

    private static async Task<IResult> CompareAsync(Guid id, Guid baseId, ScanStore store, CancellationToken ct)
    {
        if (await store.GetScanStatusAsync(id, ct) is null) return Problems.NotFound($"scan {id}");
        if (await store.GetScanStatusAsync(baseId, ct) is null) return Problems.NotFound($"scan {baseId}");
        var c = await store.CompareAsync(baseId, id, ct);
        return TypedResults.Ok(new ComparisonDto(c.BaseScanId, c.HeadScanId, c.New.Count, c.Fixed.Count, c.Unchanged,
            c.New.Select(DtoMapper.ToCompared).ToList(), c.Fixed.Select(DtoMapper.ToCompared).ToList()));
    }

    private static string ContentType(string format) => format switch
    {
        "json" => "application/json",
        "sarif" => "application/sarif+json",
        "html" => "text/html; charset=utf-8",
        "pdf" => "application/pdf",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "markdown" => "text/markdown; charset=utf-8",
        "junit" => "application/xml",
        "csv" => "text/csv; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };
}
