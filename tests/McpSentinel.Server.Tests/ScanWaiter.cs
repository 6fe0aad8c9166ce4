using System.Net.Http.Json;
using McpSentinel.Server.Api;

namespace McpSentinel.Server.Tests;

/// <summary>Polls a scan until it reaches a final state (a time limit only guards against a hang).</summary>
public static class ScanWaiter
{
    public static async Task<ScanDto> WaitAsync(HttpClient client, Guid id, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var scan = (await client.GetFromJsonAsync<ScanDto>($"/api/v1/scans/{id}"))!;
            if (scan.Status is "completed" or "failed" or "cancelled") return scan;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"scan {id} still {scan.Status} ({scan.Error})");
            await Task.Delay(200);
        }
    }

    public static async Task<ScanDto> SubmitPathAsync(HttpClient client, string project, string path, IReadOnlyList<string>? engines = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/scans", new CreateScanRequest(project, path, null, engines));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"submit: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ScanDto>())!;
    }
}
