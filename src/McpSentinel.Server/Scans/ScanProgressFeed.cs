using System.Runtime.CompilerServices;
using McpSentinel.Storage.Entities;
using McpSentinel.Storage.Stores;

namespace McpSentinel.Server.Scans;

/// <summary>
/// Follows one scan for the streaming APIs (GraphQL subscriptions, gRPC): yields the scan each time its status or
/// progress changes, and ends after the final state. It reads the database, not in-process events, because the
/// worker running the scan may be another process on another machine.
/// </summary>
public sealed class ScanProgressFeed(ScanStore scans, TimeProvider time)
{
    /// <summary>How often the scan's row is read.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Nothing at all when the scan does not exist.</summary>
    public async IAsyncEnumerable<ScanEntity> WatchAsync(Guid scanId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        (string Status, int Done, int Total, bool Cancel)? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var scan = await scans.GetScanStatusAsync(scanId, cancellationToken).ConfigureAwait(false);
            if (scan is null) yield break;
            var state = (scan.Status, scan.FilesDone, scan.FilesTotal, scan.CancelRequested);
            if (last != state)
            {
                last = state;
                yield return scan;
            }
            if (ScanStatus.IsFinal(scan.Status)) yield break;
            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
