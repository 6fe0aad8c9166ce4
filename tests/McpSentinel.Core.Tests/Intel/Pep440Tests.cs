using McpSentinel.Core.Intel;
using McpSentinel.Core.Intel.Versioning;
using Xunit;

namespace McpSentinel.Core.Tests.Intel;

public sealed class Pep440Tests
{
    private static readonly Pep440Scheme S = Pep440Scheme.Instance;

    [Theory]
    // the ordering example of PEP 440 / packaging, pairwise increasing
    [InlineData("1.0.dev456", "1.0a1")]
    [InlineData("1.0a1", "1.0a2.dev456")]
    [InlineData("1.0a2.dev456", "1.0a12.dev456")]
    [InlineData("1.0a12.dev456", "1.0a12")]
    [InlineData("1.0a12", "1.0b1.dev456")]
    [InlineData("1.0b2", "1.0b2.post345.dev456")]
    [InlineData("1.0b2.post345.dev456", "1.0b2.post345")]
    [InlineData("1.0b2.post345", "1.0rc1.dev456")]
    [InlineData("1.0rc1", "1.0")]
    [InlineData("1.0", "1.0+abc.5")]
    [InlineData("1.0+abc.5", "1.0+abc.7")]
    [InlineData("1.0+abc.7", "1.0+5")]          // numeric local segments sort after alphanumeric ones
    [InlineData("1.0+5", "1.0.post456.dev34")]
    [InlineData("1.0.post456.dev34", "1.0.post456")]
    [InlineData("1.0.post456", "1.1.dev1")]
    [InlineData("1.9", "1.10")]
    [InlineData("2013.10", "1!1.0")]            // epochs win over release numbers
    public void Compare_IsStrictlyIncreasing(string lower, string higher)
    {
        Assert.True(S.Compare(lower, higher) < 0, $"{lower} < {higher}");
        Assert.True(S.Compare(higher, lower) > 0, $"{higher} > {lower}");
    }

    [Theory]
    [InlineData("1.0", "1.0.0")]
    [InlineData("1.0.0.0", "1")]
    [InlineData("1.0alpha1", "1.0a1")]
    [InlineData("1.0-beta.2", "1.0b2")]
    [InlineData("1.0c1", "1.0rc1")]
    [InlineData("1.0-1", "1.0.post1")]
    [InlineData("1.0rev2", "1.0.post2")]
    [InlineData("v1.0", "1.0")]
    [InlineData("1.0.DEV3", "1.0.dev3")]
    [InlineData("0!1.0", "1.0")]
    public void Compare_NormalisedSpellings_AreEqual(string a, string b) => Assert.Equal(0, S.Compare(a, b));

    [Theory]
    [InlineData("1.0.0-")]
    [InlineData("abc")]
    [InlineData("1..0")]
    [InlineData("")]
    public void IsValid_RejectsGarbage(string text) => Assert.False(S.IsValid(text));

    [Theory]
    [InlineData("~=1.4.2", "1.4.5", true)]
    [InlineData("~=1.4.2", "1.5.0", false)]
    [InlineData("~=1.4", "1.9", true)]
    [InlineData("~=1.4", "2.0", false)]
    [InlineData("==1.2.*", "1.2.9", true)]
    [InlineData("==1.2.*", "1.3", false)]
    [InlineData("!=1.2.*", "1.3", true)]
    [InlineData("==1.2", "1.2.0", true)]           // zero padding
    [InlineData("==1.2", "1.2+local", true)]       // a local label is ignored by a public == specifier
    [InlineData("<1.23.0", "1.23.0rc1", false)]    // <V excludes pre-releases of V itself
    [InlineData("<1.23.0", "1.22.9", true)]
    [InlineData(">1.7", "1.7.post1", false)]       // >V excludes post-releases of V
    [InlineData(">1.7", "1.7.1", true)]
    [InlineData(">=1.10,<2", "1.10.0", true)]
    [InlineData(">=1.10,<2", "2.0", false)]
    [InlineData(">=1.0 ; python_version < '3.9'", "1.5", true)] // markers are ignored
    [InlineData("===1.0", "1.0", true)]
    public void Satisfies_Specifiers(string spec, string version, bool expected) => Assert.Equal(expected, Pep440Scheme.Satisfies(spec, version));

    [Theory]
    [InlineData(">=1.10", "0", "1.23.0", true)]
    [InlineData(">=1.23", "0", "1.23.0", false)]
    [InlineData(">=1.23.0rc1", "0", "1.23.0", true)]  // a pre-release of the fix is still affected
    [InlineData("~=1.22.0", "0", "1.23.0", true)]
    [InlineData("==1.23.*", "0", "1.23.0", true)]     // 1.23.dev0 and the rc's are in ==1.23.*
    [InlineData("==1.24.*", "0", "1.23.0", false)]
    [InlineData("<1.0", "1.0", null, false)]
    [InlineData("!=1.5", "0", "1.23.0", true)]
    [InlineData("", "0", "1.23.0", true)]
    public void ParseRange_OverlapsAffectedInterval(string spec, string introduced, string? fix, bool expected) =>
        Assert.Equal(expected, S.ParseRange(spec)!.Any(d => d.Overlaps(new AffectedRange { Introduced = introduced, Fixed = fix }.ToInterval(S)!, S)));

    [Theory]
    [InlineData("==1.9.4", "1.9.4")]
    [InlineData("===1.9.4", "1.9.4")]
    [InlineData("==1.9.*", null)]
    [InlineData(">=1.9.4", null)]
    [InlineData("==1.9.4,<2", null)]
    public void ExactPin(string spec, string? expected) => Assert.Equal(expected, S.ExactPin(spec));

    [Theory]
    [InlineData("^1.2.3", ">=1.2.3,<2")]
    [InlineData("^0.2.3", ">=0.2.3,<0.3")]
    [InlineData("~1.2.3", ">=1.2.3,<1.3")]
    [InlineData("1.2.3", "==1.2.3")]
    [InlineData(">=1.0,<2.0", ">=1.0,<2.0")]
    [InlineData("*", "")]
    public void FromPoetry_TranslatesConstraints(string poetry, string pep440) => Assert.Equal(pep440, Pep440Scheme.FromPoetry(poetry));

    [Theory]
    [InlineData("1.9.4", true)]
    [InlineData("1.22.99", true)]
    [InlineData("1.23.0", false)]
    [InlineData("1.23.0rc1", true)]
    [InlineData("1.23.0.post1", false)]
    [InlineData("1.23.0.dev0", true)]
    [InlineData("1!0.1", false)]   // a later epoch is above every epoch-0 fix
    public void AffectedRange_Contains_Pep440(string version, bool expected) =>
        Assert.Equal(expected, new AffectedRange { Introduced = "0", Fixed = "1.23.0" }.Contains(S, version));
}
