using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Policy;
using Chat.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Mediator;

namespace Chat.Server.Handoff;

/// <summary>
/// The visitor's widget asks after a reload whether they identified in this conversation (or, with
/// <see cref="CallBack"/>, ordered a call-back): the latest such handoff with its current status and the confirmation
/// they were given (as stored in the conversation), or null.
/// </summary>
public sealed record GetHandoffState(Caller Caller, Guid ConversationId, bool CallBack = false) : IQuery<HandoffReceipt?>, IConversationRequest;

public sealed class GetHandoffStateHandler(ChatDbContext db, HandoffDesk desk, HandoffRouter router, IConsultantRouting routing) : IQueryHandler<GetHandoffState, HandoffReceipt?>
{
    public async ValueTask<HandoffReceipt?> Handle(GetHandoffState query, CancellationToken cancellationToken)
    {
        var handoff = query.CallBack
            ? await desk.LatestCallBackAsync(query.ConversationId, cancellationToken)
            : await desk.LatestIdentificationAsync(query.ConversationId, verifiedOnly: false, cancellationToken);
        if (handoff is null)
        {
            return null;
        }

        var tariff = handoff.Tariff is null ? null : routing.FindTariff(handoff.Tariff);
        // An identification is told the ways the visitor gave (IdentifyClient); a handoff by an agent the tariff's.
        var contactBy = query.CallBack ? [ContactMethod.Phone]
            : handoff.Kind == HandoffKind.Identification ? HandoffRouter.ContactsGiven(handoff.Phone, handoff.Email)
            : tariff?.ContactBy ?? HandoffRouter.ContactsGiven(handoff.Phone, handoff.Email);
        var given = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == handoff.ConversationId && m.ClientMessageId == handoff.Id && m.Sender == SenderKind.System)
            .Select(m => m.Text).FirstOrDefaultAsync(cancellationToken);
        var notice = given ?? router.Notice(new HandoffRoute(null, tariff, handoff.AssignedLogin, handoff.PoolDepartment, contactBy), handoff.Language);
        return new HandoffReceipt(handoff.Id, handoff.Status, contactBy, notice, Duplicate: true);
    }
}
