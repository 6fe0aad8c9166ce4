namespace McpSentinel.Server.Auth;

/// <summary>The three roles, from most to least powerful, and the policies named after them (a policy admits its
/// role and every stronger one).</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Analyst = "analyst";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Analyst, Viewer];

    public static IReadOnlyList<string> AtLeast(string role) => role switch
    {
        Admin => [Admin],
        Analyst => [Admin, Analyst],
        Viewer => [Admin, Analyst, Viewer],
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };
}
