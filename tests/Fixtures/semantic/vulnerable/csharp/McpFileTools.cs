using System.ComponentModel;
using ModelContextProtocol.Server;

namespace FileServer;

[McpServerToolType]
public sealed class FileTools
{
    private const string Root = "/srv/files";

    [McpServerTool, Description("Read a file.")]
    public string ReadFile([Description("Path of the file")] string path) =>
        File.ReadAllText(path); // EXPECT: MCP-TAINT-PATH-001

    [McpServerTool, Description("Write a file under the root.")]
    public void WriteFile(string name, string content)
    {
        // Path.Combine returns the second path when it is absolute, and keeps "../": no containment.
        var target = Path.Combine(Root, name);
        File.WriteAllText(target, content); // EXPECT: MCP-TAINT-PATH-001
    }

    [McpServerTool, Description("Delete a file.")]
    public void DeleteFile(string path)
    {
        if (!path.StartsWith(Root, StringComparison.Ordinal)) // not resolved first: "/srv/files/../../etc/x" passes
            throw new InvalidOperationException("outside root");
        File.Delete(path); // EXPECT: MCP-TAINT-PATH-001
    }

    [McpServerTool, Description("List a folder.")]
    public string[] List(string folder)
    {
        var full = Path.GetFullPath(folder);
        return Directory.GetFiles(full); // EXPECT: MCP-TAINT-PATH-001
    }
}
