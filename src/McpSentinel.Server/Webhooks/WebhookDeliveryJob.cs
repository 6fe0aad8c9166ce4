using System.Net.Http.Headers;
using System.Text;
using Hangfire;
using Hangfire.Server;
using McpSentinel.Storage.Stores;
using Microsoft.Extensions.Logging;

namespace McpSentinel.Server.Webhooks;

/// <summary>Posts one delivery. A failure (network error or non-2xx) is logged in the delivery row and thrown, so
/// the queue retries it with growing delays.</summary>
public sealed class WebhookDeliveryJob(WebhookStore hooks, IHttpClientFactory http, TimeProvider time, ILogger<WebhookDeliveryJob> logger)
{
    public const string HttpClientName = "webhooks";

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [2, 10, 60, 300, 1800], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [Queue("webhooks")]
    public async Task DeliverAsync(long deliveryId, PerformContext? context, CancellationToken cancellationToken)
    {
        var delivery = await hooks.GetDeliveryAsync(deliveryId, cancellationToken).ConfigureAwait(false);
        if (delivery is null || delivery.Succeeded) return;
        var hook = await hooks.GetAsync(delivery.WebhookId, cancellationToken).ConfigureAwait(false);
        if (hook is null || !hook.Enabled) return;

        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-Sentinel-Event", delivery.Event);
        request.Headers.Add("X-Sentinel-Delivery", delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Create(hook.Secret, time.GetUtcNow().ToUnixTimeSeconds(), body));
        int? status = null;
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) throw new HttpRequestException($"the receiver answered {status}");
            await hooks.RecordAttemptAsync(deliveryId, status, null, succeeded: true, CancellationToken.None).ConfigureAwait(false);
            logger.LogInformation("webhook delivery {DeliveryId} delivered ({Status})", deliveryId, status);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await hooks.RecordAttemptAsync(deliveryId, status, ex.Message, succeeded: false, CancellationToken.None).ConfigureAwait(false);
            logger.LogWarning("webhook delivery {DeliveryId} failed: {Error}", deliveryId, ex.Message);
            throw;
        }
    }
}
