using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using McpSentinel.Server.Auth;
using McpSentinel.Server.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace McpSentinel.Server.GraphQL;

/// <summary>
/// <c>POST /graphql</c> (queries and mutations, GraphQL over HTTP with a JSON body) and <c>GET /graphql</c> upgraded
/// to a WebSocket speaking graphql-transport-ws (subscriptions). Viewers may call it; mutations check for analyst
/// inside the schema. Authentication is the API's (X-Api-Key or a JWT bearer), on the HTTP request or the upgrade.
/// </summary>
public static class GraphQLEndpoints
{
    public const string Path = "/graphql";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ExecuteAsync).RequireAuthorization(Roles.Viewer).WithTags("GraphQL")
            .WithSummary("GraphQL queries and mutations: {\"query\": \"…\", \"variables\": {…}, \"operationName\": \"…\"}")
            .Accepts<GraphQLRequest>("application/json");
        app.MapGet(Path, SubscribeAsync).RequireAuthorization(Roles.Viewer).WithTags("GraphQL")
            .WithSummary("WebSocket upgrade for subscriptions (subprotocol graphql-transport-ws)");
    }

    private static async Task<IResult> ExecuteAsync(HttpContext http, IDocumentExecuter<SentinelSchema> executer, IGraphQLTextSerializer serializer, CancellationToken ct)
    {
        GraphQLRequest? request;
        try
        {
            request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return Problems.BadRequest("the body is not a GraphQL request: a JSON object with query, and optionally variables and operationName");
        }
        if (string.IsNullOrWhiteSpace(request?.Query)) return Problems.BadRequest("query is required");

        var result = await executer.ExecuteAsync(Options(request, http, ct)).ConfigureAwait(false);
        if (result.Streams is { Count: > 0 })
        {
            return Problems.BadRequest("subscriptions run over the WebSocket at GET /graphql (subprotocol graphql-transport-ws)");
        }
        return new GraphQLResult(result, serializer);
    }

    private static async Task<IResult> SubscribeAsync(HttpContext http, IDocumentExecuter<SentinelSchema> executer, IGraphQLTextSerializer serializer, CancellationToken ct)
    {
        if (!http.WebSockets.IsWebSocketRequest) return Problems.BadRequest("GET /graphql is the WebSocket endpoint for subscriptions; send queries and mutations with POST");
        if (!http.WebSockets.WebSocketRequestedProtocols.Contains(GraphQLWebSocketSession.SubProtocol))
            return Problems.BadRequest($"request the WebSocket subprotocol {GraphQLWebSocketSession.SubProtocol}");
        using var socket = await http.WebSockets.AcceptWebSocketAsync(GraphQLWebSocketSession.SubProtocol).ConfigureAwait(false);
        var session = new GraphQLWebSocketSession(socket, serializer, request => executer.ExecuteAsync(Options(request, http, http.RequestAborted)));
        await session.RunAsync(http.RequestAborted).ConfigureAwait(false);
        return Results.Empty;
    }

    internal static ExecutionOptions Options(GraphQLRequest request, HttpContext http, CancellationToken ct) => new()
    {
        Query = request.Query,
        Variables = request.Variables,
        Extensions = request.Extensions,
        OperationName = request.OperationName,
        RequestServices = http.RequestServices,
        User = http.User,
        CancellationToken = ct,
        ThrowOnUnhandledException = false,
    };

    /// <summary>Writes an execution result as application/graphql-response+json (errors included, status 200 as
    /// GraphQL over HTTP specifies for a well-formed request).</summary>
    private sealed class GraphQLResult(ExecutionResult result, IGraphQLTextSerializer serializer) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            // a request that could not run (syntax or validation errors) is a 400; errors while executing are data
            httpContext.Response.StatusCode = result.Executed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
            httpContext.Response.ContentType = "application/graphql-response+json; charset=utf-8";
            await serializer.WriteAsync(httpContext.Response.Body, result, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
