using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Handoff;

/// <summary>What a console that just connected joins and what it is owed.</summary>
public sealed record AgentConnection(string Department, bool Supervises, bool Administers, IReadOnlyList<HandoffCard> Undelivered);

/// <summary>
/// A console connects: the groups it belongs to (its department's pool; the supervisors) and every handoff
/// addressed to it that no console of its addressee has acknowledged yet — what it missed while offline, across
/// restarts, since the database holds them.
/// </summary>
public sealed record ConnectAgent(Caller Caller) : ICommand<AgentConnection>;

public sealed class ConnectAgentHandler(ChatDbContext db, HandoffDesk desk) : ICommandHandler<ConnectAgent, AgentConnection>
{
    public async ValueTask<AgentConnection> Handle(ConnectAgent command, CancellationToken cancellationToken)
    {
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Login == command.Caller.Id && s.IsActive, cancellationToken)
            ?? throw new ChatException(ErrorCodes.Forbidden, "This staff account is deactivated.");
        var undelivered = await db.Set<HandoffRecord>().AsNoTracking()
            .Where(h => h.Status == HandoffStatus.Relayed && (h.AssignedLogin == staff.Login || (h.AssignedLogin == null && h.PoolDepartment == staff.Department)))
            .OrderBy(h => h.CreatedAt)
            .ToListAsync(cancellationToken);
        var cards = new List<HandoffCard>(undelivered.Count);
        foreach (var handoff in undelivered)
        {
            cards.Add(await desk.CardAsync(handoff, cancellationToken));
        }

        return new AgentConnection(staff.Department, staff.Role is StaffRole.Supervisor or StaffRole.Admin, staff.Role is StaffRole.Admin, cards);
    }
}
