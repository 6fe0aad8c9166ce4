package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"os/exec"
	"regexp"
	"strconv"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

var db *sql.DB
var branchName = regexp.MustCompile(`^[A-Za-z0-9._/-]{1,100}$`)
var allowedHosts = map[string]bool{"api.github.com": true, "example.com": true}

type LookupArgs struct {
	Name  string `json:"name"`
	Limit string `json:"limit"`
	Repo  string `json:"repo"`
	URL   string `json:"url"`
}

func lookup(ctx context.Context, req *mcp.CallToolRequest, args LookupArgs) (*mcp.CallToolResult, any, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users WHERE name = $1", args.Name)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	limit, err := strconv.Atoi(args.Limit)
	if err != nil {
		return nil, nil, err
	}
	_, _ = db.Exec(fmt.Sprintf("DELETE FROM log WHERE id > %d", limit))
	return &mcp.CallToolResult{}, nil, nil
}

func checkout(ctx context.Context, req *mcp.CallToolRequest, args LookupArgs) (*mcp.CallToolResult, any, error) {
	branch := args.Name
	if !branchName.MatchString(branch) {
		return nil, nil, fmt.Errorf("invalid branch %q", branch)
	}
	out, err := exec.Command("sh", "-c", "git checkout "+branch).CombinedOutput()
	if err != nil {
		return nil, nil, err
	}
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: string(out)}}}, nil, nil
}

func issues(ctx context.Context, req *mcp.CallToolRequest, args LookupArgs) (*mcp.CallToolResult, any, error) {
	resp, err := http.Get(fmt.Sprintf("https://api.github.com/repos/%s/issues", args.Repo))
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	return &mcp.CallToolResult{}, nil, nil
}

func fetch(ctx context.Context, req *mcp.CallToolRequest, args LookupArgs) (*mcp.CallToolResult, any, error) {
	target := args.URL
	u, err := url.Parse(target)
	if err != nil {
		return nil, nil, err
	}
	if !allowedHosts[u.Hostname()] {
		return nil, nil, fmt.Errorf("host %s not allowed", u.Host)
	}
	resp, err := http.Get(target)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	return &mcp.CallToolResult{}, nil, nil
}

func main() {
	server := mcp.NewServer(&mcp.Implementation{Name: "repo-tools", Version: "v1"}, nil)
	mcp.AddTool(server, &mcp.Tool{Name: "lookup", Description: "Look up a user"}, lookup)
	mcp.AddTool(server, &mcp.Tool{Name: "checkout", Description: "Check out a branch"}, checkout)
	mcp.AddTool(server, &mcp.Tool{Name: "issues", Description: "List issues"}, issues)
	mcp.AddTool(server, &mcp.Tool{Name: "fetch", Description: "Fetch an allowed page"}, fetch)
}
