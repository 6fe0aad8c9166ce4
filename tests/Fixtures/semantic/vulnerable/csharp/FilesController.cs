using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Api.Controllers;

[ApiController]
[Route("api/[controller]")]
public sealed class FilesController : ControllerBase
{
    [HttpGet("download")]
    public IActionResult Download([FromQuery] string name) =>
        PhysicalFile(Path.Combine("/srv/files", name), "application/octet-stream"); // EXPECT: MCP-TAINT-PATH-001

    [HttpPost("exec")]
    public IActionResult Exec()
    {
        var script = Request.Form["script"].ToString();
        var psi = new ProcessStartInfo("bash");
        psi.Arguments = $"-c \"{script}\""; // EXPECT: MCP-TAINT-CMD-001
        Process.Start(psi);
        return Ok();
    }

    [HttpGet("read")]
    public string Read(string file, bool strict)
    {
        if (strict)
        {
            var full = Path.GetFullPath(Path.Combine("/srv/files", file));
            if (!full.StartsWith("/srv/files/", StringComparison.Ordinal)) throw new UnauthorizedAccessException();
            return System.IO.File.ReadAllText(full);
        }
        // The containment check above guards only the strict branch.
        return ReadUnchecked(file);
    }

    private static string ReadUnchecked(string file) =>
        System.IO.File.ReadAllText("/srv/files/" + file); // EXPECT: MCP-TAINT-PATH-001
}
