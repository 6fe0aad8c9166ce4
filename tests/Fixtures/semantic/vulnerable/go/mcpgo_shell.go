package main

import (
	"context"
	"fmt"
	"os/exec"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func main() {
	s := server.NewMCPServer("shell", "1.0.0")
	ping := mcp.NewTool("ping",
		mcp.WithDescription("Ping a host"),
		mcp.WithString("host", mcp.Required(), mcp.Description("host name")),
	)
	s.AddTool(ping, pingHandler)

	s.AddTool(mcp.NewTool("run", mcp.WithString("program")), func(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		program := request.GetString("program", "")
		out, err := exec.Command(program).CombinedOutput() // EXPECT: MCP-TAINT-CMD-001
		if err != nil {
			return mcp.NewToolResultError(err.Error()), nil
		}
		return mcp.NewToolResultText(string(out)), nil
	})

	s.AddTool(mcp.NewTool("grep", mcp.WithString("pattern"), mcp.WithArray("files")), grepHandler)
	_ = server.ServeStdio(s)
}

func pingHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	host, err := request.RequireString("host")
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	cmd := fmt.Sprintf("ping -c 1 %s", host)
	out, _ := exec.Command("sh", "-c", cmd).Output() // EXPECT: MCP-TAINT-CMD-001
	return mcp.NewToolResultText(string(out)), nil
}

func grepHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	args := request.GetArguments()
	pattern, _ := args["pattern"].(string)
	parts := []string{"grep", "-rn"}
	parts = append(parts, pattern)
	line := strings.Join(parts, " ")
	out, _ := exec.CommandContext(ctx, "bash", "-c", line).Output() // EXPECT: MCP-TAINT-CMD-001
	return mcp.NewToolResultText(string(out)), nil
}
