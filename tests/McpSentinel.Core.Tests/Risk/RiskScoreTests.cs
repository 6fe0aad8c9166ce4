using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using Xunit;

namespace McpSentinel.Core.Tests.Risk;

public sealed class RiskScoreTests
{
    private static readonly Severity[] Severities = Enum.GetValues<Severity>();
    private static readonly Confidence[] Confidences = Enum.GetValues<Confidence>();
    private static readonly Reachability[] Reachabilities = Enum.GetValues<Reachability>();
    private static readonly Exposure[] Exposures = Enum.GetValues<Exposure>();
    private static readonly Exploitation[] Exploitations = Enum.GetValues<Exploitation>();

    private static IEnumerable<(Severity S, Confidence C, Reachability R, Exposure E, Exploitation X)> All() =>
        from s in Severities from c in Confidences from r in Reachabilities from e in Exposures from x in Exploitations select (s, c, r, e, x);

    private static double Score((Severity S, Confidence C, Reachability R, Exposure E, Exploitation X) f) => RiskScore.Compute(f.S, f.C, f.R, f.E, f.X);

    [Fact]
    public void Compute_EveryCombination_StaysWithin0And100()
    {
        foreach (var f in All())
        {
            Assert.InRange(Score(f), 0, 100);
            Assert.InRange(RiskScore.ForFinding(f.S, f.C, f.R, f.E, f.X), 0, 100);
        }
    }

    [Fact]
    public void Compute_IsMonotonic_InEachFactor()
    {
        // raising any one factor (in its enum order) never lowers the score
        foreach (var f in All())
        {
            if (f.S < Severity.Critical) Assert.True(Score(f with { S = f.S + 1 }) >= Score(f), $"severity {f}");
            if (f.C < Confidence.High) Assert.True(Score(f with { C = f.C + 1 }) >= Score(f), $"confidence {f}");
            if (f.R < Reachability.Reachable) Assert.True(Score(f with { R = f.R + 1 }) >= Score(f), $"reachability {f}");
            if (f.E < Exposure.RemoteUnauthenticated) Assert.True(Score(f with { E = f.E + 1 }) >= Score(f), $"exposure {f}");
            if (f.X < Exploitation.Malicious) Assert.True(Score(f with { X = f.X + 1 }) >= Score(f), $"exploitation {f}");
        }
    }

    [Fact]
    public void Compute_IsStrictlyMonotonic_AboveInfo()
    {
        // every factor makes a difference for a finding that has a severity
        var f = (S: Severity.Medium, C: Confidence.Medium, R: Reachability.Unknown, E: Exposure.Unknown, X: Exploitation.None);
        Assert.True(Score(f with { S = Severity.High }) > Score(f));
        Assert.True(Score(f with { C = Confidence.High }) > Score(f));
        Assert.True(Score(f with { R = Reachability.Reachable }) > Score(f));
        Assert.True(Score(f with { E = Exposure.RemoteUnauthenticated }) > Score(f));
        Assert.True(Score(f with { X = Exploitation.KnownExploited }) > Score(f));
    }

    [Fact]
    public void ForFinding_Extremes_Are0And100()
    {
        Assert.Equal(100, RiskScore.ForFinding(Severity.Critical, Confidence.High, Reachability.Reachable, Exposure.RemoteUnauthenticated, Exploitation.None));
        Assert.Equal(100, RiskScore.ForFinding(Severity.Critical, Confidence.High, Reachability.Reachable, Exposure.RemoteUnauthenticated, Exploitation.Malicious));
        foreach (var f in All().Where(f => f.S == Severity.Info)) Assert.Equal(0, RiskScore.ForFinding(f.S, f.C, f.R, f.E, f.X));
        Assert.Equal(6, RiskScore.ForFinding(Severity.Low, Confidence.Low, Reachability.TestCode, Exposure.Local, Exploitation.None)); // 25 × .65 × .5 × .7 = 5.69
    }

    [Fact]
    public void ForFinding_DocumentedExamples()
    {
        // docs/risk-score.md, "Examples"
        Assert.Equal(100, RiskScore.ForFinding(Severity.Critical, Confidence.High, Reachability.Reachable, Exposure.RemoteUnauthenticated, Exploitation.None));
        Assert.Equal(85, RiskScore.ForFinding(Severity.Critical, Confidence.High, Reachability.Reachable, Exposure.Unknown, Exploitation.None));
        Assert.Equal(46, RiskScore.ForFinding(Severity.High, Confidence.Medium, Reachability.Unknown, Exposure.Unknown, Exploitation.None));
        Assert.Equal(23, RiskScore.ForFinding(Severity.Medium, Confidence.Low, Reachability.Unknown, Exposure.Unknown, Exploitation.None));
        Assert.Equal(72, RiskScore.ForFinding(Severity.Critical, Confidence.High, Reachability.Unknown, Exposure.Unknown, Exploitation.None));
        Assert.Equal(86, RiskScore.ForFinding(Severity.Critical, Confidence.High, Reachability.Unknown, Exposure.Unknown, Exploitation.KnownExploited));
        Assert.Equal(94, RiskScore.ForFinding(Severity.Critical, Confidence.High, Reachability.Reachable, Exposure.Unknown, Exploitation.Malicious));
        Assert.Equal(81, RiskScore.ForScores([72, 46])); // 1 − (1 − .72)(1 − .46 × .7) = 0.8102
    }

    [Fact]
    public void ForScores_Empty_IsZero_AndOne_IsItself()
    {
        Assert.Equal(0, RiskScore.ForScores([]));
        Assert.Equal(46, RiskScore.ForScores([46]));
        Assert.Equal(100, RiskScore.ForScores([100, 10]));
        Assert.Equal(0, RiskScore.ForScores([0, 0, 0]));
    }

    [Fact]
    public void ForScores_AddingAFinding_NeverLowersTheScore_AndOrderDoesNotMatter()
    {
        var random = new Random(12345);
        for (int round = 0; round < 300; round++)
        {
            var scores = Enumerable.Range(0, random.Next(0, 12)).Select(_ => (double)random.Next(0, 101)).ToList();
            int before = RiskScore.ForScores(scores);
            var extra = random.Next(0, 101);
            int after = RiskScore.ForScores([.. scores, extra]);
            Assert.True(after >= before, $"{string.Join(",", scores)} + {extra}: {before} -> {after}");
            Assert.True(after >= extra, "at least the worst finding");
            Assert.InRange(after, 0, 100);
            scores.Reverse();
            Assert.Equal(before, RiskScore.ForScores(scores));
        }
    }

    [Fact]
    public void ForScores_RaisingOneFinding_NeverLowersTheScore()
    {
        var random = new Random(777);
        for (int round = 0; round < 300; round++)
        {
            var scores = Enumerable.Range(0, random.Next(1, 10)).Select(_ => (double)random.Next(0, 100)).ToArray();
            int i = random.Next(scores.Length);
            var raised = (double[])scores.Clone();
            raised[i] = Math.Min(100, raised[i] + random.Next(1, 30));
            Assert.True(RiskScore.ForScores(raised) >= RiskScore.ForScores(scores));
        }
    }

    [Fact]
    public void ForScores_ManyLowFindings_DoNotReachACriticalScore()
    {
        var lows = Enumerable.Repeat(18.0, 500);
        Assert.InRange(RiskScore.ForScores(lows), 19, 60);
    }

    private static Finding F(string engine = "static", string? path = "server.py", string category = Categories.CommandInjection,
        Severity severity = Severity.High, Confidence confidence = Confidence.Medium, IReadOnlyList<TraceStep>? trace = null, RiskSignals? signals = null, string? logical = null) => new()
    {
        Fingerprint = "fp", RuleId = "MCP-X-001", Title = "t", Category = category, Severity = severity, Confidence = confidence, Engine = engine,
        Message = "m", Remediation = "r", Location = new Location(path, 3, 1, 3, 10, logical), Evidence = "e", Trace = trace, Signals = signals,
    };

    [Fact]
    public void Assess_TraceFromAToolParameter_IsReachable_AndScoresAboveAPatternHit()
    {
        var pattern = RiskScore.Assess(F());
        var traced = RiskScore.Assess(F(trace: [new TraceStep("server.py", 1, 1, "def tool(cmd):", "source"), new TraceStep("server.py", 3, 1, "os.system(cmd)", "sink")]));
        Assert.Equal(Reachability.Unknown, pattern.Reachability);
        Assert.Equal(Reachability.Reachable, traced.Reachability);
        Assert.True(traced.Score > pattern.Score);
    }

    [Theory]
    [InlineData("tests/test_server.py")]
    [InlineData("examples/demo/server.ts")]
    [InlineData("pkg/server_test.go")]
    [InlineData("src/handlers.spec.ts")]
    [InlineData("src/__tests__/x.js")]
    [InlineData("Server.Tests/HandlerTests.cs")]
    public void Assess_TestOrExamplePath_IsTestCode_AndScoresLower(string path)
    {
        var risk = RiskScore.Assess(F(path: path, trace: [new TraceStep(path, 1, 1, "x", "source")]));
        Assert.Equal(Reachability.TestCode, risk.Reachability);
        Assert.True(risk.Score < RiskScore.Assess(F()).Score);
    }

    [Theory]
    [InlineData("latest.py")]
    [InlineData("contest.py")]
    [InlineData("src/attestation/verify.py")]
    [InlineData("src/Latest.cs")]
    [InlineData("specimen/server.ts")]
    public void Assess_LookAlikeOfATestPath_IsNotTestCode(string path)
    {
        Assert.NotEqual(Reachability.TestCode, RiskScore.Assess(F(path: path)).Reachability);
    }

    [Fact]
    public void Assess_UsesTheEnginesExposure_AndDefaultsToUnknown()
    {
        Assert.Equal(Exposure.Unknown, RiskScore.Assess(F()).Exposure);
        var remote = RiskScore.Assess(F(engine: "config", signals: new RiskSignals { Exposure = Exposure.RemoteUnauthenticated, ExposureReason = "r" }));
        var local = RiskScore.Assess(F(engine: "config", signals: new RiskSignals { Exposure = Exposure.Local, ExposureReason = "l" }));
        Assert.Equal(Reachability.Reachable, remote.Reachability);
        Assert.True(remote.Score > local.Score);
        Assert.Equal("r", remote.ExposureReason);
    }

    [Fact]
    public void Assess_MaliciousDependency_IsReachable_AndBoosted()
    {
        var plain = RiskScore.Assess(F(engine: "deps", category: Categories.SupplyChain, severity: Severity.Critical, confidence: Confidence.High));
        var malicious = RiskScore.Assess(F(engine: "deps", category: Categories.SupplyChain, severity: Severity.Critical, confidence: Confidence.High,
            signals: new RiskSignals { Exploitation = Exploitation.Malicious, ExploitationSource = "https://example.org/report" }));
        Assert.Equal(Reachability.Unknown, plain.Reachability);
        Assert.Equal(Reachability.Reachable, malicious.Reachability);
        Assert.Equal("https://example.org/report", malicious.ExploitationSource);
        Assert.True(malicious.Score > plain.Score);
    }

    [Fact]
    public void Assess_SecretInAShippedFile_IsReachable_ButInATestFileIsNot()
    {
        Assert.Equal(Reachability.Reachable, RiskScore.Assess(F(category: Categories.HardcodedSecret)).Reachability);
        Assert.Equal(Reachability.TestCode, RiskScore.Assess(F(category: Categories.HardcodedSecret, path: "test/fixtures/keys.py")).Reachability);
    }

    [Theory]
    [InlineData(null, new string[0], Exposure.Local)]
    [InlineData("http://localhost:3000/mcp", new string[0], Exposure.Local)]
    [InlineData("http://127.0.0.1:8080/sse", new string[0], Exposure.Local)]
    [InlineData("https://mcp.example.com/mcp", new string[0], Exposure.RemoteUnauthenticated)]
    [InlineData("https://mcp.example.com/mcp", new[] { "Authorization" }, Exposure.Remote)]
    [InlineData("https://mcp.example.com/mcp", new[] { "X-Api-Key" }, Exposure.Remote)]
    [InlineData("https://mcp.example.com/mcp?api_key=abc", new string[0], Exposure.Remote)]
    [InlineData("https://mcp.example.com/mcp", new[] { "Accept", "User-Agent" }, Exposure.RemoteUnauthenticated)]
    [InlineData("not a url", new string[0], Exposure.Unknown)]
    public void ExposureClassifier_Classify(string? url, string[] headers, Exposure expected)
    {
        Assert.Equal(expected, ExposureClassifier.Classify(url, headers).Exposure);
    }
}
