using Chat.Contracts;
using Chat.Server.Attachments;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Chat.Server.Email;

/// <summary>
/// The database side of answering by mail. The stored agent message is the outbox's row (committed by the message path
/// itself); its outgoing <see cref="EmailMessageRecord"/> fixes the mail's Message-ID before the first try and records how
/// the sending went. Only messages after the conversation's first incoming mail are sent, and only to its mailbox.
/// </summary>
/// <summary>An answer made ready to send: its mail (null when it was refused while being made), its record, and whether it was never tried.</summary>
public sealed record PreparedMail(MimeMessage? Mail, EmailMessageRecord Record, bool Queued);

public sealed class EmailOutbox(ChatDbContext db, AttachmentStore attachments, IOptions<EmailOptions> options, TimeProvider clock)
{
    private const int Batch = 50;
    private const int MaxReferences = 20;

    /// <summary>
    /// The ids of the messages of <paramref name="box"/>'s conversations that wait to go out, oldest first. It reads only
    /// the messages of the conversations the box's mails opened (through the messages' conversation index), so its cost
    /// grows with the e-mail conversations, not with all the chat's messages.
    /// </summary>
    public async Task<List<Guid>> PendingAsync(MailboxOptions box, CancellationToken cancellationToken)
    {
        var mails = db.Set<EmailMessageRecord>();
        var incoming = mails.Where(e => e.MailboxKey == box.Key && e.Direction == EmailDirection.Incoming);
        var conversations = incoming.Select(e => e.ConversationId).Distinct();
        return await db.Messages.AsNoTracking()
            .Where(m => conversations.Contains(m.ConversationId)
                && (m.Sender == SenderKind.Agent || mails.Any(e => e.ChatMessageId == m.Id))
                && incoming.Any(e => e.ConversationId == m.ConversationId && e.At < m.SentAt)
                && !mails.Any(e => e.ChatMessageId == m.Id && (e.Status == EmailSendStatus.Sent || e.Status == EmailSendStatus.Refused)))
            .OrderBy(m => m.SentAt).ThenBy(m => m.Sequence)
            .Select(m => m.Id)
            .Take(Batch)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Puts a message that is not an agent's (the longer-work notice) into the outbox of an e-mail conversation; nothing
    /// for other channels. Once per message however often it is called.
    /// </summary>
    public async Task QueueAsync(Guid conversationId, Guid messageId, CancellationToken cancellationToken)
    {
        var mails = await MailsAsync(conversationId, cancellationToken);
        if (LastIncoming(mails) is not { } incoming || options.Value.Mailboxes.FirstOrDefault(b => b.Key == incoming.MailboxKey) is not { } box
            || mails.Any(e => e.ChatMessageId == messageId))
        {
            return;
        }

        db.Add(Outgoing(box, mails, incoming, messageId));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The message's mail, its Message-ID fixed (the outgoing record is made on its first turn), and whether it was never
    /// tried; null when it is gone. A mail that cannot be made (an attached file is no longer stored) is refused for good
    /// and has no <see cref="PreparedMail.Mail"/>, so the answers after it still go.
    /// </summary>
    public async Task<PreparedMail?> PrepareAsync(MailboxOptions box, Guid messageId, CancellationToken cancellationToken)
    {
        var message = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        var mails = message is null ? [] : await MailsAsync(message.ConversationId, cancellationToken);
        if (message is null || LastIncoming(mails) is not { Address: not null } incoming)
        {
            return null;
        }

        var record = mails.SingleOrDefault(e => e.ChatMessageId == messageId);
        var queued = record is null || record.Attempts == 0;
        if (record is null)
        {
            record = Outgoing(box, mails, incoming, messageId);
            db.Add(record);
            await db.SaveChangesAsync(cancellationToken);
        }

        var thread = mails.Where(e => e.Direction == EmailDirection.Incoming || e.Status == EmailSendStatus.Sent).OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        var visitor = await db.Conversations.AsNoTracking().Where(c => c.Id == message.ConversationId).Select(c => c.VisitorName).SingleAsync(cancellationToken);
        var mail = new MimeMessage { MessageId = record.MessageId, Subject = Reply(record.Subject), Date = message.SentAt };
        mail.From.Add(new MailboxAddress(message.SenderName, box.Address));
        mail.To.Add(new MailboxAddress(visitor, incoming.Address));
        if (MailFilter.IsRealMessageId(incoming.MessageId))
        {
            mail.InReplyTo = incoming.MessageId;
        }

        foreach (var id in thread.Select(e => e.MessageId).Where(MailFilter.IsRealMessageId).TakeLast(MaxReferences))
        {
            mail.References.Add(id);
        }

        var files = message.Attachments ?? [];
        if (files.Any(file => !File.Exists(attachments.PathOf(file.Id))))
        {
            mail.Dispose();
            await RecordAsync(record, EmailSendStatus.Refused, SendErrors.AttachmentMissing, cancellationToken);
            return new PreparedMail(null, record, queued);
        }

        var body = new BodyBuilder { TextBody = message.Text };
        foreach (var file in files)
        {
            body.Attachments.Add(file.FileName, await File.ReadAllBytesAsync(attachments.PathOf(file.Id), cancellationToken), ContentType.Parse(file.ContentType));
        }

        mail.Body = body.ToMessageBody();
        return new PreparedMail(mail, record, queued);
    }

    /// <summary>Records a try: sent, failed (tried again) or refused for good, with the reason.</summary>
    public async Task<EmailState> RecordAsync(EmailMessageRecord record, EmailSendStatus status, string? error, CancellationToken cancellationToken)
    {
        db.Attach(record);
        record.Status = status;
        record.LastError = error;
        record.Attempts++;
        if (status == EmailSendStatus.Sent)
        {
            record.At = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
        return State(record);
    }

    /// <summary>The conversation's subject and the sending of its answers, or null for a conversation that is not e-mail.</summary>
    public async Task<EmailThread?> ThreadAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var mails = await db.Set<EmailMessageRecord>().AsNoTracking().Where(e => e.ConversationId == conversationId)
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return mails.Count == 0 ? null
            : new EmailThread(conversationId, mails[0].Subject, [.. mails.Where(e => e.Direction == EmailDirection.Outgoing).Select(State)]);
    }

    public static EmailState State(EmailMessageRecord record) => new(record.ConversationId, record.ChatMessageId ?? Guid.Empty,
        record.Status switch
        {
            EmailSendStatus.Sent => EmailSendState.Sent,
            EmailSendStatus.Failed or EmailSendStatus.Refused => EmailSendState.Failed,
            _ => EmailSendState.Queued,
        },
        record.LastError);

    /// <summary>The conversation's mails, in and out, in the order they were recorded (tracked: an answer's record is updated).</summary>
    private Task<List<EmailMessageRecord>> MailsAsync(Guid conversationId, CancellationToken cancellationToken) =>
        db.Set<EmailMessageRecord>().Where(e => e.ConversationId == conversationId).OrderBy(e => e.Id).ToListAsync(cancellationToken);

    /// <summary>The client's latest mail in the conversation: whom the answer goes to and what it answers.</summary>
    private static EmailMessageRecord? LastIncoming(List<EmailMessageRecord> mails) => mails.LastOrDefault(e => e.Direction == EmailDirection.Incoming);

    /// <summary>
    /// The outgoing record of <paramref name="messageId"/> under the subject of the conversation's first mail: its
    /// Message-ID made from the message's id, so every try sends the same mail.
    /// </summary>
    private EmailMessageRecord Outgoing(MailboxOptions box, List<EmailMessageRecord> mails, EmailMessageRecord incoming, Guid messageId)
    {
        var now = clock.GetUtcNow();
        return new EmailMessageRecord
        {
            Id = Guid.CreateVersion7(now),
            MailboxKey = box.Key,
            MessageId = $"{messageId:N}@{box.Domain}",
            ConversationId = incoming.ConversationId,
            Direction = EmailDirection.Outgoing,
            Subject = mails[0].Subject,
            Address = incoming.Address,
            ChatMessageId = messageId,
            Status = EmailSendStatus.Queued,
            At = now,
        };
    }

    /// <summary>"Re: " and the conversation's subject, once however often the client answered.</summary>
    private static string Reply(string? subject)
    {
        var topic = (subject ?? string.Empty).Trim();
        while (topic.StartsWith("Re:", StringComparison.OrdinalIgnoreCase))
        {
            topic = topic[3..].TrimStart();
        }

        return topic.Length > 0 ? $"Re: {topic}" : "Re:";
    }
}

/// <summary>The subject of an e-mail conversation and the sending state of its answers.</summary>
public sealed record GetEmailThread(Caller Caller, Guid ConversationId) : IQuery<EmailThread?>, IConversationRequest;

public sealed class GetEmailThreadHandler(EmailOutbox outbox) : IQueryHandler<GetEmailThread, EmailThread?>
{
    public async ValueTask<EmailThread?> Handle(GetEmailThread query, CancellationToken cancellationToken) =>
        await outbox.ThreadAsync(query.ConversationId, cancellationToken);
}
