using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Chat.Server.Storage;

namespace Chat.Server.Webhooks;

/// <summary>
/// Where the features write their events: <see cref="Record"/> adds one to the caller's unit of work, so it is stored in
/// the same transaction as the change, or not at all. Only the types some subscription (active or paused) wants are
/// recorded (a subscription follows what happens from its creation on); every node learns of subscriptions from the
/// dispatcher's turns, and the node that makes one at once.
/// </summary>
public sealed class WebhookOutbox(TimeProvider clock)
{
    /// <summary>How event data and envelopes are written: camelCase names, enums by name, as the REST API answers.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    private volatile FrozenSet<string> followed = FrozenSet<string>.Empty;

    /// <summary>Whether a subscription wants events of this type, as this node last saw.</summary>
    public bool Wants(string type) => followed.Contains(type);

    /// <summary>The types the subscriptions want, read on every dispatcher turn.</summary>
    public void Follow(IEnumerable<string> types) => followed = types.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>A subscription made on this node: its types are recorded from now on, before the next turn.</summary>
    public void Add(IEnumerable<string> types) => followed = followed.Union(types).ToFrozenSet(StringComparer.Ordinal);

    public void Record(ChatDbContext db, string type, Guid? conversationId, object data)
    {
        if (!Wants(type))
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
