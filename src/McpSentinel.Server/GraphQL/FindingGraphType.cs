using GraphQL.Types;
using McpSentinel.Server.Api;

namespace McpSentinel.Server.GraphQL;

/// <summary>A stored finding (evidence is masked before it is stored) with the project's triage verdict.</summary>
public sealed class FindingGraphType : ObjectGraphType<FindingDto>
{
    public FindingGraphType()
    {
        Name = "Finding";
        Field<NonNullGraphType<LongGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("fingerprint").Resolve(c => c.Source.Fingerprint);
        Field<NonNullGraphType<StringGraphType>>("ruleId").Resolve(c => c.Source.RuleId);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<StringGraphType>>("category").Resolve(c => c.Source.Category);
        Field<NonNullGraphType<StringGraphType>>("severity").Resolve(c => c.Source.Severity);
        Field<NonNullGraphType<StringGraphType>>("confidence").Resolve(c => c.Source.Confidence);
        Field<NonNullGraphType<StringGraphType>>("engine").Resolve(c => c.Source.Engine);
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(c => c.Source.Message);
        Field<StringGraphType>("path").Resolve(c => c.Source.Path);
        Field<NonNullGraphType<IntGraphType>>("startLine").Resolve(c => c.Source.StartLine);
        Field<NonNullGraphType<IntGraphType>>("endLine").Resolve(c => c.Source.EndLine);
        Field<StringGraphType>("logicalPath").Resolve(c => c.Source.LogicalPath);
        Field<NonNullGraphType<StringGraphType>>("evidence").Resolve(c => c.Source.Evidence);
        Field<NonNullGraphType<TriageGraphType>>("triage").Resolve(c => c.Source.Triage);
    }
}
