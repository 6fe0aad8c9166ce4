using GraphQL;
using GraphQL.Types;
using McpSentinel.Server.Api;
using McpSentinel.Server.Auth;
using McpSentinel.Server.Inventory;
using McpSentinel.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace McpSentinel.Server.GraphQL;

/// <summary>The inventory fields of the query type: <c>servers</c> and <c>server</c> (viewer), the same data as /api/v1/servers.</summary>
public static class ServerQueryFields
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ServerPageGraphType>>("servers").Description("The MCP servers completed scans have seen, by name")
            .Argument<IdGraphType>("projectId")
            .Argument<IntGraphType>("offset", a => a.DefaultValue = 0)
            .Argument<IntGraphType>("limit", a => a.DefaultValue = 100)
            .ResolveAsync(async c =>
            {
                GraphQLAccess.Require(c, Roles.Viewer);
                int offset = c.GetArgument("offset", 0), limit = c.GetArgument("limit", 100);
                if (offset < 0) throw GraphQLAccess.BadRequest("offset must be 0 or more");
                if (limit is < 1 or > 500) throw GraphQLAccess.BadRequest("limit must be between 1 and 500");
                var page = await Store(c).ListAsync(c.GetArgument<Guid?>("projectId"), null, null, offset, limit, c.CancellationToken).ConfigureAwait(false);
                return new PageDto<ServerDto>(page.Items.Select(ServerMapper.ToDto).ToList(), page.Total, page.Offset, page.Limit);
            });
        query.Field<ServerGraphType>("server").Description("An inventoried server by id; null when there is none")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                GraphQLAccess.Require(c, Roles.Viewer);
                var server = await Store(c).GetAsync(c.GetArgument<Guid>("id"), c.CancellationToken).ConfigureAwait(false);
                return server is null ? null : ServerMapper.ToDto(server);
            });
    }

    private static InventoryStore Store(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<InventoryStore>();
}
