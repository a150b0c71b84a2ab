using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Handoff;

/// <summary>
/// The handoffs a console may see that are not closed yet (not contacted), newest first: the caller's own and
/// their pool's; every one for supervisors and administrators.
/// </summary>
public sealed record GetHandoffs(Caller Caller) : IQuery<IReadOnlyList<HandoffCard>>;

/// <summary>One handoff's card; only for those who may see it.</summary>
public sealed record GetHandoff(Caller Caller, Guid HandoffId) : IQuery<HandoffCard>, IHandoffRequest;

public sealed class GetHandoffsHandler(ChatDbContext db, HandoffDesk desk, IOptions<HandoffOptions> options)
    : IQueryHandler<GetHandoffs, IReadOnlyList<HandoffCard>>, IQueryHandler<GetHandoff, HandoffCard>
{
    public async ValueTask<IReadOnlyList<HandoffCard>> Handle(GetHandoffs query, CancellationToken cancellationToken)
    {
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Login == query.Caller.Id && s.IsActive, cancellationToken)
            ?? throw new ChatException(ErrorCodes.Forbidden, "Only staff see handoffs.");
        var open = db.Set<HandoffRecord>().AsNoTracking().Where(h => h.Status != HandoffStatus.Contacted);
        if (staff.Role is not (StaffRole.Supervisor or StaffRole.Admin))
        {
            open = open.Where(h => h.AssignedLogin == staff.Login || (h.AssignedLogin == null && h.PoolDepartment == staff.Department));
        }

        var handoffs = await open.OrderByDescending(h => h.CreatedAt).Take(options.Value.ListSize).ToListAsync(cancellationToken);
        var cards = new List<HandoffCard>(handoffs.Count);
        foreach (var handoff in handoffs)
        {
            cards.Add(await desk.CardAsync(handoff, cancellationToken));
        }

        return cards;
    }

    public async ValueTask<HandoffCard> Handle(GetHandoff query, CancellationToken cancellationToken) =>
        await desk.CardAsync(await db.Set<HandoffRecord>().AsNoTracking().SingleAsync(h => h.Id == query.HandoffId, cancellationToken), cancellationToken);
}
