using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using Xunit;

namespace McpSentinel.Semantic.Tests;

public sealed class GoAnalyzerTests
{
    private static FileAnalysis Analyze(string code) =>
        new SemanticEngine().Analyze(new SourceFile("main.go", Language.Go, code), CancellationToken.None);

    private const string Header = """
        package main

        import (
        	"context"
        	"fmt"
        	"os"
        	"os/exec"
        	"path/filepath"
        	"strings"

        	"github.com/mark3labs/mcp-go/mcp"
        	"github.com/mark3labs/mcp-go/server"
        )

        """;

    [Fact]
    public void Analyze_McpGoSprintfIntoShell_ReportsTraceFromRequestToSink()
    {
        var analysis = Analyze(Header + """
            func register(s *server.MCPServer) {
            	s.AddTool(mcp.NewTool("ping"), ping)
            }

            func ping(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
            	host := request.GetString("host", "")
            	cmd := fmt.Sprintf("ping -c 1 %s", host)
            	out, _ := exec.Command("sh", "-c", cmd).Output()
            	return mcp.NewToolResultText(string(out)), nil
            }
            """);
        var finding = Assert.Single(analysis.Findings);
        Assert.Equal(("MCP-TAINT-CMD-001", 21), (finding.RuleId, finding.Location.StartLine));
        var trace = finding.Trace!;
        Assert.Equal((18, "tool argument `request` of `ping`"), (trace[0].Line, trace[0].Note));
        Assert.Equal((19, "assigned to `host`"), (trace[1].Line, trace[1].Note));
        Assert.Equal((20, "assigned to `cmd`"), (trace[2].Line, trace[2].Note));
        Assert.StartsWith("reaches a shell command", trace[^1].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ArgvCommandWithConstantProgram_IsJudgedSafeNotReported()
    {
        var analysis = Analyze(Header + """
            func gitLog(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
            	ref := request.GetString("ref", "HEAD")
            	out, _ := exec.Command("git", "log", "--oneline", ref).Output()
            	return mcp.NewToolResultText(string(out)), nil
            }
            """);
        Assert.Empty(analysis.Findings);
        Assert.Contains(analysis.JudgedSinks, j => j.Line == 16 && j.Category == Categories.CommandInjection);
    }

    [Fact]
    public void Analyze_AllowListMap_ClearsOnlyAfterTheLeavingCheck()
    {
        const string template = """
            var allowed = map[string]bool{"status": true}

            func run(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
            	action := request.GetString("action", "")
            	if !allowed[action] {
            		CHECK
            	}
            	out, _ := exec.Command("sh", "-c", "git "+action).Output()
            	return mcp.NewToolResultText(string(out)), nil
            }
            """;
        Assert.Empty(Analyze(Header + template.Replace("CHECK", "return nil, fmt.Errorf(\"unknown\")", StringComparison.Ordinal)).Findings);
        Assert.Single(Analyze(Header + template.Replace("CHECK", "fmt.Println(\"unknown action\")", StringComparison.Ordinal)).Findings);
    }

    [Fact]
    public void Analyze_PrefixCheck_CountsOnlyOnAResolvedPath()
    {
        const string template = """
            func read(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
            	p := PATH
            	if !strings.HasPrefix(p, "/srv/data/") {
            		return nil, fmt.Errorf("outside")
            	}
            	data, _ := os.ReadFile(p)
            	return mcp.NewToolResultText(string(data)), nil
            }
            """;
        var resolved = Analyze(Header + template.Replace("PATH", "filepath.Join(\"/srv/data\", request.GetString(\"path\", \"\"))", StringComparison.Ordinal));
        Assert.Empty(resolved.Findings);
        Assert.Contains(resolved.JudgedSinks, j => j.Category == Categories.PathTraversal);
        var raw = Analyze(Header + template.Replace("PATH", "request.GetString(\"path\", \"\")", StringComparison.Ordinal));
        Assert.Equal("MCP-TAINT-PATH-001", Assert.Single(raw.Findings).RuleId);
    }

    [Fact]
    public void Analyze_OfficialSdkTypedArguments_StructFieldsAreTainted()
    {
        var analysis = Analyze("""
            package main

            import (
            	"context"
            	"os"

            	"github.com/modelcontextprotocol/go-sdk/mcp"
            )

            type Args struct {
            	Path string `json:"path" jsonschema:"the file"`
            }

            func read(ctx context.Context, req *mcp.CallToolRequest, args Args) (*mcp.CallToolResult, any, error) {
            	data, err := os.ReadFile(args.Path)
            	return &mcp.CallToolResult{}, data, err
            }

            func main() {
            	server := mcp.NewServer(&mcp.Implementation{Name: "x"}, nil)
            	mcp.AddTool(server, &mcp.Tool{Name: "read", Description: "Read"}, read)
            }
            """);
        var finding = Assert.Single(analysis.Findings);
        Assert.Equal(15, finding.Location.StartLine);
        Assert.Equal("tool argument `args` of `read`", finding.Trace![0].Note);
    }

    [Fact]
    public void Analyze_NetHttpJsonDecode_TaintsTheDecodedValue()
    {
        var analysis = Analyze("""
            package main

            import (
            	"encoding/json"
            	"net/http"
            )

            type Query struct{ Table string }

            func handle(w http.ResponseWriter, r *http.Request) {
            	var q Query
            	_ = json.NewDecoder(r.Body).Decode(&q)
            	rows, _ := db.Query("SELECT * FROM " + q.Table)
            	_, _ = db.Query("SELECT * FROM items WHERE name = $1", q.Table)
            	defer rows.Close()
            }
            """);
        var finding = Assert.Single(analysis.Findings);
        Assert.Equal(("MCP-TAINT-SQL-001", 13), (finding.RuleId, finding.Location.StartLine));
        Assert.Contains(finding.Trace!, s => s.Note == "decoded into `q`");
        Assert.Contains(analysis.JudgedSinks, j => j.Line == 14 && j.Category == Categories.SqlInjection);
    }

    [Fact]
    public void Analyze_GoFileWithoutMcpOrHttp_IsNotParsed()
    {
        Assert.Same(FileAnalysis.None, Analyze("package util\n\nimport \"os/exec\"\n\nfunc Run(x string) { exec.Command(\"sh\", \"-c\", x).Run() }\n"));
    }

    [Fact]
    public void Analyze_GoSyntaxErrors_FallBackWithDiagnostic()
    {
        var analysis = Analyze("package main\nimport \"net/http\"\nfunc h(w http.ResponseWriter, r *http.Request) {\n\tx := \n");
        Assert.Empty(analysis.Findings);
        Assert.Contains("Go syntax errors", Assert.Single(analysis.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_DeeplyNestedGoExpression_DoesNotCrash()
    {
        var code = "package main\nimport \"net/http\"\nfunc h(w http.ResponseWriter, r *http.Request) {\n\tos.Open(" + new string('(', 3000) + "r.FormValue(\"p\")" + new string(')', 3000) + ")\n}\n";
        var analysis = Analyze(code);
        Assert.True(analysis.Findings.Count + analysis.Diagnostics.Count >= 1);
    }

    [Fact]
    public void Analyze_McpGoTypedNumberGetter_IsNotTainted()
    {
        var analysis = Analyze(Header + """
            func tail(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
            	n := request.GetInt("lines", 10)
            	name := request.GetString("name", "")
            	a, _ := exec.Command("sh", "-c", fmt.Sprintf("tail -n %d /var/log/app.log", n)).Output()
            	b, _ := exec.Command("sh", "-c", "tail /var/log/"+name).Output()
            	return mcp.NewToolResultText(string(a) + string(b)), nil
            }
            """);
        Assert.Equal(18, Assert.Single(analysis.Findings).Location.StartLine);
        Assert.Contains(analysis.JudgedSinks, j => j.Line == 17 && j.Category == Categories.CommandInjection);
    }
}
