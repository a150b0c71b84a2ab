using Chat.Contracts;
using Chat.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Presence;

/// <summary>Presence as the clients see it: who is connected, their status and shift, and whether the chat is online.</summary>
public sealed record PresenceView(PresenceSnapshot Snapshot, bool ChatOnline)
{
    /// <summary>True when someone of <paramref name="department"/> can answer live.</summary>
    public bool IsPoolAvailable(string department) => Snapshot.Agents.Any(a => a.Available && a.Department == department);

    public bool IsAvailable(string login) => Snapshot.Agents.Any(a => a.Available && a.Login == login);
}

/// <summary>
/// Reads the shared presence and combines it with the staff list and the shift calendar. "Available" means
/// status online, connected and on shift; the chat is online in office hours while someone is available.
/// </summary>
public sealed class PresenceBoard(IPresence presence, IShiftCalendar calendar, IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>The visitors made of the last entries read: the same while the store answers with the same entries.</summary>
    private VisitorsRead? lastVisitors;

    public async Task<PresenceView> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var agentEntries = await presence.LiveAsync(PresenceKind.Agent, now, cancellationToken);
        var visitorEntries = await presence.LiveAsync(PresenceKind.Visitor, now, cancellationToken);
        var statuses = await presence.StatusesAsync(cancellationToken);
        var logins = agentEntries.Select(e => e.Id).Distinct(StringComparer.Ordinal).ToList();

        List<StaffMember> staff;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
            staff = await db.Staff.AsNoTracking().Where(s => logins.Contains(s.Login) && s.IsActive).OrderBy(s => s.Login).ToListAsync(cancellationToken);
        }

        var agents = staff.ConvertAll(s =>
        {
            var status = statuses.GetValueOrDefault(s.Login, AgentStatus.Online);
            var onShift = calendar.IsOnShift(s, now);
            return new AgentPresence(s.Login, s.DisplayName, s.Department, status, Connected: true, onShift, status == AgentStatus.Online && onShift);
        });
        return new PresenceView(new PresenceSnapshot(agents, Visitors(visitorEntries)), calendar.IsOfficeOpen(now) && agents.Any(a => a.Available));
    }

    private IReadOnlyList<VisitorPresence> Visitors(IReadOnlyList<PresenceEntry> entries)
    {
        if (lastVisitors is { } known && ReferenceEquals(known.Entries, entries))
        {
            return known.Visitors;
        }

        IReadOnlyList<VisitorPresence> visitors = [.. entries
            .GroupBy(e => e.Id, StringComparer.Ordinal)
            .Select(g => new VisitorPresence(Guid.Parse(g.Key), g.First().Name, Online: true))
            .OrderBy(v => v.ConversationId)];
        lastVisitors = new VisitorsRead(entries, visitors);
        return visitors;
    }

    private sealed record VisitorsRead(IReadOnlyList<PresenceEntry> Entries, IReadOnlyList<VisitorPresence> Visitors);
}
