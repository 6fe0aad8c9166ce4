using GraphQL.Types;
using McpSentinel.Server.Api;

namespace McpSentinel.Server.GraphQL;

public sealed class ScanPageGraphType : ObjectGraphType<PageDto<ScanDto>>
{
    public ScanPageGraphType()
    {
        Name = "ScanPage";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ScanGraphType>>>>("items").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<IntGraphType>>("total").Resolve(c => c.Source.Total);
        Field<NonNullGraphType<IntGraphType>>("offset").Resolve(c => c.Source.Offset);
        Field<NonNullGraphType<IntGraphType>>("limit").Resolve(c => c.Source.Limit);
    }
}
