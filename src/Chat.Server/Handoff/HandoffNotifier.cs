using Chat.Contracts;
using Chat.Server.Agents;
using Chat.Server.Conversations;
using Chat.Server.Visitors;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Handoff;

/// <summary>
/// Pushes handoffs to the consoles that may see them — the addressed manager (SignalR user = login), the pool's
/// group, the supervisors — and status changes to the visitor. Live pushes are best effort; the database holds
/// every handoff, and a console that connects gets what it has not acknowledged.
/// </summary>
public sealed class HandoffNotifier(IHubContext<VisitorHub, IVisitorClient> visitors, IHubContext<AgentHub, IAgentClient> agents)
{
    /// <summary>The group of every console of a department's members.</summary>
    public static string PoolGroup(string department) => $"pool:{department}";

    /// <summary>The group of every supervisor's and administrator's console.</summary>
    public const string SupervisorsGroup = "supervisors";

    public Task CardAsync(HandoffRecord handoff, HandoffCard card) =>
        Addressees(handoff).HandoffReceived(card);

    public Task StatusAsync(HandoffRecord handoff, HandoffStatusChange change, HandoffUpdate? visitorUpdate)
    {
        var sends = new List<Task>
        {
            Addressees(handoff).HandoffStatusChanged(change),
            agents.Clients.Group(SupervisorsGroup).HandoffStatusChanged(change),
        };
        if (visitorUpdate is not null)
        {
            sends.Add(visitors.Clients.Group(ConversationNotifier.ConversationGroup(handoff.ConversationId)).HandoffUpdated(visitorUpdate));
        }

        return Task.WhenAll(sends);
    }

    private IAgentClient Addressees(HandoffRecord handoff) =>
        handoff.AssignedLogin is not null ? agents.Clients.User(handoff.AssignedLogin) : agents.Clients.Group(PoolGroup(handoff.PoolDepartment!));
}
