using GraphQL.Types;
using McpSentinel.Server.Api;

namespace McpSentinel.Server.GraphQL;

public sealed class ProgressGraphType : ObjectGraphType<ProgressDto>
{
    public ProgressGraphType()
    {
        Name = "Progress";
        Field<NonNullGraphType<IntGraphType>>("filesDone").Resolve(c => c.Source.FilesDone);
        Field<NonNullGraphType<IntGraphType>>("filesTotal").Resolve(c => c.Source.FilesTotal);
        Field<NonNullGraphType<IntGraphType>>("percent").Resolve(c => c.Source.Percent);
    }
}
