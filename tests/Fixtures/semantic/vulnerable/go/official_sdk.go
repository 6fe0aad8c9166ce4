package main

import (
	"context"
	"os"
	"os/exec"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

type ScriptArgs struct {
	Script string `json:"script" jsonschema:"the script to run"`
	Shell  string `json:"shell,omitempty" jsonschema:"which shell"`
}

type ReadArgs struct {
	Path string `json:"path" jsonschema:"file to read"`
}

func runScript(ctx context.Context, req *mcp.CallToolRequest, args ScriptArgs) (*mcp.CallToolResult, any, error) {
	out, err := exec.CommandContext(ctx, "bash", "-c", args.Script).Output() // EXPECT: MCP-TAINT-CMD-001
	if err != nil {
		return nil, nil, err
	}
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: string(out)}}}, nil, nil
}

func readFile(ctx context.Context, req *mcp.CallToolRequest, args ReadArgs) (*mcp.CallToolResult, any, error) {
	f, err := os.Open(args.Path) // EXPECT: MCP-TAINT-PATH-001
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return &mcp.CallToolResult{}, nil, nil
}

func main() {
	server := mcp.NewServer(&mcp.Implementation{Name: "scripts", Version: "v1.0.0"}, nil)
	mcp.AddTool(server, &mcp.Tool{Name: "run_script", Description: "Run a shell script"}, runScript)
	mcp.AddTool(server, &mcp.Tool{Name: "read_file", Description: "Read a file"}, readFile)
	_ = server.Run(context.Background(), &mcp.StdioTransport{})
}
