using McpSentinel.Core.Intel;
using McpSentinel.Core.Intel.Versioning;
using Xunit;

namespace McpSentinel.Core.Tests.Intel;

public sealed class NuGetGoSchemeTests
{
    [Theory]
    [InlineData("1.0", "1.0.0.0", 0)]
    [InlineData("1.0.0-preview.1", "1.0.0", -1)]
    [InlineData("1.0.0-preview.2", "1.0.0-preview.10", -1)]
    [InlineData("1.0.0-ALPHA", "1.0.0-alpha", 0)]
    [InlineData("1.2.3.4", "1.2.3.5", -1)]
    [InlineData("1.0.0+meta", "1.0.0", 0)]
    public void NuGet_Compare(string a, string b, int sign) => Assert.Equal(sign, Math.Sign(NuGetScheme.Instance.Compare(a, b)));

    [Theory]
    [InlineData("1.2.3", "1.2.3", null)]        // a bare version is a minimum
    [InlineData("[1.2.3]", "1.2.3", "1.2.3")]
    [InlineData("[1.0,2.0)", "1.0", "2.0")]
    [InlineData("(,1.0]", null, "1.0")]
    public void NuGet_ParseRange(string range, string? lower, string? upper)
    {
        var i = Assert.Single(NuGetScheme.Instance.ParseRange(range)!);
        Assert.Equal(lower, i.Lower);
        Assert.Equal(upper, i.Upper);
    }

    [Fact]
    public void NuGet_MsBuildProperty_IsNotUnderstood() => Assert.Null(NuGetScheme.Instance.ParseRange("$(McpVersion)"));

    [Theory]
    [InlineData("v1.3.0", true)]
    [InlineData("v1.4.0", false)]
    [InlineData("v1.4.0-pre.1", true)]
    [InlineData("v0.0.0-20250101000000-abcdef123456", true)] // a pseudo-version is a prerelease of 0.0.0
    [InlineData("v2.0.0+incompatible", false)]
    public void Go_AffectedRange(string version, bool expected) =>
        Assert.Equal(expected, new AffectedRange { Introduced = "0", Fixed = "1.4.0" }.Contains(GoScheme.Instance, version));
}
