using GraphQL;
using McpSentinel.Server.Auth;

namespace McpSentinel.Server.GraphQL;

/// <summary>Role checks inside the schema. The /graphql endpoint itself admits viewers; operations that change
/// something check here for the role their REST twin requires.</summary>
public static class GraphQLAccess
{
    public static void Require(IResolveFieldContext context, string role)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        if (user?.Identity?.IsAuthenticated != true) throw new ExecutionError("authentication required") { Code = "UNAUTHENTICATED" };
        if (!Roles.AtLeast(role).Any(user.IsInRole)) throw new ExecutionError($"this operation needs the {role} role or higher") { Code = "FORBIDDEN" };
    }

    public static ExecutionError BadRequest(string message) => new(message) { Code = "BAD_REQUEST" };
}
