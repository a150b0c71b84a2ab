using Chat.Contracts;
using Chat.Server.Agents;
using Chat.Server.Visitors;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Conversations;

/// <summary>
/// Pushes stored messages to the connections that follow a conversation, on this node and, through
/// the Redis backplane, on every other. Live delivery is best effort; resume by sequence number
/// fills any gap.
/// </summary>
public sealed class ConversationNotifier(
    IHubContext<VisitorHub, IVisitorClient> visitors,
    IHubContext<AgentHub, IAgentClient> agents)
{
    /// <summary>The group of every connection (the visitor's tabs, the agents who opened it) following a conversation.</summary>
    public static string ConversationGroup(Guid conversationId) => $"conversation:{conversationId:N}";

    /// <summary>The group of every signed-in agent, for inbox updates.</summary>
    public const string AgentsGroup = "agents";

    public Task MessageStoredAsync(ChatMessage message, ConversationSummary summary)
    {
        var group = ConversationGroup(message.ConversationId);
        return Task.WhenAll(
            visitors.Clients.Group(group).MessageReceived(message),
            agents.Clients.Group(group).MessageReceived(message),
            agents.Clients.Group(AgentsGroup).ConversationUpdated(summary));
    }
}
