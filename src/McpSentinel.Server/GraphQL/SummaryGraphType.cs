using GraphQL.Types;
using McpSentinel.Server.Api;

namespace McpSentinel.Server.GraphQL;

public sealed class SummaryGraphType : ObjectGraphType<SummaryDto>
{
    public SummaryGraphType()
    {
        Name = "Summary";
        Field<NonNullGraphType<IntGraphType>>("total").Resolve(c => c.Source.Total);
        Field<NonNullGraphType<IntGraphType>>("critical").Resolve(c => c.Source.Critical);
        Field<NonNullGraphType<IntGraphType>>("high").Resolve(c => c.Source.High);
        Field<NonNullGraphType<IntGraphType>>("medium").Resolve(c => c.Source.Medium);
        Field<NonNullGraphType<IntGraphType>>("low").Resolve(c => c.Source.Low);
        Field<NonNullGraphType<IntGraphType>>("info").Resolve(c => c.Source.Info);
        Field<NonNullGraphType<IntGraphType>>("suppressed").Resolve(c => c.Source.Suppressed);
        Field<NonNullGraphType<IntGraphType>>("riskScore").Resolve(c => c.Source.RiskScore);
        Field<NonNullGraphType<IntGraphType>>("filesScanned").Resolve(c => c.Source.FilesScanned);
        Field<NonNullGraphType<BooleanGraphType>>("incomplete").Resolve(c => c.Source.Incomplete);
    }
}
