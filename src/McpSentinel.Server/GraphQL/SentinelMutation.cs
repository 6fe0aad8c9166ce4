using System.Security.Claims;
using GraphQL;
using GraphQL.Types;
using McpSentinel.Server.Api;
using McpSentinel.Server.Auth;
using McpSentinel.Server.Observability;
using McpSentinel.Server.Scans;
using McpSentinel.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace McpSentinel.Server.GraphQL;

/// <summary>Write side: submit and cancel scans, triage findings (analyst or admin), through the same services as REST.</summary>
public sealed class SentinelMutation : ObjectGraphType
{
    public SentinelMutation()
    {
        Name = "Mutation";
        Field<NonNullGraphType<ScanGraphType>>("createScan").Description("Queue a scan of a path under the allowed roots, or of a snapshot (the JSON written by 'mcp-sentinel record'); exactly one")
            .Argument<NonNullGraphType<StringGraphType>>("project")
            .Argument<StringGraphType>("path")
            .Argument<StringGraphType>("snapshot")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("engines")
            .ResolveAsync(async c =>
            {
                GraphQLAccess.Require(c, Roles.Analyst);
                var project = c.GetArgument<string>("project");
                var path = c.GetArgument<string?>("path");
                var snapshot = c.GetArgument<string?>("snapshot");
                if ((path is null) == (snapshot is null)) throw GraphQLAccess.BadRequest("give exactly one of path and snapshot");
                var engines = c.GetArgument<List<string>?>("engines");
                var service = c.RequestServices!.GetRequiredService<ScanService>();
                try
                {
                    var scan = path is not null
                        ? await service.SubmitPathAsync(project, path, engines, Actor.Of(c.User!), c.CancellationToken).ConfigureAwait(false)
                        : await service.SubmitSnapshotAsync(project, snapshot!, engines, Actor.Of(c.User!), c.CancellationToken).ConfigureAwait(false);
                    SentinelMetrics.ScansSubmitted.WithLabels(scan.SourceKind).Inc();
                    return DtoMapper.ToDto(scan);
                }
                catch (SubmissionException ex)
                {
                    throw new ExecutionError(ex.Message) { Code = ex.Forbidden ? "FORBIDDEN" : "BAD_REQUEST" };
                }
            });
        Field<ScanGraphType>("cancelScan").Description("Cancel a queued or running scan; null when there is no such scan")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                GraphQLAccess.Require(c, Roles.Analyst);
                var id = c.GetArgument<Guid>("id");
                var store = c.RequestServices!.GetRequiredService<ScanStore>();
                var scan = await store.GetScanStatusAsync(id, c.CancellationToken).ConfigureAwait(false);
                if (scan is null) return null;
                if (!await c.RequestServices!.GetRequiredService<ScanService>().CancelAsync(id, Actor.Of(c.User!), c.CancellationToken).ConfigureAwait(false))
                    throw new ExecutionError($"scan {id} is already {scan.Status}") { Code = "CONFLICT" };
                return DtoMapper.ToDto((await store.GetScanStatusAsync(id, c.CancellationToken).ConfigureAwait(false))!);
            });
        Field<TriageGraphType>("triageFinding").Description("Set the triage state of a finding (remembered by fingerprint for the project's later scans); null when the scan has no such finding")
            .Argument<NonNullGraphType<IdGraphType>>("scanId")
            .Argument<NonNullGraphType<LongGraphType>>("findingId")
            .Argument<NonNullGraphType<StringGraphType>>("state", "open, accepted-risk, false-positive or fixed")
            .Argument<StringGraphType>("comment")
            .ResolveAsync(async c =>
            {
                GraphQLAccess.Require(c, Roles.Analyst);
                try
                {
                    var row = await c.RequestServices!.GetRequiredService<TriageService>().SetAsync(c.GetArgument<Guid>("scanId"), c.GetArgument<long>("findingId"),
                        c.GetArgument<string>("state"), c.GetArgument<string?>("comment"), Actor.Of(c.User ?? new ClaimsPrincipal()), c.CancellationToken).ConfigureAwait(false);
                    return row is null ? null : new TriageDto(row.State, row.Comment, row.UpdatedBy, row.UpdatedAt);
                }
                catch (SubmissionException ex)
                {
                    throw GraphQLAccess.BadRequest(ex.Message);
                }
            });
    }
}
