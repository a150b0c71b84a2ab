using Chat.Contracts;
using Chat.Server.Realtime;

namespace Chat.Server.Handoff;

/// <summary>
/// Pushes handoffs to the consoles that may see them — the addressed manager's, the pool's, the supervisors' — and
/// status changes to the visitor. Live pushes are best effort; the database holds every handoff, and a console that
/// connects gets what it has not acknowledged.
/// </summary>
public sealed class HandoffNotifier(LiveFeed feed)
{
    public Task CardAsync(HandoffRecord handoff, HandoffCard card) =>
        feed.PushAsync(new Push(Addressees(handoff), nameof(IAgentClient.HandoffReceived), card));

    public Task StatusAsync(HandoffRecord handoff, HandoffStatusChange change, HandoffUpdate? visitorUpdate)
    {
        var pushes = new List<Push>
        {
            new(Addressees(handoff), nameof(IAgentClient.HandoffStatusChanged), change),
            new(Audience.Supervisors, nameof(IAgentClient.HandoffStatusChanged), change),
        };
        if (visitorUpdate is not null)
        {
            pushes.Add(new Push(Audience.Visitors(handoff.ConversationId), nameof(IVisitorClient.HandoffUpdated), visitorUpdate));
        }

        return feed.PushAsync(pushes);
    }

    private static Audience Addressees(HandoffRecord handoff) =>
        handoff.AssignedLogin is not null ? Audience.Staff(handoff.AssignedLogin) : Audience.Pool(handoff.PoolDepartment!);
}
