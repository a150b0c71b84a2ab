using System.Net.Http.Headers;
using System.Text;
using Chat.Contracts;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Chat.Server.Webhooks;

/// <summary>What one delivery came to: delivered or not, after how many attempts, and the last answer or error.</summary>
public readonly record struct DeliveryResult(bool Delivered, int Attempts, int? StatusCode, string? Error);

/// <summary>
/// Sends one event to one subscription: a POST of its JSON envelope, signed, retried with exponential back-off and
/// jitter (Polly) while the receiver fails (5xx, 408, 429), times out or cannot be reached. Every attempt carries the same
/// event id; its timestamp and signature are those of the attempt.
/// </summary>
public sealed class WebhookSender(HttpClient http, IOptions<WebhookOptions> options)
{
    public const string ClientName = "webhooks";

    private readonly ResiliencePipeline<HttpResponseMessage> pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>
    {
        TimeProvider = TimeProvider.System,
    }
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = options.Value.AttemptsPerTurn - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.Value.RetryDelay,
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>()
                .Handle<TimeoutRejectedException>()
                .HandleResult(r => (int)r.StatusCode >= 500 || (int)r.StatusCode is 408 or 429),
        })
        .AddTimeout(options.Value.Timeout)
        .Build();

    public async Task<DeliveryResult> SendAsync(Uri url, string secret, Guid eventId, string body, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(
                async (ctx, _) =>
                {
                    attempts++;
                    try
                    {
                        using var request = Request(url, secret, eventId, body);
                        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken);
                        response.Dispose();
                        return Outcome.FromResult(response);
                    }
                    catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                    {
                        return Outcome.FromException<HttpResponseMessage>(e is OperationCanceledException ? new TimeoutRejectedException("The receiver did not answer in time.", e) : e);
                    }
                },
                context,
                0);
            if (outcome.Exception is { } error)
            {
                return new DeliveryResult(false, attempts, null, Describe(error));
            }

            var status = (int)outcome.Result!.StatusCode;
            return new DeliveryResult(outcome.Result.IsSuccessStatusCode, attempts, status, outcome.Result.IsSuccessStatusCode ? null : $"The receiver answered {status}.");
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static HttpRequestMessage Request(Uri url, string secret, Guid eventId, string body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookHeaders.Id, eventId.ToString());
        request.Headers.Add(WebhookHeaders.Timestamp, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookHeaders.Signature, WebhookSignature.Sign(secret, eventId, timestamp, body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Chat-Webhooks", "1"));
        return request;
    }

    private static string Describe(Exception error)
    {
        var text = error is TimeoutRejectedException ? "The receiver did not answer in time." : error.GetBaseException().Message;
        return text.Length > 500 ? text[..500] : text;
    }
}
