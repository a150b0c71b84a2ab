using System.Text.Json;
using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.Handoff;
using Chat.Server.OfflineQueue;
using Chat.Server.Pipeline;
using Chat.Server.Policy;
using Chat.Server.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Email;

/// <summary>A mail read from a mailbox, parsed and judged fit (<see cref="MailFilter"/>), with the files it carries (<see cref="MailFilter.Files"/>).</summary>
public sealed record IncomingMail(
    string MessageKey, IReadOnlyList<string> ThreadKeys, string SenderAddress, string SenderName, string? Subject, string Text, long Uid, IReadOnlyList<MailFile> Files);

/// <summary>
/// Stores what a mail brings, each step once however often the mail is read (each keyed by the mail's Message-ID): its
/// conversation (a reply joins the one it answers), the due item of a new conversation, the message itself through the
/// visitors' message path (<see cref="SendMessage"/>: sequence, push to the consoles, webhooks and the untaken-message queue)
/// with the files the attachment rules keep (<see cref="MailAttachments"/>), and for the shared box the handoff card the
/// policy routes the sender's account to; then the mailbox's progress.
/// </summary>
public sealed partial class EmailIntake(
    ChatDbContext db,
    IMediator mediator,
    MailAttachments attachments,
    HandoffRouter router,
    HandoffDesk desk,
    OfflineItems items,
    IDuePolicy due,
    IVisitorTexts texts,
    IOptions<OfflineQueueOptions> queueOptions,
    IOptions<ConversationOptions> conversationOptions,
    TimeProvider clock,
    ILogger<EmailIntake> logger)
{

    /// <summary>Where reading the mailbox goes on under <paramref name="uidValidity"/>: after the last UID done, or from the start.</summary>
    public async Task<long> LastUidAsync(string mailboxKey, long uidValidity, CancellationToken cancellationToken)
    {
        var state = await db.Set<MailboxStateRecord>().AsNoTracking().SingleOrDefaultAsync(s => s.MailboxKey == mailboxKey, cancellationToken);
        if (state is not null && state.UidValidity != uidValidity)
        {
            // The server renumbered the mailbox: every mail is read again and the Message-IDs keep each one message.
            LogUidValidityChanged(logger, mailboxKey, state.UidValidity, uidValidity);
            return 0;
        }

        return state?.LastUid ?? 0;
    }

    /// <summary>Records that every UID up to <paramref name="uid"/> is done.</summary>
    public async Task AdvanceAsync(string mailboxKey, long uidValidity, long uid, CancellationToken cancellationToken)
    {
        var states = db.Set<MailboxStateRecord>();
        var state = await states.SingleOrDefaultAsync(s => s.MailboxKey == mailboxKey, cancellationToken);
        if (state is null)
        {
            state = new MailboxStateRecord { MailboxKey = mailboxKey };
            states.Add(state);
        }

        (state.UidValidity, state.LastUid, state.UpdatedAt) = (uidValidity, uid, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Keeps a mail aside (once per UID) that opens nothing.</summary>
    public async Task SetAsideAsync(string mailboxKey, long uidValidity, long uid, string reason, long size, CancellationToken cancellationToken)
    {
        var kept = db.Set<MailSetAsideRecord>();
        if (!await kept.AnyAsync(m => m.MailboxKey == mailboxKey && m.UidValidity == uidValidity && m.Uid == uid, cancellationToken))
        {
            var now = clock.GetUtcNow();
            kept.Add(new MailSetAsideRecord { Id = Guid.CreateVersion7(now), MailboxKey = mailboxKey, UidValidity = uidValidity, Uid = uid, Reason = reason, Size = size, At = now });
            await db.SaveChangesAsync(cancellationToken);
        }

        LogSetAside(logger, mailboxKey, uid, reason, size);
    }

    /// <summary>Stores the mail's conversation, due item, message and handoff, each once; answers the conversation's id; the box's own answer read back stores nothing.</summary>
    public async Task<Guid> ReceiveAsync(MailboxOptions box, IncomingMail mail, CancellationToken cancellationToken)
    {
        var own = await db.Set<EmailMessageRecord>().AsNoTracking()
            .Where(m => m.MailboxKey == box.Key && m.MessageId == mail.MessageKey && m.Direction == EmailDirection.Outgoing)
            .Select(m => (Guid?)m.ConversationId).FirstOrDefaultAsync(cancellationToken);
        if (own is not null)
        {
            // One of the box's own answers came back into it (a copy to itself, a client's address that forwards here): no loop.
            LogOwnAnswer(logger, box.Key, mail.Uid, own.Value);
            return own.Value;
        }

        var (conversation, opened) = await ConversationOfAsync(box, mail, cancellationToken);
        var language = conversation.Language;
        HandoffRoute? route = null;
        if (opened)
        {
            route = box.Shared ? await router.RouteAsync(await router.FindAccountByEmailAsync(mail.SenderAddress, cancellationToken), null, mail.SenderAddress, cancellationToken) : null;
            await QueueDueItemAsync(box, mail, conversation, route, cancellationToken);
        }

        var files = await attachments.KeepAsync(box, mail, conversation, cancellationToken);
        var caller = new Caller(SenderKind.Visitor, conversation.VisitorId.ToString(), conversation.VisitorName, conversation.Id, null, Language: language) { ByMail = true };
        var max = conversationOptions.Value.MaxMessageLength;
        var refused = files.RefusedLine is { } line ? "\n\n" + MailFilter.Cap(line, max / 2) : string.Empty;
        var text = (MailFilter.Cap(opened && mail.Subject is not null ? $"{mail.Subject}\n\n{mail.Text}".Trim() : mail.Text, max - refused.Length) + refused).Trim();
        var sent = await mediator.Send(
            new SendMessage(caller, conversation.Id, MailFilter.DerivedId(box.Key, mail.MessageKey, "message"), text.Length > 0 || files.Ids.Count > 0 ? text : "—", files.Ids),
            cancellationToken);
        if (route is not null)
        {
            var draft = new HandoffDraft(conversation.Id, HandoffKind.Identification, MailFilter.DerivedId(box.Key, mail.MessageKey, "handoff"),
                route.Account?.Id ?? mail.SenderAddress, null, Accounts.AccountKeys.NormaliseEmail(mail.SenderAddress), ContactMethod.Email, HandoffRules.Clean(mail.Subject));
            await desk.RelayAsync(draft, route, router.Notice(route, language), cancellationToken);
        }

        LogReceived(logger, box.Key, mail.Uid, conversation.Id, files.Ids.Count, opened, sent.Duplicate);
        return conversation.Id;
    }

    /// <summary>The conversation the mail was stored in before, the one it answers, or a new one of channel <c>email</c>.</summary>
    private async Task<(Conversation Conversation, bool Opened)> ConversationOfAsync(MailboxOptions box, IncomingMail mail, CancellationToken cancellationToken)
    {
        var mails = db.Set<EmailMessageRecord>();
        var known = await mails.AsNoTracking().SingleOrDefaultAsync(m => m.MailboxKey == box.Key && m.MessageId == mail.MessageKey, cancellationToken);
        if (known is not null)
        {
            var first = await mails.Where(m => m.ConversationId == known.ConversationId).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(cancellationToken);
            return (await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == known.ConversationId, cancellationToken), first == known.Id);
        }

        var now = clock.GetUtcNow();
        var answered = mail.ThreadKeys.Count == 0 ? null
            : await mails.AsNoTracking().Where(m => m.MailboxKey == box.Key && mail.ThreadKeys.Contains(m.MessageId)).Select(m => (Guid?)m.ConversationId).FirstOrDefaultAsync(cancellationToken);
        var conversation = answered is { } id ? await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) : null;
        var opened = conversation is null;
        if (conversation is null)
        {
            conversation = new Conversation
            {
                Id = Guid.CreateVersion7(now),
                VisitorId = Guid.NewGuid(),
                VisitorName = mail.SenderName,
                Language = texts.ResolveLanguage(null),
                Status = ConversationStatus.Open,
                Channel = ConversationChannels.Email,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Conversations.Add(conversation);
        }

        mails.Add(new EmailMessageRecord
        {
            Id = Guid.CreateVersion7(now),
            MailboxKey = box.Key,
            MessageId = mail.MessageKey,
            ConversationId = conversation.Id,
            Direction = EmailDirection.Incoming,
            Subject = mail.Subject,
            ImapUid = mail.Uid,
            At = now,
            Address = mail.SenderAddress,
        });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (conversation, opened);
    }

    /// <summary>
    /// The new conversation's due item: for a personal box its owner's, due by their shift; for the shared box the manager the
    /// policy routes the account to, or the duty pool, due by the office hours.
    /// </summary>
    private async Task QueueDueItemAsync(MailboxOptions box, IncomingMail mail, Conversation conversation, HandoffRoute? route, CancellationToken cancellationToken)
    {
        var (kind, target, dueAt) = box.Owner is { } owner
            ? (QueueTargetKind.Staff, owner, (DateTimeOffset?)null)
            : route?.AssignedLogin is { } manager
                ? (QueueTargetKind.Staff, manager, due.DueFor(clock.GetUtcNow(), null))
                : (QueueTargetKind.Pool, route?.PoolDepartment ?? queueOptions.Value.DutyPool, due.DueFor(clock.GetUtcNow(), null));
        var payload = JsonSerializer.Serialize(
            new { mailbox = box.Key, subject = mail.Subject, text = MailFilter.Cap(mail.Text, MessageAppend.PreviewLength), visitorName = conversation.VisitorName },
            JsonSerializerOptions.Web);
        await items.EnqueueAsync(new NewOfflineItem(OfflineItemKinds.Email, kind, target, conversation.Id, payload, MailFilter.DerivedId(box.Key, mail.MessageKey, "due"), dueAt),
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Mail {Uid} of mailbox {Mailbox} stored in conversation {ConversationId} with {Files} files (new conversation {Opened}, read before {Duplicate})")]
    private static partial void LogReceived(ILogger logger, string mailbox, long uid, Guid conversationId, int files, bool opened, bool duplicate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {Uid} of mailbox {Mailbox} is its own answer in conversation {ConversationId}; not stored again")]
    private static partial void LogOwnAnswer(ILogger logger, string mailbox, long uid, Guid conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {Uid} of mailbox {Mailbox} kept aside: {Reason} ({Size} bytes)")]
    private static partial void LogSetAside(ILogger logger, string mailbox, long uid, string reason, long size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {Mailbox} changed its UIDVALIDITY from {Before} to {After}; it is read again from the start")]
    private static partial void LogUidValidityChanged(ILogger logger, string mailbox, long before, long after);
}
