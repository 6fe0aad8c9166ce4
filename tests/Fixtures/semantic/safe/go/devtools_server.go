// A multi-tool developer server in the style of public mcp-go servers (git, files, issues, sqlite):
// every tool input reaches a sink, and every sink is argv, contained, parameterised or fixed-origin.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

type DevTools struct {
	root   string
	db     *sql.DB
	client *http.Client
}

// RequiredParam fetches a required argument of type T, in the style of github-mcp-server's helpers.
func RequiredParam[T comparable](r mcp.CallToolRequest, p string) (T, error) {
	var zero T
	v, ok := r.GetArguments()[p]
	if !ok {
		return zero, fmt.Errorf("missing required parameter: %s", p)
	}
	t, ok := v.(T)
	if !ok {
		return zero, fmt.Errorf("parameter %s is not of the expected type", p)
	}
	return t, nil
}

func (d *DevTools) Register(s *server.MCPServer) {
	s.AddTool(mcp.NewTool("git_log",
		mcp.WithDescription("Show the commit log of the workspace repository"),
		mcp.WithString("ref", mcp.Description("Branch, tag or commit")),
		mcp.WithNumber("limit", mcp.Description("How many commits")),
	), d.gitLog)
	s.AddTool(mcp.NewTool("git_diff", mcp.WithDescription("Diff two refs"), mcp.WithString("from"), mcp.WithString("to")), d.gitDiff)
	s.AddTool(mcp.NewTool("read_file", mcp.WithDescription("Read a file in the workspace"), mcp.WithString("path", mcp.Required())), d.readFile)
	s.AddTool(mcp.NewTool("list_dir", mcp.WithDescription("List a workspace folder"), mcp.WithString("path")), d.listDir)
	s.AddTool(mcp.NewTool("get_issue", mcp.WithDescription("Get a GitHub issue"), mcp.WithString("owner"), mcp.WithString("repo"), mcp.WithNumber("number")), d.getIssue)
	s.AddTool(mcp.NewTool("query_notes", mcp.WithDescription("Search notes"), mcp.WithString("term")), d.queryNotes)
	s.AddTool(mcp.NewTool("run_task", mcp.WithDescription("Run a predefined task"), mcp.WithString("task")), d.runTask)
}

func (d *DevTools) gitLog(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	ref := request.GetString("ref", "HEAD")
	limit := request.GetInt("limit", 20)
	args := []string{"-C", d.root, "log", "--oneline", fmt.Sprintf("-n%d", limit), "--end-of-options", ref}
	cmd := exec.CommandContext(ctx, "git", args...)
	out, err := cmd.Output()
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	return mcp.NewToolResultText(string(out)), nil
}

func (d *DevTools) gitDiff(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	from, err := RequiredParam[string](request, "from")
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	to, err := RequiredParam[string](request, "to")
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	out, err := exec.CommandContext(ctx, "git", "-C", d.root, "diff", "--stat", from+".."+to).Output()
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	return mcp.NewToolResultText(string(out)), nil
}

func (d *DevTools) resolve(p string) (string, error) {
	abs, err := filepath.Abs(filepath.Join(d.root, p))
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(d.root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		return "", errors.New("path escapes the workspace")
	}
	return abs, nil
}

func (d *DevTools) readFile(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	p, err := request.RequireString("path")
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	full, err := d.resolve(p)
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	data, err := os.ReadFile(full)
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	return mcp.NewToolResultText(string(data)), nil
}

func (d *DevTools) listDir(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	full, err := d.resolve(request.GetString("path", "."))
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	entries, err := os.ReadDir(full)
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return mcp.NewToolResultText(strings.Join(names, "\n")), nil
}

func (d *DevTools) getIssue(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	owner := request.GetString("owner", "")
	repo := request.GetString("repo", "")
	number := request.GetInt("number", 0)
	endpoint := fmt.Sprintf("https://api.github.com/repos/%s/%s/issues/%d", url.PathEscape(owner), url.PathEscape(repo), number)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/vnd.github+json")
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	resp, err := d.client.Do(req.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var issue map[string]any
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&issue); err != nil {
		return nil, err
	}
	return mcp.NewToolResultText(fmt.Sprint(issue["title"])), nil
}

func (d *DevTools) queryNotes(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	term := request.GetString("term", "")
	rows, err := d.db.QueryContext(ctx, "SELECT title FROM notes WHERE body LIKE ? ORDER BY updated DESC LIMIT 50", "%"+term+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var titles []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		titles = append(titles, t)
	}
	return mcp.NewToolResultText(strings.Join(titles, "\n")), nil
}

var tasks = map[string][]string{
	"test":  {"go", "test", "./..."},
	"vet":   {"go", "vet", "./..."},
	"build": {"go", "build", "./..."},
}

func (d *DevTools) runTask(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	task := request.GetString("task", "")
	argv, ok := tasks[task]
	if !ok {
		return mcp.NewToolResultError("unknown task " + task), nil
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = d.root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return mcp.NewToolResultError(string(out)), nil
	}
	return mcp.NewToolResultText(string(out)), nil
}
