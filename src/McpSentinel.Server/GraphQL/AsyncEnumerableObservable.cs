namespace McpSentinel.Server.GraphQL;

/// <summary>An observable over an async sequence, started per subscriber and stopped when the subscription is disposed
/// (graphql-dotnet's subscription fields return observables).</summary>
public sealed class AsyncEnumerableObservable<T>(Func<CancellationToken, IAsyncEnumerable<T>> source) : IObservable<T>
{
    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var cts = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source(cts.Token).WithCancellation(cts.Token).ConfigureAwait(false)) observer.OnNext(item);
                observer.OnCompleted();
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                // unsubscribed
            }
            catch (Exception ex)
            {
                observer.OnError(ex);
            }
        });
        return new Subscription(cts);
    }

    private sealed class Subscription(CancellationTokenSource cts) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            cts.Cancel();
        }
    }
}
