using GraphQL.Types;
using McpSentinel.Server.Api;

namespace McpSentinel.Server.GraphQL;

/// <summary>A scan: status and progress while it runs, summary when done (the REST <c>ScanDto</c>).</summary>
public sealed class ScanGraphType : ObjectGraphType<ScanDto>
{
    public ScanGraphType()
    {
        Name = "Scan";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("projectId").Resolve(c => c.Source.ProjectId);
        Field<NonNullGraphType<StringGraphType>>("status").Description("queued, running, completed, failed or cancelled").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<BooleanGraphType>>("cancelRequested").Resolve(c => c.Source.CancelRequested);
        Field<NonNullGraphType<StringGraphType>>("sourceKind").Resolve(c => c.Source.SourceKind);
        Field<StringGraphType>("source").Resolve(c => c.Source.Source);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("engines").Resolve(c => c.Source.Engines);
        Field<NonNullGraphType<ProgressGraphType>>("progress").Resolve(c => c.Source.Progress);
        Field<NonNullGraphType<IntGraphType>>("attempts").Resolve(c => c.Source.Attempts);
        Field<StringGraphType>("error").Resolve(c => c.Source.Error);
        Field<StringGraphType>("createdBy").Resolve(c => c.Source.CreatedBy);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<DateTimeOffsetGraphType>("startedAt").Resolve(c => c.Source.StartedAt);
        Field<DateTimeOffsetGraphType>("finishedAt").Resolve(c => c.Source.FinishedAt);
        Field<LongGraphType>("durationMs").Resolve(c => c.Source.DurationMs);
        Field<SummaryGraphType>("summary").Description("Counts once the scan has completed").Resolve(c => c.Source.Summary);
    }
}
