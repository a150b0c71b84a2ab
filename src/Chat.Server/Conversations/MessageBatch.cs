using System.Text.Json;
using Chat.Contracts;

namespace Chat.Server.Conversations;

/// <summary>What both <see cref="IMessageLog"/> implementations do alike before and after their database work.</summary>
internal static class MessageBatch
{
    /// <summary>
    /// The batch without repeats of a (conversation, client id) pair, and for each append the index of the first of its
    /// kind there: a send that arrives twice in one batch is stored once and answered twice, the second as a duplicate.
    /// </summary>
    public static (List<MessageAppend> Unique, int[] FirstOf) Deduplicate(IReadOnlyList<MessageAppend> batch)
    {
        var unique = new List<MessageAppend>(batch.Count);
        var firstOf = new int[batch.Count];
        var seen = new Dictionary<(Guid, Guid), int>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var key = (batch[i].ConversationId, batch[i].ClientMessageId);
            if (!seen.TryGetValue(key, out var first))
            {
                first = unique.Count;
                seen[key] = first;
                unique.Add(batch[i]);
            }

            firstOf[i] = first;
        }

        return (unique, firstOf);
    }

    /// <summary>One outcome per append of the original batch; a repeat within the batch is a duplicate of the first.</summary>
    public static IReadOnlyList<AppendOutcome> Expand(AppendOutcome[] outcomes, int[] firstOf)
    {
        var all = new AppendOutcome[firstOf.Length];
        var answered = new bool[outcomes.Length];
        for (var i = 0; i < firstOf.Length; i++)
        {
            var outcome = outcomes[firstOf[i]];
            all[i] = answered[firstOf[i]] && outcome.Message is { } message ? AppendOutcome.Earlier(message) : outcome;
            answered[firstOf[i]] = true;
        }

        return all;
    }

    public static ChatMessage Stored(MessageAppend append, Guid id, long sequence, DateTimeOffset at) =>
        new(append.ConversationId, sequence, id, append.ClientMessageId, append.Sender.Kind, append.Sender.Name, append.Text, at,
            append.Attachments is { Count: > 0 } ? append.Attachments : null);

    /// <summary>The attachments column: JSON, or null for a message without files (as EF Core maps it).</summary>
    public static string? AttachmentsJson(IReadOnlyList<AttachmentRef>? attachments) =>
        attachments is { Count: > 0 } ? JsonSerializer.Serialize(attachments, JsonSerializerOptions.Web) : null;

    public static IReadOnlyList<AttachmentRef>? Attachments(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<List<AttachmentRef>>(json, JsonSerializerOptions.Web) is { Count: > 0 } list ? list : null;
}
