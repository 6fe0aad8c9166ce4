package main

import (
	"context"
	"fmt"
	"os/exec"
	"slices"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var services = map[string]bool{"nginx": true, "postgres": true}
var formats = []string{"json", "yaml", "text"}

func register(s *server.MCPServer) {
	s.AddTool(mcp.NewTool("restart"), restart)
	s.AddTool(mcp.NewTool("status"), status)
	s.AddTool(mcp.NewTool("export"), export)
	s.AddTool(mcp.NewTool("mode"), mode)
}

func restart(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := request.GetString("service", "")
	if !services[name] {
		return mcp.NewToolResultError("unknown service"), nil
	}
	out, _ := exec.Command("sh", "-c", "systemctl restart "+name).CombinedOutput()
	return mcp.NewToolResultText(string(out)), nil
}

func status(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := request.GetString("service", "")
	if _, ok := services[name]; !ok {
		return mcp.NewToolResultError("unknown service"), nil
	}
	out, _ := exec.Command("bash", "-c", fmt.Sprintf("systemctl status %s", name)).CombinedOutput()
	return mcp.NewToolResultText(string(out)), nil
}

func export(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	format := request.GetString("format", "json")
	if slices.Contains(formats, format) {
		out, _ := exec.Command("sh", "-c", "exporter --format "+format).Output()
		return mcp.NewToolResultText(string(out)), nil
	}
	return mcp.NewToolResultError("bad format"), nil
}

func mode(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	m := request.GetString("mode", "")
	switch m {
	case "fast", "slow":
	default:
		return mcp.NewToolResultError("bad mode"), nil
	}
	out, _ := exec.Command("sh", "-c", "tuner --mode "+m).Output()
	return mcp.NewToolResultText(string(out)), nil
}
