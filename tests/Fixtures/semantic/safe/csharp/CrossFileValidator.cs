// A tool whose path check lives in another class (PathGuard.EnsureInsideRoot in PathGuard.cs): the engine cannot see
// the check, so it gives no verdict instead of reporting every caller of a real validator.
using System.ComponentModel;
using ModelContextProtocol.Server;

namespace FileServer;

[McpServerToolType]
public sealed class GuardedFileTools(PathGuard guard)
{
    [McpServerTool, Description("Read a file inside the configured roots.")]
    public string Read(string path)
    {
        var full = guard.EnsureInsideRoot(path);
        return File.ReadAllText(full);
    }

    [McpServerTool, Description("Delete a file inside the configured roots.")]
    public void Delete(string path) => File.Delete(PathGuard.ValidatePath(path));
}
