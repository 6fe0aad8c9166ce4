package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

type Store struct {
	db *sql.DB
}

func (s *Store) Register(srv *server.MCPServer) {
	srv.AddTool(mcp.NewTool("find_user", mcp.WithString("name")), s.findUser)
	srv.AddTool(mcp.NewTool("fetch", mcp.WithString("url")), s.fetch)
	srv.AddTool(mcp.NewTool("proxy", mcp.WithString("target")), s.proxy)
}

func (s *Store) findUser(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := request.Params.Arguments["name"].(string)
	query := fmt.Sprintf("SELECT id, email FROM users WHERE name = '%s'", name)
	rows, err := s.db.QueryContext(ctx, query) // EXPECT: MCP-TAINT-SQL-001
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return mcp.NewToolResultText("ok"), nil
}

func (s *Store) fetch(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	url := request.GetArguments()["url"].(string)
	resp, err := http.Get(url) // EXPECT: MCP-TAINT-SSRF-001
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return mcp.NewToolResultText(string(body)), nil
}

func (s *Store) proxy(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	target := request.GetString("target", "")
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+target+"/status", nil) // EXPECT: MCP-TAINT-SSRF-001
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	_, _ = s.db.Exec("DELETE FROM cache WHERE target = '" + target + "'") // EXPECT: MCP-TAINT-SQL-001
	return mcp.NewToolResultText(resp.Status), nil
}
