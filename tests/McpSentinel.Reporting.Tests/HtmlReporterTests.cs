using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using McpSentinel.Core.Model;
using Xunit;

namespace McpSentinel.Reporting.Tests;

public sealed class HtmlReporterTests
{
    [Fact]
    public void Render_IsSelfContained_NoExternalResource()
    {
        var html = HtmlReporter.Render(RealScan.VulnerableWithHostile);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        foreach (var tag in new[] { "link", "img", "iframe", "object", "embed", "audio", "video", "source", "base" })
        {
            Assert.DoesNotMatch(new Regex("<" + tag + @"[\s>/]", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(5)), html);
        }
        var css = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline, TimeSpan.FromSeconds(5)).Groups[1].Value;
        Assert.NotEmpty(css);
        Assert.DoesNotContain("url(", css, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", css, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@font-face", css, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex(@"<[a-z]+(\s+[a-z-]+(=""[^""]*"")?)*\s+src=", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(5)), html);
        // the only attribute that names a URL is an <a href> (a link the reader can click, never loaded by itself)
        foreach (Match m in Regex.Matches(html, @"<(\w+)[^>]*\shref=", RegexOptions.None, TimeSpan.FromSeconds(5)))
        {
            Assert.Equal("a", m.Groups[1].Value);
        }
        Assert.Contains("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HasVerdictScoreChartsAndEveryFinding()
    {
        var result = RealScan.VulnerableExample;
        var html = HtmlReporter.Render(result);
        Assert.Contains("NO-GO", html, StringComparison.Ordinal);
        Assert.Contains($">{result.Summary.RiskScore}</text>", html, StringComparison.Ordinal);
        foreach (var chart in new[] { "By severity", "By category", "By engine", "Top files" }) Assert.Contains(chart, html, StringComparison.Ordinal);
        Assert.Equal(result.Findings.Count, Regex.Count(html, "<tbody class=\"finding\"", RegexOptions.None, TimeSpan.FromSeconds(5)));
        foreach (var f in result.Findings) Assert.Contains(f.Fingerprint, html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CleanResult_IsAGo()
    {
        var html = HtmlReporter.Render(SampleResults.Create(SampleResults.Finding("MCP-X-001", Severity.Medium, "a.py", 1, "x")));
        Assert.Contains(">GO</p>", html, StringComparison.Ordinal);
        var incomplete = SampleResults.Create() with { Diagnostics = [new ScanDiagnostic("x", "cannot read", true)] };
        Assert.Contains("NO-GO (incomplete scan)", HtmlReporter.Render(incomplete), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HostileContent_IsEncoded_AndOnlyTheReportScriptCanRun()
    {
        var html = HtmlReporter.Render(SampleResults.Create(HostileSamples.Adversarial()));
        Assert.Equal(1, Regex.Count(html, "<script", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(5)));
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;/script&gt;&lt;script&gt;document.title=&#39;PWNED&#39;", html, StringComparison.Ordinal);
        Assert.Contains("{{7*7}}", html, StringComparison.Ordinal); // literal text: no template engine renders this page

        // the CSP names exactly the hash of the one inline script
        var script = Regex.Match(html, "<script>(.*?)</script>", RegexOptions.Singleline, TimeSpan.FromSeconds(5)).Groups[1].Value;
        var hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        Assert.Equal(HtmlReporter.ScriptHash, hash);
        Assert.Contains($"script-src '{hash}'", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EvidenceLineIsHighlighted_TraceAndLinksShown()
    {
        var f = SampleResults.Finding("MCP-CMD-001", Severity.High, "a.py", 12, "run(x)", [new TraceStep("a.py", 3, 1, "def t(x):", "source: tool argument x")]);
        var html = HtmlReporter.Render(SampleResults.Create(f));
        Assert.Contains("<span class=\"line hit\"><span class=\"ln\" aria-hidden=\"true\">12</span><mark>run(x)</mark>", html, StringComparison.Ordinal);
        Assert.Contains("source: tool argument x", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://cwe.mitre.org/data/definitions/78.html\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://attack.mitre.org/techniques/T1059/\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-expanded", html, StringComparison.Ordinal);
    }
}
