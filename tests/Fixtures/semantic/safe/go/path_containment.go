package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

const root = "/srv/files"

func register(s *server.MCPServer) {
	s.AddTool(mcp.NewTool("read"), read)
	s.AddTool(mcp.NewTool("write"), write)
	s.AddTool(mcp.NewTool("remove"), remove)
	s.AddTool(mcp.NewTool("open_base"), openBase)
	s.AddTool(mcp.NewTool("open_local"), openLocal)
	s.AddTool(mcp.NewTool("read_rooted"), readRooted)
	s.AddTool(mcp.NewTool("resolve"), resolveTool)
}

// Clean("/" + rel) is absolute and has no ".." left: joined to the root it stays inside (net/http's FileServer idiom).
func readRooted(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	rel, _ := request.RequireString("path")
	base, _ := filepath.Abs(os.Getenv("WORKSPACE"))
	clean := filepath.Clean("/" + rel)
	data, err := os.ReadFile(filepath.Join(base, clean))
	if err != nil {
		return nil, err
	}
	more, _ := os.ReadFile(filepath.Join(base, filepath.Clean("/"+rel)))
	return mcp.NewToolResultText(string(data) + string(more)), nil
}

func resolveTool(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	base, _ := filepath.Abs(os.Getenv("WORKSPACE"))
	target := filepath.Join(base, request.GetString("path", ""))
	if target != base && !strings.HasPrefix(target, base+string(filepath.Separator)) {
		return nil, errors.New("path escapes the workspace")
	}
	return nil, os.RemoveAll(target)
}

func read(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name, err := request.RequireString("path")
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(filepath.Join(root, name))
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(abs, root+string(os.PathSeparator)) {
		return mcp.NewToolResultError("path outside root"), nil
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, err
	}
	return mcp.NewToolResultText(string(data)), nil
}

func write(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	full, err := filepath.EvalSymlinks(filepath.Join(root, request.GetString("path", "")))
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(root, full)
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil, errors.New("outside root")
	}
	return nil, os.WriteFile(full, []byte(request.GetString("body", "")), 0o600)
}

func remove(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	target := filepath.Clean(filepath.Join(root, request.GetString("path", "")))
	if strings.HasPrefix(target, root+"/") {
		return nil, os.Remove(target)
	}
	return mcp.NewToolResultError("denied"), nil
}

func openBase(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := filepath.Base(request.GetString("name", ""))
	f, err := os.Open(filepath.Join(root, name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return mcp.NewToolResultText(f.Name()), nil
}

func openLocal(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := request.GetString("name", "")
	if !filepath.IsLocal(name) {
		return mcp.NewToolResultError("not a local path"), nil
	}
	data, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		return nil, err
	}
	return mcp.NewToolResultText(string(data)), nil
}
