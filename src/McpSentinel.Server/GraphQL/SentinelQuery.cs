using GraphQL;
using GraphQL.Types;
using McpSentinel.Core.Model;
using McpSentinel.Server.Api;
using McpSentinel.Server.Auth;
using McpSentinel.Storage.Entities;
using McpSentinel.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace McpSentinel.Server.GraphQL;

/// <summary>Read side: scans, a scan, its findings, projects, the server inventory. Same data and limits as the REST API.</summary>
public sealed class SentinelQuery : ObjectGraphType
{
    public SentinelQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<ScanPageGraphType>>("scans").Description("Scans, newest first")
            .Argument<IdGraphType>("projectId")
            .Argument<StringGraphType>("status")
            .Argument<IntGraphType>("offset", a => a.DefaultValue = 0)
            .Argument<IntGraphType>("limit", a => a.DefaultValue = 50)
            .ResolveAsync(async c =>
            {
                GraphQLAccess.Require(c, Roles.Viewer);
                var (offset, limit) = Paging(c, 500);
                var status = c.GetArgument<string?>("status");
                if (status is not null && !ScanStatus.All.Contains(status)) throw GraphQLAccess.BadRequest($"status must be one of {string.Join(", ", ScanStatus.All)}");
                var page = await Store(c).ListScansAsync(new ScanQuery(c.GetArgument<Guid?>("projectId"), status, null, offset, limit), c.CancellationToken).ConfigureAwait(false);
                return new PageDto<ScanDto>(page.Items.Select(DtoMapper.ToDto).ToList(), page.Total, page.Offset, page.Limit);
            });
        Field<ScanGraphType>("scan").Description("A scan by id; null when there is none")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                GraphQLAccess.Require(c, Roles.Viewer);
                var scan = await Store(c).GetScanStatusAsync(c.GetArgument<Guid>("id"), c.CancellationToken).ConfigureAwait(false);
                return scan is null ? null : DtoMapper.ToDto(scan);
            });
        Field<FindingPageGraphType>("findings").Description("Findings of a scan with their triage state; null when the scan does not exist")
            .Argument<NonNullGraphType<IdGraphType>>("scanId")
            .Argument<StringGraphType>("minSeverity", "critical, high, medium, low or info")
            .Argument<StringGraphType>("ruleId")
            .Argument<StringGraphType>("category")
            .Argument<StringGraphType>("path", "path prefix")
            .Argument<StringGraphType>("triage", "open, accepted-risk, false-positive or fixed")
            .Argument<IntGraphType>("offset", a => a.DefaultValue = 0)
            .Argument<IntGraphType>("limit", a => a.DefaultValue = 100)
            .ResolveAsync(async c =>
            {
                GraphQLAccess.Require(c, Roles.Viewer);
                var (offset, limit) = Paging(c, 1000);
                int? min = null;
                if (c.GetArgument<string?>("minSeverity") is { } severity)
                {
                    if (!Levels.TryParseSeverity(severity, out var s)) throw GraphQLAccess.BadRequest("minSeverity must be one of critical, high, medium, low, info");
                    min = (int)s;
                }
                var triage = c.GetArgument<string?>("triage");
                if (triage is not null && !TriageStates.All.Contains(triage)) throw GraphQLAccess.BadRequest($"triage must be one of {string.Join(", ", TriageStates.All)}");
                var scanId = c.GetArgument<Guid>("scanId");
                var store = Store(c);
                if (await store.GetScanStatusAsync(scanId, c.CancellationToken).ConfigureAwait(false) is null) return null;
                var page = await store.ListFindingsAsync(new FindingQuery(scanId, min, c.GetArgument<string?>("ruleId"), c.GetArgument<string?>("category"),
                    c.GetArgument<string?>("path"), triage, offset, limit), c.CancellationToken).ConfigureAwait(false);
                return new PageDto<FindingDto>(page.Items.Select(DtoMapper.ToDto).ToList(), page.Total, page.Offset, page.Limit);
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProjectGraphType>>>>("projects")
            .ResolveAsync(async c =>
            {
                GraphQLAccess.Require(c, Roles.Viewer);
                return (await Store(c).ListProjectsAsync(c.CancellationToken).ConfigureAwait(false)).Select(p => new ProjectDto(p.Id, p.Name, p.CreatedAt)).ToList();
            });
        ServerQueryFields.AddTo(this);
    }

    private static ScanStore Store(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<ScanStore>();

    private static (int Offset, int Limit) Paging(IResolveFieldContext c, int maxLimit)
    {
        int offset = c.GetArgument("offset", 0), limit = c.GetArgument("limit", 50);
        if (offset < 0) throw GraphQLAccess.BadRequest("offset must be 0 or more");
        if (limit < 1 || limit > maxLimit) throw GraphQLAccess.BadRequest($"limit must be between 1 and {maxLimit}");
        return (offset, limit);
    }
}
