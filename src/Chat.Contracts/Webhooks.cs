namespace Chat.Contracts;

/// <summary>The events a webhook subscription can follow (docs/api.md, "Webhooks", has each one's payload).</summary>
public static class WebhookEvents
{
    public const string MessageStored = "message.stored";
    public const string HandoffCreated = "handoff.created";
    public const string HandoffAdvanced = "handoff.advanced";
    public const string ConversationAssigned = "conversation.assigned";
    public const string ConversationClosed = "conversation.closed";
    public const string OfflineRequestOverdue = "offline_request.overdue";
    public const string RatingReceived = "rating.received";

    /// <summary>Every event type a subscription may name.</summary>
    public static readonly IReadOnlyList<string> All =
        [MessageStored, HandoffCreated, HandoffAdvanced, ConversationAssigned, ConversationClosed, OfflineRequestOverdue, RatingReceived];
}

/// <summary>The headers of a delivery (the Standard Webhooks scheme): its event id, its time (Unix seconds) and its signature.</summary>
public static class WebhookHeaders
{
    public const string Id = "webhook-id";
    public const string Timestamp = "webhook-timestamp";
    public const string Signature = "webhook-signature";
}

/// <summary>A new subscription: where to deliver (https) and which events (<see cref="WebhookEvents"/>).</summary>
public sealed record WebhookRequest(string Url, IReadOnlyList<string> Events, string? Description = null);

/// <summary>
/// A subscription as the admin API lists it. <see cref="Status"/> is <c>active</c> or <c>paused</c> (after
/// repeated failures, or by an administrator; resuming it delivers what waited, in order).
/// </summary>
public sealed record WebhookInfo(
    Guid Id,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    string Status,
    int ConsecutiveFailures,
    string? LastError,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? PausedAt);

/// <summary>The answer to creating a subscription: it and, this once, its signing secret (<c>whsec_…</c>).</summary>
public sealed record CreatedWebhook(WebhookInfo Webhook, string Secret);

/// <summary>
/// One event's delivery to one subscription: <see cref="Status"/> <c>delivered</c> or <c>failing</c> (retried with
/// back-off), the attempts so far and the last answer (<see cref="LastStatusCode"/>, or <see cref="LastError"/> when
/// there was none).
/// </summary>
public sealed record WebhookDeliveryInfo(
    Guid EventId,
    string Event,
    Guid? ConversationId,
    DateTimeOffset OccurredAt,
    string Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset LastAttemptAt);
