using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;

namespace McpSentinel.Server.GraphQL;

/// <summary>
/// One WebSocket connection speaking the graphql-transport-ws protocol
/// (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md): connection_init → connection_ack, then any
/// number of subscribe/next/complete exchanges, ping/pong. Bounded: message size, concurrent subscriptions, and the
/// time allowed before connection_init.
/// </summary>
public sealed class GraphQLWebSocketSession(WebSocket socket, IGraphQLTextSerializer serializer, Func<GraphQLRequest, Task<ExecutionResult>> execute)
{
    public const string SubProtocol = "graphql-transport-ws";
    public const int MaxMessageBytes = 64 * 1024;
    public const int MaxSubscriptions = 20;
    public static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly ConcurrentDictionary<string, IDisposable?> _subscriptions = new(StringComparer.Ordinal);
    private bool _acknowledged;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var initTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        initTimer.CancelAfter(InitTimeout);
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var token = _acknowledged ? cancellationToken : initTimer.Token;
                string? text;
                try { text = await ReceiveAsync(token).ConfigureAwait(false); }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await CloseAsync(4408, "Connection initialisation timeout").ConfigureAwait(false);
                    return;
                }
                if (text is null) return; // closed by the client, or a message too large (already closed)
                if (!await HandleAsync(text, cancellationToken).ConfigureAwait(false)) return;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
            // the client went away
        }
        finally
        {
            foreach (var sub in _subscriptions.Values) sub?.Dispose();
            _subscriptions.Clear();
        }
    }

    /// <summary>False when the connection was closed because of the message.</summary>
    private async Task<bool> HandleAsync(string text, CancellationToken cancellationToken)
    {
        string? type, id = null;
        JsonElement payload = default;
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String) throw new JsonException();
            type = t.GetString();
            if (root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String) id = i.GetString();
            if (root.TryGetProperty("payload", out var p)) payload = p.Clone();
        }
        catch (JsonException)
        {
            await CloseAsync(4400, "Invalid message").ConfigureAwait(false);
            return false;
        }

        switch (type)
        {
            case "connection_init":
                if (_acknowledged)
                {
                    await CloseAsync(4429, "Too many initialisation requests").ConfigureAwait(false);
                    return false;
                }
                _acknowledged = true;
                await SendAsync("{\"type\":\"connection_ack\"}", cancellationToken).ConfigureAwait(false);
                return true;
            case "ping":
                await SendAsync("{\"type\":\"pong\"}", cancellationToken).ConfigureAwait(false);
                return true;
            case "pong":
                return true;
            case "complete":
                if (id is not null && _subscriptions.TryRemove(id, out var done)) done?.Dispose();
                return true;
            case "subscribe":
                if (!_acknowledged)
                {
                    await CloseAsync(4401, "Unauthorized").ConfigureAwait(false);
                    return false;
                }
                if (string.IsNullOrEmpty(id) || payload.ValueKind != JsonValueKind.Object)
                {
                    await CloseAsync(4400, "Invalid message").ConfigureAwait(false);
                    return false;
                }
                if (_subscriptions.Count >= MaxSubscriptions)
                {
                    await SendErrorAsync(id, $"at most {MaxSubscriptions} subscriptions per connection", cancellationToken).ConfigureAwait(false);
                    return true;
                }
                if (!_subscriptions.TryAdd(id, null))
                {
                    await CloseAsync(4409, $"Subscriber for {id} already exists").ConfigureAwait(false);
                    return false;
                }
                await StartAsync(id, payload, cancellationToken).ConfigureAwait(false);
                return true;
            default:
                await CloseAsync(4400, "Invalid message").ConfigureAwait(false);
                return false;
        }
    }

    private async Task StartAsync(string id, JsonElement payload, CancellationToken cancellationToken)
    {
        GraphQLRequest? request;
        try { request = serializer.Deserialize<GraphQLRequest>(payload.GetRawText()); }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException) { request = null; }
        if (string.IsNullOrWhiteSpace(request?.Query))
        {
            _subscriptions.TryRemove(id, out _);
            await SendErrorAsync(id, "the payload must be a GraphQL request with a query", cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = await execute(request).ConfigureAwait(false);
        if (result.Streams is not { Count: > 0 } streams)
        {
            // a query or mutation over the socket, or a subscription that failed before it started
            _subscriptions.TryRemove(id, out _);
            if (!result.Executed && result.Errors is { Count: > 0 })
            {
                await SendAsync($"{{\"type\":\"error\",\"id\":{JsonSerializer.Serialize(id)},\"payload\":{serializer.Serialize(result.Errors)}}}", cancellationToken).ConfigureAwait(false);
                return;
            }
            await SendNextAsync(id, result, cancellationToken).ConfigureAwait(false);
            await SendCompleteAsync(id, cancellationToken).ConfigureAwait(false);
            return;
        }

        var observer = new Observer(this, id, cancellationToken);
        var subscription = streams.Values.First().Subscribe(observer);
        // the client may have completed it meanwhile
        if (!_subscriptions.TryUpdate(id, subscription, null)) subscription.Dispose();
    }

    private Task SendNextAsync(string id, ExecutionResult result, CancellationToken ct) =>
        SendAsync($"{{\"type\":\"next\",\"id\":{JsonSerializer.Serialize(id)},\"payload\":{serializer.Serialize(result)}}}", ct);

    private Task SendCompleteAsync(string id, CancellationToken ct) =>
        SendAsync($"{{\"type\":\"complete\",\"id\":{JsonSerializer.Serialize(id)}}}", ct);

    private Task SendErrorAsync(string id, string message, CancellationToken ct) =>
        SendAsync($"{{\"type\":\"error\",\"id\":{JsonSerializer.Serialize(id)},\"payload\":[{{\"message\":{JsonSerializer.Serialize(message)}}}]}}", ct);

    private async Task SendAsync(string json, CancellationToken cancellationToken)
    {
        await _send.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (socket.State != WebSocketState.Open) return;
            await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _send.Release();
        }
    }

    private async Task CloseAsync(int code, string reason)
    {
        await _send.WaitAsync().ConfigureAwait(false);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseAsync((WebSocketCloseStatus)code, reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            _send.Release();
        }
    }

    private async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await CloseAsync(1000, "").ConfigureAwait(false);
                return null;
            }
            if (message.Length + received.Count > MaxMessageBytes)
            {
                await CloseAsync(1009, $"messages are limited to {MaxMessageBytes} bytes").ConfigureAwait(false);
                return null;
            }
            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage) break;
        }
        return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
    }

    private sealed class Observer(GraphQLWebSocketSession session, string id, CancellationToken ct) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) => Run(() => session.SendNextAsync(id, value, ct));

        public void OnError(Exception error) => Run(async () =>
        {
            session._subscriptions.TryRemove(id, out _);
            await session.SendErrorAsync(id, "the subscription failed", ct).ConfigureAwait(false);
        });

        public void OnCompleted() => Run(async () =>
        {
            if (session._subscriptions.TryRemove(id, out _)) await session.SendCompleteAsync(id, ct).ConfigureAwait(false);
        });

        // observers are called synchronously from the stream; sends are serialised by the session's lock
        private static void Run(Func<Task> send)
        {
            try { send().GetAwaiter().GetResult(); }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        }
    }
}
