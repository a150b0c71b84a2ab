namespace Chat.Contracts;

/// <summary>The events the server sends to a visitor's widget.</summary>
public interface IVisitorClient
{
    /// <summary>A message was stored in the visitor's conversation (their own included, for their other tabs).</summary>
    Task MessageReceived(ChatMessage message);
}

/// <summary>The events the server sends to an agent's console.</summary>
public interface IAgentClient
{
    /// <summary>A message was stored in a conversation the agent has open.</summary>
    Task MessageReceived(ChatMessage message);

    /// <summary>A conversation of the inbox changed (new, new message, closed).</summary>
    Task ConversationUpdated(ConversationSummary conversation);
}
