using GraphQL.Types;
using McpSentinel.Server.Api;

namespace McpSentinel.Server.GraphQL;

public sealed class TriageGraphType : ObjectGraphType<TriageDto>
{
    public TriageGraphType()
    {
        Name = "Triage";
        Field<NonNullGraphType<StringGraphType>>("state").Description("open, accepted-risk, false-positive or fixed").Resolve(c => c.Source.State);
        Field<StringGraphType>("comment").Resolve(c => c.Source.Comment);
        Field<StringGraphType>("by").Resolve(c => c.Source.By);
        Field<DateTimeOffsetGraphType>("at").Resolve(c => c.Source.At);
    }
}
