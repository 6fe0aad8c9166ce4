package main

import (
	"context"
	"os/exec"
	"strconv"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func register(s *server.MCPServer) {
	s.AddTool(mcp.NewTool("git_log", mcp.WithString("ref"), mcp.WithNumber("count")), gitLog)
	s.AddTool(mcp.NewTool("uptime"), uptime)
}

// The ref reaches git as one argv element: no shell parses it.
func gitLog(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	ref := request.GetString("ref", "HEAD")
	count := int(request.GetFloat("count", 10))
	out, err := exec.CommandContext(ctx, "git", "log", "--oneline", "-n", strconv.Itoa(count), "--end-of-options", ref).Output()
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	return mcp.NewToolResultText(string(out)), nil
}

func uptime(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	out, _ := exec.Command("sh", "-c", "uptime && df -h /").Output()
	load, _ := exec.Command("cat", "/proc/loadavg").Output()
	return mcp.NewToolResultText(string(out) + string(load)), nil
}
