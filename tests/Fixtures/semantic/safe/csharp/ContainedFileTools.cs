using System.ComponentModel;
using ModelContextProtocol.Server;

namespace FileServer;

[McpServerToolType]
public sealed class ContainedFileTools
{
    private static readonly string Root = Path.GetFullPath("/srv/files");

    [McpServerTool, Description("Read a file under the root.")]
    public string Read(string path)
    {
        var full = Path.GetFullPath(Path.Combine(Root, path));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new UnauthorizedAccessException("outside the root");
        return File.ReadAllText(full);
    }

    [McpServerTool, Description("Delete a file under the root.")]
    public void Delete(string path)
    {
        var full = Path.GetFullPath(path, Root);
        var relative = Path.GetRelativePath(Root, full);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            throw new UnauthorizedAccessException("outside the root");
        File.Delete(full);
    }

    [McpServerTool, Description("Open a file by name.")]
    public byte[] Open(string name) => File.ReadAllBytes(Path.Combine(Root, Path.GetFileName(name)));

    [McpServerTool, Description("Write inside the root.")]
    public void Write(string path, string content)
    {
        string full = Path.GetFullPath(Path.Combine(Root, path));
        if (full.StartsWith(Root + "/", StringComparison.Ordinal))
        {
            File.WriteAllText(full, content);
        }
    }
}
