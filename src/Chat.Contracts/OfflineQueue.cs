namespace Chat.Contracts;

/// <summary>Where a queued item waits: one staff member, or a department's pool.</summary>
public enum QueueTargetKind
{
    Staff,
    Pool,
}

/// <summary>Where a queued item is in its life.</summary>
public enum QueuedItemState
{
    Queued,
    Delivered,
    Acknowledged,
}

/// <summary>
/// Something nobody could take live (a handoff, a visitor's message, an offline request), delivered to a
/// console at least once: the console acknowledges it by <see cref="Id"/> and drops a repeated id.
/// <see cref="Payload"/> is JSON whose shape depends on <see cref="Kind"/>.
/// </summary>
public sealed record QueuedItem(
    Guid Id,
    string Kind,
    QueueTargetKind TargetKind,
    string Target,
    Guid? ConversationId,
    string Payload,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    int Attempt);

/// <summary>A line of the console's due list (R7): an open written request, nearest due time first.</summary>
public sealed record DueItem(
    Guid Id,
    string Kind,
    QueueTargetKind TargetKind,
    string Target,
    Guid? ConversationId,
    string? VisitorName,
    QueuedItemState State,
    DateTimeOffset DueAt,
    bool Overdue,
    DateTimeOffset? NoticeSentAt);

/// <summary>What a visitor leaves in the offline form: the message and how to reach them (at least one contact).</summary>
public sealed record OfflineMessage(Guid ClientMessageId, string Text, string? Email, string? Phone);

/// <summary>The answer to the offline form: the stored message and when the answer will come.</summary>
public sealed record OfflineMessageResult(ChatMessage Message, Guid RequestId, DateTimeOffset AnswerBy, string Notice);
