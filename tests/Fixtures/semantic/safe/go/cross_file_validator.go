// Handlers whose path check lives in another file of the package (validatePath in paths.go): the engine cannot see
// the check, so it gives no verdict instead of reporting every caller of a real validator.
package tools

import (
	"fmt"
	"os"

	"github.com/mark3labs/mcp-go/mcp"
)

func handleRead(request mcp.CallToolRequest, roots []string) (*mcp.CallToolResult, error) {
	p, ok := request.GetArguments()["path"].(string)
	if !ok {
		return nil, fmt.Errorf("path must be a string")
	}
	valid, err := validatePath(p, roots)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(valid)
	if err != nil {
		return nil, err
	}
	return mcp.NewToolResultText(string(data)), nil
}

func handleRemove(request mcp.CallToolRequest, roots []string) (*mcp.CallToolResult, error) {
	target, err := paths.SafeJoin(roots[0], request.GetString("path", ""))
	if err != nil {
		return nil, err
	}
	return nil, os.Remove(target)
}
