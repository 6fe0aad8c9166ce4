using GraphQL;
using GraphQL.Types;
using McpSentinel.Server.Api;
using McpSentinel.Server.Auth;
using McpSentinel.Server.Scans;
using Microsoft.Extensions.DependencyInjection;

namespace McpSentinel.Server.GraphQL;

/// <summary>Subscriptions (over the graphql-transport-ws WebSocket protocol at /graphql).</summary>
public sealed class SentinelSubscription : ObjectGraphType
{
    public SentinelSubscription()
    {
        Name = "Subscription";
        Field<ScanGraphType>("scanProgress").Description("The scan each time its status or progress changes; completes after its final state (at once, with nothing, for an unknown id)")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(c => c.Source)
            .ResolveStream(c =>
            {
                GraphQLAccess.Require(c, Roles.Viewer);
                var feed = c.RequestServices!.GetRequiredService<ScanProgressFeed>();
                var id = c.GetArgument<Guid>("id");
                return new AsyncEnumerableObservable<object?>(ct => Map(feed.WatchAsync(id, ct), ct));
            });
    }

    private static async IAsyncEnumerable<object?> Map(IAsyncEnumerable<Storage.Entities.ScanEntity> scans, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var scan in scans.WithCancellation(ct).ConfigureAwait(false)) yield return DtoMapper.ToDto(scan);
    }
}
