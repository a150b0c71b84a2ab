using System.Security.Cryptography;
using System.Text;
using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.Pipeline;
using Chat.Server.Policy;
using Chat.Server.Storage;
using Chat.Server.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Handoff;

/// <summary>What a new handoff carries besides its route.</summary>
public sealed record HandoffDraft(
    Guid ConversationId,
    HandoffKind Kind,
    Guid ClientRequestId,
    string AccountGiven,
    string? Phone,
    string? Email,
    ContactMethod? PreferredChannel,
    string? Topic,
    DateTimeOffset? CallBackFrom = null,
    DateTimeOffset? CallBackTo = null,
    string? HandedOffBy = null,
    bool IdentityVerified = false);

/// <summary>
/// Stores handoffs once, builds their cards and moves them through their lifecycle: the shared work of the
/// handoff use cases.
/// </summary>
public sealed partial class HandoffDesk(
    ChatDbContext db,
    MessageWriter messages,
    HandoffNotifier notifier,
    WebhookOutbox outbox,
    IVisitorTexts visitorTexts,
    IOptions<HandoffOptions> options,
    TimeProvider clock,
    ILogger<HandoffDesk> logger)
{
    private static readonly Caller System = new(SenderKind.System, "system", "System", null, null);

    private DbSet<HandoffRecord> Handoffs => db.Set<HandoffRecord>();

    /// <summary>
    /// Stores the handoff and relays it, or returns the one stored before for the same request id or the same data
    /// in this conversation (<c>Duplicate</c>). The visitor's notice is also stored in the conversation as a system message.
    /// </summary>
    public async Task<(HandoffRecord Handoff, bool Duplicate)> RelayAsync(HandoffDraft draft, HandoffRoute route, string notice, CancellationToken cancellationToken)
    {
        var dataKey = DataKey(draft);
        var existing = await FindAsync(draft.ConversationId, draft.ClientRequestId, dataKey, cancellationToken);
        if (existing is not null)
        {
            return (existing, true);
        }

        var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == draft.ConversationId, cancellationToken);
        var now = clock.GetUtcNow();
        var account = route.Verified ? route.Account : null;
        var onFile = account is not null
            && ((draft.Phone is not null && account.PhoneList.Contains(draft.Phone)) || (draft.Email is not null && account.EmailList.Contains(draft.Email)));
        var handoff = new HandoffRecord
        {
            Id = Guid.CreateVersion7(now),
            ConversationId = draft.ConversationId,
            Kind = draft.Kind,
            Status = HandoffStatus.Relayed,
            ClientRequestId = draft.ClientRequestId,
            DataKey = dataKey,
            Language = visitorTexts.ResolveLanguage(conversation.Language),
            Verified = account is not null,
            IdentityVerified = draft.IdentityVerified,
            AccountGiven = draft.AccountGiven,
            AccountId = account?.Id,
            AccountName = account?.Name,
            Company = account?.Company,
            Tariff = route.Tariff?.Key,
            AssignedLogin = route.AssignedLogin,
            PoolDepartment = route.PoolDepartment,
            Phone = draft.Phone,
            Email = draft.Email,
            PreferredChannel = draft.PreferredChannel,
            Topic = draft.Topic,
            ContactOnFile = onFile,
            CallBackFrom = draft.CallBackFrom,
            CallBackTo = draft.CallBackTo,
            HandedOffBy = draft.HandedOffBy,
            TranscriptUpTo = conversation.LastSequence,
            CreatedAt = now,
            UpdatedAt = now,
        };
        Handoffs.Add(handoff);
        outbox.Record(db, WebhookEvents.HandoffCreated, handoff.ConversationId, new
        {
            handoffId = handoff.Id,
            kind = handoff.Kind,
            status = handoff.Status,
            verified = handoff.Verified,
            accountId = handoff.AccountId,
            accountName = handoff.AccountName,
            company = handoff.Company,
            tariff = handoff.Tariff,
            assignedLogin = handoff.AssignedLogin,
            poolDepartment = handoff.PoolDepartment,
            phone = handoff.Phone,
            email = handoff.Email,
            preferredChannel = handoff.PreferredChannel,
            topic = handoff.Topic,
            callBackFrom = handoff.CallBackFrom,
            callBackTo = handoff.CallBackTo,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same form raced in through another connection: the first one won.
            db.ChangeTracker.Clear();
            var winner = await FindAsync(draft.ConversationId, draft.ClientRequestId, dataKey, cancellationToken);
            return winner is not null ? (winner, true) : throw new ChatException(ErrorCodes.Internal, "The request could not be stored; please retry.");
        }

        LogRelayed(logger, handoff.ConversationId, handoff.Id, handoff.Kind, handoff.Verified, handoff.IdentityVerified, handoff.AssignedLogin ?? $"pool:{handoff.PoolDepartment}",
            MaskedContacts(handoff));
        await notifier.CardAsync(handoff, await CardAsync(handoff, cancellationToken));
        await messages.AppendAsync(new MessageAppend(handoff.ConversationId, System, handoff.Id, notice), cancellationToken);

        return (handoff, false);
    }

    /// <summary>The language of the conversation's visitor, as the policy resolves it.</summary>
    public async Task<string> LanguageAsync(Guid conversationId, CancellationToken cancellationToken) =>
        visitorTexts.ResolveLanguage(await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.Language).SingleAsync(cancellationToken));

    /// <summary>The latest identification in the conversation that found an account, or null.</summary>
    public Task<HandoffRecord?> LatestIdentificationAsync(Guid conversationId, bool verifiedOnly, CancellationToken cancellationToken) =>
        Handoffs.AsNoTracking()
            .Where(h => h.ConversationId == conversationId && h.Kind != HandoffKind.CallBack && (h.Verified || !verifiedOnly))
            .OrderByDescending(h => h.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The latest call-back ordered in the conversation, or null.</summary>
    public Task<HandoffRecord?> LatestCallBackAsync(Guid conversationId, CancellationToken cancellationToken) =>
        Handoffs.AsNoTracking()
            .Where(h => h.ConversationId == conversationId && h.Kind == HandoffKind.CallBack)
            .OrderByDescending(h => h.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The card of a handoff with the transcript up to the moment it was relayed.</summary>
    public async Task<HandoffCard> CardAsync(HandoffRecord h, CancellationToken cancellationToken)
    {
        var transcript = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == h.ConversationId && m.Sequence <= h.TranscriptUpTo)
            .OrderByDescending(m => m.Sequence)
            .Take(options.Value.TranscriptMessages)
            .ToListAsync(cancellationToken);
        transcript.Reverse();
        return new HandoffCard(
            h.Id, h.ConversationId, h.Kind, h.Status, h.Verified, h.IdentityVerified, h.AccountGiven, h.AccountId, h.AccountName, h.Company, h.Tariff,
            h.AssignedLogin, h.PoolDepartment, h.Phone, h.Email, h.PreferredChannel, h.Topic, h.ContactOnFile, !h.ContactOnFile,
            h.CallBackFrom, h.CallBackTo, h.HandedOffBy, h.ContactedBy, h.CreatedAt, h.UpdatedAt, transcript.ConvertAll(m => m.ToContract()));
    }

    /// <summary>
    /// Moves the handoff forward to <paramref name="status"/> (never back; the same status again changes nothing),
    /// tells the consoles and, from delivered on, the visitor.
    /// </summary>
    public async Task<HandoffRecord> AdvanceAsync(HandoffRecord handoff, HandoffStatus status, string by, ContactMethod? method, CancellationToken cancellationToken)
    {
        if (status < handoff.Status || (status == handoff.Status && (status != HandoffStatus.Contacted || method == handoff.ContactedBy)))
        {
            return status == handoff.Status ? handoff
                : throw new ChatException(ErrorCodes.InvalidTransition, $"The handoff is already {handoff.Status}; it cannot go back to {status}.");
        }

        var now = clock.GetUtcNow();
        handoff.Status = status;
        handoff.UpdatedAt = now;
        if (status == HandoffStatus.Contacted)
        {
            handoff.ContactedBy = method;
        }

        if (status >= HandoffStatus.Accepted && handoff.AssignedLogin is null)
        {
            handoff.AssignedLogin = by;
        }

        outbox.Record(db, WebhookEvents.HandoffAdvanced, handoff.ConversationId,
            new { handoffId = handoff.Id, status, contactedBy = handoff.ContactedBy, by, assignedLogin = handoff.AssignedLogin });
        await db.SaveChangesAsync(cancellationToken);
        LogAdvanced(logger, handoff.ConversationId, handoff.Id, status);
        var texts = options.Value.Texts[handoff.Language];
        var text = status switch
        {
            HandoffStatus.Delivered or HandoffStatus.Read => texts.Received,
            HandoffStatus.Accepted => texts.Accepted,
            HandoffStatus.Contacted => texts.Contacted,
            _ => null,
        };
        await notifier.StatusAsync(handoff, new HandoffStatusChange(handoff.Id, handoff.ConversationId, status, by, now),
            text is null ? null : new HandoffUpdate(handoff.Id, status, text));
        return handoff;
    }

    /// <summary>True when the staff member is the addressee: the assigned manager, or a member of the addressed pool.</summary>
    public static bool IsAddressee(HandoffRecord handoff, StaffMember staff) =>
        handoff.AssignedLogin is not null ? handoff.AssignedLogin == staff.Login : handoff.PoolDepartment == staff.Department;

    /// <summary>True when the staff member may see the handoff: the addressee, a supervisor or an administrator.</summary>
    public static bool MaySee(HandoffRecord handoff, StaffMember staff) =>
        staff.Role is StaffRole.Supervisor or StaffRole.Admin || IsAddressee(handoff, staff);

    private Task<HandoffRecord?> FindAsync(Guid conversationId, Guid clientRequestId, string dataKey, CancellationToken cancellationToken) =>
        Handoffs.FirstOrDefaultAsync(h => h.ConversationId == conversationId && (h.ClientRequestId == clientRequestId || h.DataKey == dataKey), cancellationToken);

    /// <summary>A digest of what the visitor gave, so that the same form sent again with a new id is still one handoff.</summary>
    private static string DataKey(HandoffDraft d) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f',
            d.Kind, d.IdentityVerified, Accounts.AccountKeys.Normalise(d.AccountGiven), d.Phone, d.Email, d.PreferredChannel, d.Topic,
            d.CallBackFrom?.ToUnixTimeSeconds(), d.CallBackTo?.ToUnixTimeSeconds(), d.HandedOffBy))));

    private static string MaskedContacts(HandoffRecord h) =>
        $"{Accounts.AccountKeys.MaskPhone(h.Phone)} {Accounts.AccountKeys.MaskEmail(h.Email)}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Handoff {HandoffId} ({Kind}, verified {Verified}, identity from the host site {IdentityVerified}) relayed to {Addressee} for conversation {ConversationId}; contacts {Contacts}")]
    private static partial void LogRelayed(ILogger logger, Guid conversationId, Guid handoffId, HandoffKind kind, bool verified, bool identityVerified, string addressee, string contacts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Handoff {HandoffId} of conversation {ConversationId} is now {Status}")]
    private static partial void LogAdvanced(ILogger logger, Guid conversationId, Guid handoffId, HandoffStatus status);
}
