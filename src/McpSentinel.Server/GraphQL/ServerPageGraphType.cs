using GraphQL.Types;
using McpSentinel.Server.Api;

namespace McpSentinel.Server.GraphQL;

public sealed class ServerPageGraphType : ObjectGraphType<PageDto<ServerDto>>
{
    public ServerPageGraphType()
    {
        Name = "ServerPage";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServerGraphType>>>>("items").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<IntGraphType>>("total").Resolve(c => c.Source.Total);
        Field<NonNullGraphType<IntGraphType>>("offset").Resolve(c => c.Source.Offset);
        Field<NonNullGraphType<IntGraphType>>("limit").Resolve(c => c.Source.Limit);
    }
}
