using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSentinel.Server.Auth;

/// <summary>Authenticates <c>X-Api-Key: mcps_…</c> (or <c>Authorization: ApiKey mcps_…</c>).</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string RateLimitClaim = "mcps:rate_limit";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = Request.Headers[HeaderName].FirstOrDefault();
        if (presented is null && Request.Headers.Authorization.FirstOrDefault() is { } auth && auth.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
            presented = auth[(SchemeName.Length + 1)..].Trim();
        if (string.IsNullOrEmpty(presented)) return AuthenticateResult.NoResult();

        var key = await keys.VerifyAsync(presented, Context.RequestAborted).ConfigureAwait(false);
        if (key is null) return AuthenticateResult.Fail("invalid or revoked API key");

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "key:" + key.Id),
            new(ClaimTypes.Name, "key:" + key.Name),
            new(ClaimTypes.Role, key.Role),
        };
        if (key.RateLimitPerMinute is { } limit) claims.Add(new Claim(RateLimitClaim, limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
