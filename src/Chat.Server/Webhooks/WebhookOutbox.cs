using System.Text.Json;
using System.Text.Json.Serialization;
using Chat.Server.Storage;

namespace Chat.Server.Webhooks;

/// <summary>
/// Where the features write their events: <see cref="Record"/> adds one to the caller's unit of work, so it is stored in
/// the same transaction as the change, or not at all. While no subscription exists, nothing is recorded (a subscription
/// follows what happens from its creation on); every node learns of subscriptions from the dispatcher's turns.
/// </summary>
public sealed class WebhookOutbox(TimeProvider clock)
{
    /// <summary>How event data and envelopes are written: camelCase names, enums by name, as the REST API answers.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    private volatile bool recording;

    /// <summary>Whether any subscription exists, as this node last saw.</summary>
    public bool Recording => recording;

    public void Follow(bool anySubscription) => recording = anySubscription;

    public void Record(ChatDbContext db, string type, Guid? conversationId, object data)
    {
        if (!recording)
        {
            return;
        }

        var now = clock.GetUtcNow();
        db.Add(new WebhookEventRecord
        {
            Id = Guid.CreateVersion7(now),
            Type = type,
            ConversationId = conversationId,
            Data = JsonSerializer.Serialize(data, Json),
            OccurredAt = now,
        });
    }
}
