using Chat.Contracts;
using Chat.Server.Agents;
using Chat.Server.Visitors;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace Chat.Server.Conversations;

/// <summary>
/// Pushes stored messages to the connections that follow a conversation, on this node and, through
/// the Redis backplane, on every other. Live delivery is best effort; resume by sequence number
/// fills any gap, so a backplane that is down (logged once by <c>RedisConnectivity</c>) never fails a send.
/// </summary>
public sealed partial class ConversationNotifier(
    IHubContext<VisitorHub, IVisitorClient> visitors,
    IHubContext<AgentHub, IAgentClient> agents,
    ILogger<ConversationNotifier> logger)
{
    /// <summary>The group of every connection (the visitor's tabs, the agents who opened it) following a conversation.</summary>
    public static string ConversationGroup(Guid conversationId) => $"conversation:{conversationId:N}";

    /// <summary>The group of every signed-in agent, for inbox updates.</summary>
    public const string AgentsGroup = "agents";

    /// <summary>
    /// The message goes to everyone following the conversation. The inbox line goes to every agent
    /// while the conversation waits in the queue (and once more when it is taken, so it leaves the
    /// others' queue), then only to the agent who took it.
    /// </summary>
    public Task MessageStoredAsync(ChatMessage message, ConversationSummary summary, bool newlyAssigned)
    {
        var group = ConversationGroup(message.ConversationId);
        var inbox = summary.AssignedTo is null || newlyAssigned
            ? agents.Clients.Group(AgentsGroup)
            : agents.Clients.User(summary.AssignedTo);
        return BestEffortAsync(message.ConversationId, nameof(IAgentClient.MessageReceived), Task.WhenAll(
            visitors.Clients.Group(group).MessageReceived(message),
            agents.Clients.Group(group).MessageReceived(message),
            inbox.ConversationUpdated(summary)));
    }

    /// <summary>
    /// Someone is typing: a visitor's hint goes to the agents following the conversation, an agent's to the visitor
    /// and to the other agents (not back to <paramref name="exceptConnectionId"/>).
    /// </summary>
    public Task TypingAsync(TypingState typing, string? exceptConnectionId)
    {
        var group = ConversationGroup(typing.ConversationId);
        var toAgents = exceptConnectionId is null ? agents.Clients.Group(group) : agents.Clients.GroupExcept(group, [exceptConnectionId]);
        return BestEffortAsync(typing.ConversationId, nameof(IAgentClient.TypingChanged), typing.Sender == SenderKind.Agent
            ? Task.WhenAll(toAgents.TypingChanged(typing), visitors.Clients.Group(group).TypingChanged(typing with { Login = null }))
            : toAgents.TypingChanged(typing));
    }

    /// <summary>A read mark moved: both sides following the conversation hear it (the reader's other tabs and colleagues too).</summary>
    public Task ReadAsync(ReadMark mark)
    {
        var group = ConversationGroup(mark.ConversationId);
        return BestEffortAsync(mark.ConversationId, nameof(IAgentClient.ReadUpTo), Task.WhenAll(visitors.Clients.Group(group).ReadUpTo(mark), agents.Clients.Group(group).ReadUpTo(mark)));
    }

    /// <summary>The visitor opened a page: the agents following the conversation see it in the visitor's details.</summary>
    public Task PageViewedAsync(PageVisit visit) =>
        BestEffortAsync(visit.ConversationId, nameof(IAgentClient.VisitorPageViewed), agents.Clients.Group(ConversationGroup(visit.ConversationId)).VisitorPageViewed(visit));

    /// <summary>Live pushes are best effort: a backplane that is down loses them, and clients catch up on resume.</summary>
    private async Task BestEffortAsync(Guid conversationId, string eventName, Task push)
    {
        try
        {
            await push;
        }
        catch (RedisException e)
        {
            LogNotPushed(logger, eventName, conversationId, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Event} of conversation {ConversationId} was not pushed live ({Reason}); clients catch up on resume")]
    private static partial void LogNotPushed(ILogger logger, string @event, Guid conversationId, string reason);
}
