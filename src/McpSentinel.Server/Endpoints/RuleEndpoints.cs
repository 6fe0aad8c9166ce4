using McpSentinel.Core.Rules;
using McpSentinel.Server.Api;
using McpSentinel.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace McpSentinel.Server.Endpoints;

/// <summary>/api/v1/rules: the built-in YAML rules the workers scan with.</summary>
public static class RuleEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/rules", List).WithTags("Rules").RequireAuthorization(Roles.Viewer).WithSummary("List the built-in rules").Produces<IReadOnlyList<RuleDto>>();
    }

    private static readonly Lazy<IReadOnlyList<RuleDto>> All = new(() => RuleCatalog.BuiltinRules.Rules
        .Select(r => r.Metadata)
        .OrderBy(m => m.Id, StringComparer.Ordinal)
        .Select(m => new RuleDto(m.Id, m.Title, m.Category, m.Severity.ToString().ToLowerInvariant(), m.Confidence.ToString().ToLowerInvariant(), m.Cwe, m.HelpUri))
        .ToList());

    private static IResult List(string? category) =>
        TypedResults.Ok(category is null ? All.Value : All.Value.Where(r => r.Category == category).ToList());
}
