using Chat.Contracts;
using Chat.Server.Pipeline;

namespace Chat.Server.Conversations;

/// <summary>
/// The hot path of the message store: appends a batch of messages in one transaction, each with the next sequence number of
/// its conversation, and moves each conversation's inbox line; an agent's message marks the offline-queue items of its
/// conversation answered (R7), in the same transaction. A client id stored before (a retry, or the same send
/// racing in through another node) is answered with the original, never stored twice; a batch is stored whole or not at
/// all. Everything else about messages reads and writes through EF Core; the schema stays under its migrations.
/// </summary>
public interface IMessageLog
{
    /// <summary>One outcome per append, in the batch's order.</summary>
    Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<MessageAppend> batch, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// A message to store and what it does to its conversation: the inbox line shows <see cref="Preview"/> (when it has one), the conversation's
/// topic becomes <see cref="Topic"/> when one is given, and an agent's message takes a conversation nobody has taken yet
/// (<see cref="TakesConversation"/>, the first-reply rule).
/// </summary>
public sealed record MessageAppend(Guid ConversationId, Caller Sender, Guid ClientMessageId, string Text, IReadOnlyList<AttachmentRef>? Attachments = null)
{
    /// <summary>The longest inbox line, in characters.</summary>
    public const int PreviewLength = 200;

    public string? Topic { get; init; }

    /// <summary>The connection that sent it: it has the message in its answer, so the push leaves it out.</summary>
    public string? FromConnection { get; init; }

    public bool TakesConversation { get; init; } = Sender.Kind == SenderKind.Agent;

    /// <summary>
    /// The text, or the first file's name for a message of files only; cut to <see cref="PreviewLength"/>. Null for an
    /// automatic (System) message: the line keeps showing what the people wrote.
    /// </summary>
    public string? Preview
    {
        get
        {
            if (Sender.Kind == SenderKind.System)
            {
                return null;
            }

            var preview = Text.Length == 0 && Attachments is { Count: > 0 } ? Attachments[0].FileName : Text;
            return preview.Length > PreviewLength ? preview[..PreviewLength] : preview;
        }
    }
}

/// <summary>
/// What became of one append: the message as stored (the original when <see cref="Duplicate"/>), its conversation's inbox
/// line right after the batch (null for a duplicate) and whether this batch took the conversation. No message: no such conversation.
/// </summary>
public readonly record struct AppendOutcome(ChatMessage? Message, ConversationSummary? Conversation, bool Duplicate, bool NewlyAssigned)
{
    public static AppendOutcome NotFound => default;

    public static AppendOutcome Earlier(ChatMessage message) => new(message, null, true, false);
}
