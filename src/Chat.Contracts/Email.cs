namespace Chat.Contracts;

/// <summary>Where an agent's answer by e-mail stands: waiting to be sent, accepted by the mail server, or not sent (being tried again, or refused).</summary>
public enum EmailSendState
{
    Queued,
    Sent,
    Failed,
}

/// <summary>The sending of one message of an e-mail conversation as mail; <see cref="Error"/> says why it failed.</summary>
public sealed record EmailState(Guid ConversationId, Guid MessageId, EmailSendState Status, string? Error = null);

/// <summary>An e-mail conversation as the console shows it: its subject and the sending of each answer sent or being sent by mail.</summary>
public sealed record EmailThread(Guid ConversationId, string? Subject, IReadOnlyList<EmailState> States);
