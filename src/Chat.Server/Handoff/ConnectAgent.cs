using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Handoff;

/// <summary>What a console that just connected joins: its department's pool, and the supervisors' and administrators' audiences by its role.</summary>
public sealed record AgentConnection(string Department, bool Supervises, bool Administers);

/// <summary>A console connects: the audiences it belongs to, read from its active staff account.</summary>
public sealed record ConnectAgent(Caller Caller) : ICommand<AgentConnection>;

/// <summary>
/// Every handoff addressed to the console's login or to its department's pool that no console of its addressee has
/// acknowledged yet — what it missed while offline, across restarts, since the database holds them. Read once the
/// connection follows its audiences, so that a card stored meanwhile is either read here or pushed live.
/// </summary>
public sealed record GetUndeliveredHandoffs(Caller Caller, string Department) : IQuery<IReadOnlyList<HandoffCard>>;

public sealed class ConnectAgentHandler(ChatDbContext db, HandoffDesk desk)
    : ICommandHandler<ConnectAgent, AgentConnection>, IQueryHandler<GetUndeliveredHandoffs, IReadOnlyList<HandoffCard>>
{
    public async ValueTask<AgentConnection> Handle(ConnectAgent command, CancellationToken cancellationToken)
    {
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Login == command.Caller.Id && s.IsActive, cancellationToken)
            ?? throw new ChatException(ErrorCodes.Forbidden, "This staff account is deactivated.");
        return new AgentConnection(staff.Department, staff.Role is StaffRole.Supervisor or StaffRole.Admin, staff.Role is StaffRole.Admin);
    }

    public async ValueTask<IReadOnlyList<HandoffCard>> Handle(GetUndeliveredHandoffs query, CancellationToken cancellationToken)
    {
        var undelivered = await db.Set<HandoffRecord>().AsNoTracking()
            .Where(h => h.Status == HandoffStatus.Relayed && (h.AssignedLogin == query.Caller.Id || (h.AssignedLogin == null && h.PoolDepartment == query.Department)))
            .OrderBy(h => h.CreatedAt)
            .ToListAsync(cancellationToken);
        var cards = new List<HandoffCard>(undelivered.Count);
        foreach (var handoff in undelivered)
        {
            cards.Add(await desk.CardAsync(handoff, cancellationToken));
        }

        return cards;
    }
}
