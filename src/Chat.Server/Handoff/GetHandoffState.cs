using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Policy;
using Mediator;

namespace Chat.Server.Handoff;

/// <summary>
/// The visitor's widget asks after a reload whether they identified in this conversation: the latest identification
/// with its current status and the confirmation they were given, or null.
/// </summary>
public sealed record GetHandoffState(Caller Caller, Guid ConversationId) : IQuery<HandoffReceipt?>, IConversationRequest;

public sealed class GetHandoffStateHandler(HandoffDesk desk, HandoffRouter router, IConsultationPolicy policy) : IQueryHandler<GetHandoffState, HandoffReceipt?>
{
    public async ValueTask<HandoffReceipt?> Handle(GetHandoffState query, CancellationToken cancellationToken)
    {
        var handoff = await desk.LatestIdentificationAsync(query.ConversationId, verifiedOnly: false, cancellationToken);
        if (handoff is null)
        {
            return null;
        }

        var tariff = handoff.Tariff is null ? null : policy.FindTariff(handoff.Tariff);
        var contactBy = tariff?.ContactBy ?? HandoffRouter.ContactsGiven(handoff.Phone, handoff.Email);
        var notice = router.Notice(new HandoffRoute(null, tariff, handoff.AssignedLogin, handoff.PoolDepartment, contactBy), handoff.Language);
        return new HandoffReceipt(handoff.Id, handoff.Status, contactBy, notice, Duplicate: true);
    }
}
