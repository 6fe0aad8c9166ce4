using McpSentinel.Core.Intel;
using McpSentinel.Core.Intel.Versioning;
using Xunit;

namespace McpSentinel.Core.Tests.Intel;

public sealed class NpmSchemeTests
{
    private static readonly NpmScheme S = NpmScheme.Instance;

    private static bool Overlaps(string declared, string? introduced, string? fix) =>
        S.ParseRange(declared)!.Any(d => d.Overlaps(new AffectedRange { Introduced = introduced, Fixed = fix }.ToInterval(S)!, S));

    [Theory]
    [InlineData("1.0.0", "1.0.1", -1)]
    [InlineData("2.1.5-beta.1", "2.1.5", -1)]     // a prerelease precedes its release
    [InlineData("2.1.5-alpha", "2.1.5-beta", -1)]
    [InlineData("2.1.5-beta.2", "2.1.5-beta.11", -1)] // numeric identifiers compare numerically
    [InlineData("1.0.0+build.5", "1.0.0", 0)]      // build metadata is ignored
    [InlineData("v1.2.3", "1.2.3", 0)]
    public void Compare_FollowsSemVerPrecedence(string a, string b, int sign) => Assert.Equal(sign, Math.Sign(S.Compare(a, b)));

    [Theory]
    [InlineData("^0.1.10", "0.0.5", "0.1.16", true)]   // ^0.1.10 = >=0.1.10 <0.2.0-0
    [InlineData("^0.1.16", "0.0.5", "0.1.16", false)]
    [InlineData("~0.1.15", "0.0.5", "0.1.16", true)]
    [InlineData("0.1.x", "0.0.5", "0.1.16", true)]
    [InlineData("0.2.x", "0.0.5", "0.1.16", false)]
    [InlineData("1.0.0 - 1.2.0", "1.3.0", null, false)]    // hyphen range below an open-ended affected range
    [InlineData("1.0.0 - 1.3.0", "1.3.0", null, true)]
    [InlineData("<0.0.5 || >=0.1.16", "0.0.5", "0.1.16", false)]
    [InlineData("<0.0.5 || >=0.1.15", "0.0.5", "0.1.16", true)]
    [InlineData("*", "0", "2.1.5", true)]
    [InlineData(">2.1.4", "0", "2.1.5", true)]
    [InlineData(">=2.1.5", "0", "2.1.5", false)]
    public void ParseRange_OverlapsAffectedInterval(string declared, string? introduced, string? fix, bool expected) =>
        Assert.Equal(expected, Overlaps(declared, introduced, fix));

    [Theory]
    [InlineData("1.0.16", "1.0.16")]
    [InlineData("=1.0.16", "1.0.16")]
    [InlineData("^1.0.16", null)]
    [InlineData("latest", null)]
    [InlineData("git+https://github.com/x/y.git", null)]
    public void ExactPin_OnlyForExactVersions(string spec, string? expected) => Assert.Equal(expected, S.ExactPin(spec));

    [Fact]
    public void ParseRange_TagsAndUrls_AreNotUnderstood()
    {
        Assert.Null(S.ParseRange("latest"));
        Assert.Null(S.ParseRange("file:../local"));
    }

    [Theory]
    [InlineData("0.1.15", true)]
    [InlineData("0.0.5", true)]          // introduced is inclusive
    [InlineData("0.1.16", false)]        // the fixed release
    [InlineData("0.1.16-rc.1", true)]    // a prerelease of the fix precedes the fix
    [InlineData("0.0.4", false)]         // before the vulnerable code was introduced
    [InlineData("1.0.0", false)]
    [InlineData("not-a-version", false)]
    public void AffectedRange_Contains(string version, bool expected) =>
        Assert.Equal(expected, new AffectedRange { Introduced = "0.0.5", Fixed = "0.1.16" }.Contains(S, version));

    [Fact]
    public void AffectedRange_LastAffected_IsInclusive()
    {
        var r = new AffectedRange { Introduced = "0", LastAffected = "1.2.0" };
        Assert.True(r.Contains(S, "1.2.0"));
        Assert.False(r.Contains(S, "1.2.1"));
        Assert.True(new AffectedRange { Introduced = "1.0.16" }.Contains(S, "9.9.9"));
    }
}
