namespace McpSentinel.Server;

/// <summary>JWT bearer validation for single sign-on deployments. With an authority, signing keys come from its
/// OpenID configuration (JWKS).</summary>
public sealed record JwtSettings
{
    public string? Authority { get; init; }
    public string? Issuer { get; init; }
    public string? Audience { get; init; }
    /// <summary>The claim that carries admin / analyst / viewer.</summary>
    public string RoleClaim { get; init; } = "roles";
    /// <summary>A symmetric signing key (base64), for deployments without an authority (and tests).</summary>
    public string? SigningKeyBase64 { get; init; }
    public bool RequireHttpsMetadata { get; init; } = true;
}
