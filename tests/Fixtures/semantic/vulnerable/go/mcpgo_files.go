package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

const root = "/srv/notes"

func register(s *server.MCPServer) {
	s.AddTool(mcp.NewTool("read_note", mcp.WithString("path")), readNote)
	s.AddTool(mcp.NewTool("save_note", mcp.WithString("name"), mcp.WithString("body")), saveNote)
	s.AddTool(mcp.NewTool("delete_note", mcp.WithString("name")), deleteNote)
	s.AddTool(mcp.NewTool("cat", mcp.WithString("name")), catNote)
}

func catNote(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name, _ := request.RequireString("name")
	// A rooted Clean without the join to a root is just an absolute path: "/etc/passwd".
	data, err := os.ReadFile(filepath.Clean("/" + name)) // EXPECT: MCP-TAINT-PATH-001
	if err != nil {
		return nil, err
	}
	return mcp.NewToolResultText(string(data)), nil
}

func readNote(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	p, _ := request.Params.Arguments["path"].(string)
	data, err := os.ReadFile(p) // EXPECT: MCP-TAINT-PATH-001
	if err != nil {
		return nil, err
	}
	return mcp.NewToolResultText(string(data)), nil
}

func saveNote(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := request.GetString("name", "untitled")
	body := request.GetString("body", "")
	full := filepath.Join(root, name)
	// filepath.Join cleans "../" away only relative to the joined result: nothing checks the result stays in root.
	if err := os.WriteFile(full, []byte(body), 0o644); err != nil { // EXPECT: MCP-TAINT-PATH-001
		return nil, err
	}
	return mcp.NewToolResultText("saved"), nil
}

func deleteNote(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name, _ := request.RequireString("name")
	// A prefix check on the raw input is not containment: "/srv/notes/../../etc/passwd" starts with the root.
	if !strings.HasPrefix(name, root) {
		return mcp.NewToolResultError("outside"), nil
	}
	return nil, os.Remove(name) // EXPECT: MCP-TAINT-PATH-001
}
