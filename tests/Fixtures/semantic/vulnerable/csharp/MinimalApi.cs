using System.Diagnostics;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/files", (string path) => Results.Text(File.ReadAllText(path))); // EXPECT: MCP-TAINT-PATH-001

app.MapPost("/run", async (HttpRequest request) =>
{
    var command = request.Query["cmd"].ToString();
    using var process = Process.Start("cmd.exe", "/c " + command); // EXPECT: MCP-TAINT-CMD-001
    await process!.WaitForExitAsync();
    return Results.Ok();
});

app.MapGet("/hello", ([FromQuery] string name) => new HtmlString("<p>Hello " + name + "</p>")); // EXPECT: MCP-TAINT-XSS-001

app.MapGet("/proxy", async (HttpContext context, IHttpClientFactory factory) =>
{
    var target = context.Request.Query["url"].ToString();
    var client = factory.CreateClient();
    return await client.GetStringAsync(target); // EXPECT: MCP-TAINT-SSRF-001
});

app.Run();
