using Grpc.Core;
using McpSentinel.Server.Api;
using McpSentinel.Server.Auth;
using McpSentinel.Server.Observability;
using McpSentinel.Server.Scans;
using McpSentinel.Server.Grpc.V1;
using McpSentinel.Storage.Stores;
using Microsoft.AspNetCore.Authorization;

namespace McpSentinel.Server.Grpc;

/// <summary>The gRPC <c>mcpsentinel.v1.Scans</c> service: the same submissions and state as the REST API.</summary>
public sealed class ScanGrpcService(ScanService service, ScanStore store, ScanProgressFeed feed) : V1.Scans.ScansBase
{
    [Authorize(Policy = Roles.Analyst)]
    public override async Task<Scan> SubmitScan(SubmitScanRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(request.Project)) throw new RpcException(new Status(StatusCode.InvalidArgument, "project is required"));
        var actor = Actor.Of(context.GetHttpContext().User);
        var engines = request.Engines.Count > 0 ? request.Engines.ToList() : null;
        try
        {
            var scan = request.SourceCase switch
            {
                SubmitScanRequest.SourceOneofCase.Path => await service.SubmitPathAsync(request.Project, request.Path, engines, actor, context.CancellationToken).ConfigureAwait(false),
                SubmitScanRequest.SourceOneofCase.SnapshotJson => await service.SubmitSnapshotAsync(request.Project, request.SnapshotJson, engines, actor, context.CancellationToken).ConfigureAwait(false),
                SubmitScanRequest.SourceOneofCase.Archive => await service.SubmitArchiveAsync(request.Project, string.IsNullOrEmpty(request.ArchiveName) ? null : request.ArchiveName,
                    request.Archive.ToByteArray(), engines, actor, context.CancellationToken).ConfigureAwait(false),
                _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "give one source: path, snapshot_json or archive")),
            };
            SentinelMetrics.ScansSubmitted.WithLabels(scan.SourceKind).Inc();
            return ToMessage(DtoMapper.ToDto(scan));
        }
        catch (SubmissionException ex)
        {
            throw new RpcException(new Status(ex.Forbidden ? StatusCode.PermissionDenied : StatusCode.InvalidArgument, ex.Message));
        }
    }

    [Authorize(Policy = Roles.Viewer)]
    public override async Task<Scan> GetScan(GetScanRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var scan = await store.GetScanStatusAsync(ParseId(request.Id), context.CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"scan {request.Id} was not found"));
        return ToMessage(DtoMapper.ToDto(scan));
    }

    [Authorize(Policy = Roles.Viewer)]
    public override async Task WatchScan(GetScanRequest request, IServerStreamWriter<Scan> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var id = ParseId(request.Id);
        bool any = false;
        await foreach (var scan in feed.WatchAsync(id, context.CancellationToken).ConfigureAwait(false))
        {
            any = true;
            await responseStream.WriteAsync(ToMessage(DtoMapper.ToDto(scan)), context.CancellationToken).ConfigureAwait(false);
        }
        if (!any) throw new RpcException(new Status(StatusCode.NotFound, $"scan {request.Id} was not found"));
    }

    private static Guid ParseId(string id) =>
        Guid.TryParse(id, out var guid) ? guid : throw new RpcException(new Status(StatusCode.InvalidArgument, "id must be a scan id (a GUID)"));

    public static Scan ToMessage(ScanDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        var message = new Scan
        {
            Id = dto.Id.ToString(),
            ProjectId = dto.ProjectId.ToString(),
            Status = dto.Status,
            CancelRequested = dto.CancelRequested,
            SourceKind = dto.SourceKind,
            Source = dto.Source ?? "",
            FilesDone = dto.Progress.FilesDone,
            FilesTotal = dto.Progress.FilesTotal,
            Percent = dto.Progress.Percent,
            Attempts = dto.Attempts,
            Error = dto.Error ?? "",
        };
        if (dto.Summary is { } s)
        {
            message.Summary = new Summary
            {
                Total = s.Total, Critical = s.Critical, High = s.High, Medium = s.Medium, Low = s.Low, Info = s.Info,
                Suppressed = s.Suppressed, RiskScore = s.RiskScore, FilesScanned = s.FilesScanned, Incomplete = s.Incomplete,
            };
        }
        return message;
    }
}
