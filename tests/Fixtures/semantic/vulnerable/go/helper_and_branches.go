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

var allowedActions = map[string]bool{"status": true, "log": true}

func runShell(script string) ([]byte, error) {
	return exec.Command("sh", "-c", script).Output() // EXPECT: MCP-TAINT-CMD-001
}

func buildPath(base, name string) string {
	return base + "/" + name
}

func setup(s *server.MCPServer) {
	s.AddTool(mcp.NewTool("git"), func(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		action := request.GetString("action", "status")
		strict := request.GetBool("strict", false)
		if strict {
			if !allowedActions[action] {
				return mcp.NewToolResultError("unknown action"), nil
			}
			out, _ := exec.Command("sh", "-c", "git "+action).Output()
			return mcp.NewToolResultText(string(out)), nil
		}
		// The allow-list check above guards only the strict branch.
		out, _ := runShell("git " + action)
		return mcp.NewToolResultText(string(out)), nil
	})

	s.AddTool(mcp.NewTool("cat"), func(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		name := request.GetString("name", "")
		if strings.Contains(name, "..") {
			fmt.Println("suspicious name", name) // only logs: not a guard
		}
		data, err := os.ReadFile(buildPath("/srv/files", name)) // EXPECT: MCP-TAINT-PATH-001
		if err != nil {
			return nil, err
		}
		return mcp.NewToolResultText(string(data)), nil
	})

	s.AddTool(mcp.NewTool("stat"), func(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		abs, err := filepath.Abs(request.GetString("path", ""))
		if err != nil {
			return nil, err
		}
		// Resolved, but never compared with a root.
		info, err := os.ReadDir(abs) // EXPECT: MCP-TAINT-PATH-001
		if err != nil {
			return nil, err
		}
		return mcp.NewToolResultText(fmt.Sprint(len(info))), nil
	})
}
