using System.Security.Claims;

namespace McpSentinel.Server.Auth;

/// <summary>Who made a request, for the audit log and "triaged by": the key name or the token subject.</summary>
public static class Actor
{
    public static string Of(ClaimsPrincipal user) =>
        user.Identity?.Name ?? user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "anonymous";
}
