using System.Net.Sockets;

namespace McpSentinel.Core.Intel;

/// <summary>Downloads the OSV ecosystem exports (<c>{base}/{ecosystem}/all.zip</c>) and imports them. Every failure
/// (no network, DNS, refused connection, HTTP error, timeout) is returned as a message: the caller says it aloud.</summary>
public sealed class IntelUpdater(HttpClient http, IntelStore store, TimeProvider time)
{
    public const string DefaultBaseUrl = "https://osv-vulnerabilities.storage.googleapis.com";
    public static readonly IReadOnlyList<string> DefaultEcosystems = [Ecosystems.Npm, Ecosystems.PyPI];

    public sealed record Outcome(string Ecosystem, bool Ok, string Message);

    public async Task<IReadOnlyList<Outcome>> UpdateAsync(string baseUrl, IReadOnlyList<string> ecosystems, CancellationToken cancellationToken)
    {
        var outcomes = new List<Outcome>();
        foreach (var ecosystem in ecosystems)
        {
            var url = baseUrl.TrimEnd('/') + "/" + Uri.EscapeDataString(ecosystem) + "/all.zip";
            var temp = Path.Combine(Path.GetTempPath(), $"mcp-sentinel-osv-{ecosystem}-{Guid.NewGuid():N}.zip");
            try
            {
                using (var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
                {
                    if (!response.IsSuccessStatusCode)
                    {
                        outcomes.Add(new Outcome(ecosystem, false, $"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}"));
                        continue;
                    }
                    await using var file = File.Create(temp);
                    await response.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                }
                var result = store.Import(temp, time.GetUtcNow(), url);
                outcomes.Add(new Outcome(ecosystem, true, $"{url}: {result.AdvisoriesImported} advisories from {result.FilesRead} records" + (result.FilesRejected > 0 ? $", {result.FilesRejected} rejected" : "")));
            }
            catch (HttpRequestException ex)
            {
                var reason = ex.InnerException is SocketException se ? se.SocketErrorCode.ToString() : ex.HttpRequestError.ToString();
                outcomes.Add(new Outcome(ecosystem, false, $"{url}: the network is not reachable ({reason}: {ex.Message})"));
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                outcomes.Add(new Outcome(ecosystem, false, $"{url}: timed out"));
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                outcomes.Add(new Outcome(ecosystem, false, $"{url}: {ex.GetType().Name}: {ex.Message}"));
            }
            finally
            {
                try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
        return outcomes;
    }
}
