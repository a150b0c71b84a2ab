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
    public async Task MessageStoredAsync(ChatMessage message, ConversationSummary summary, bool newlyAssigned)
    {
        var group = ConversationGroup(message.ConversationId);
        var inbox = summary.AssignedTo is null || newlyAssigned
            ? agents.Clients.Group(AgentsGroup)
            : agents.Clients.User(summary.AssignedTo);
        try
        {
            await Task.WhenAll(
                visitors.Clients.Group(group).MessageReceived(message),
                agents.Clients.Group(group).MessageReceived(message),
                inbox.ConversationUpdated(summary));
        }
        catch (RedisException e)
        {
            LogNotPushed(logger, message.ConversationId, message.Sequence, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Message {Sequence} of conversation {ConversationId} stored but not pushed live ({Reason}); clients get it on resume")]
    private static partial void LogNotPushed(ILogger logger, Guid conversationId, long sequence, string reason);
}
