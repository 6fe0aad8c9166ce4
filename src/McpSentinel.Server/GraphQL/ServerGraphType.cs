using GraphQL.Types;
using McpSentinel.Server.Api;

namespace McpSentinel.Server.GraphQL;

/// <summary>An inventoried MCP server (values masked), with its pin/drift state.</summary>
public sealed class ServerGraphType : ObjectGraphType<ServerDto>
{
    public ServerGraphType()
    {
        Name = "Server";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("projectId").Resolve(c => c.Source.ProjectId);
        Field<NonNullGraphType<StringGraphType>>("origin").Description("config or snapshot").Resolve(c => c.Source.Origin);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("launcher").Resolve(c => c.Source.Launcher);
        Field<StringGraphType>("command").Description("secrets masked").Resolve(c => c.Source.Command);
        Field<StringGraphType>("url").Description("secrets masked").Resolve(c => c.Source.Url);
        Field<StringGraphType>("package").Resolve(c => c.Source.Package);
        Field<StringGraphType>("version").Resolve(c => c.Source.Version);
        Field<StringGraphType>("transport").Resolve(c => c.Source.Transport);
        Field<StringGraphType>("sourceFile").Resolve(c => c.Source.SourceFile);
        Field<IntGraphType>("sourceLine").Resolve(c => c.Source.SourceLine);
        Field<StringGraphType>("surfaceHash").Resolve(c => c.Source.SurfaceHash);
        Field<NonNullGraphType<StringGraphType>>("identityHash").Resolve(c => c.Source.IdentityHash);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("firstSeen").Resolve(c => c.Source.FirstSeen);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("lastSeen").Resolve(c => c.Source.LastSeen);
        Field<NonNullGraphType<IdGraphType>>("lastScanId").Resolve(c => c.Source.LastScanId);
        Field<NonNullGraphType<BooleanGraphType>>("pinned").Resolve(c => c.Source.Pinned);
        Field<DateTimeOffsetGraphType>("pinnedAt").Resolve(c => c.Source.PinnedAt);
        Field<StringGraphType>("pinnedBy").Resolve(c => c.Source.PinnedBy);
        Field<NonNullGraphType<BooleanGraphType>>("drifted").Resolve(c => c.Source.Drifted);
    }
}
