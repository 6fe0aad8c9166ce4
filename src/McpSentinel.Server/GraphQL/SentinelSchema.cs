using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace McpSentinel.Server.GraphQL;

public sealed class SentinelSchema : Schema
{
    public SentinelSchema(IServiceProvider services) : base(services)
    {
        Query = services.GetRequiredService<SentinelQuery>();
        Mutation = services.GetRequiredService<SentinelMutation>();
        Subscription = services.GetRequiredService<SentinelSubscription>();
    }
}
