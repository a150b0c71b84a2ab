namespace Chat.Contracts;

/// <summary>The events the server sends to a visitor's widget.</summary>
public interface IVisitorClient
{
    /// <summary>A message was stored in the visitor's conversation (their own included, for their other tabs).</summary>
    Task MessageReceived(ChatMessage message);

    /// <summary>The visitor's handoff moved on (delivered to the manager's console, read, accepted, contacted).</summary>
    Task HandoffUpdated(HandoffUpdate update);

    /// <summary>Whether someone can answer live now; <c>false</c> means the widget shows the offline form.</summary>
    Task AvailabilityChanged(bool online);

    /// <summary>An agent started or stopped typing.</summary>
    Task TypingChanged(TypingState typing);

    /// <summary>An agent read the visitor's messages up to a sequence, or another tab of the visitor read the agents'.</summary>
    Task ReadUpTo(ReadMark mark);

    /// <summary>An agent closed the visitor's conversation (the close is stored): ask for a rating now.</summary>
    Task RatingAsked(RatingState state);
}

/// <summary>The events the server sends to an agent's console.</summary>
public interface IAgentClient
{
    /// <summary>A message was stored in a conversation the agent has open.</summary>
    Task MessageReceived(ChatMessage message);

    /// <summary>A visitor rated a conversation the agent follows (supervisors hear the bad ones wherever they are).</summary>
    Task ConversationRated(ConversationRating rating);

    /// <summary>A conversation of the inbox changed (new, new message, closed).</summary>
    Task ConversationUpdated(ConversationSummary conversation);

    /// <summary>A handoff addressed to this agent or their pool: live, or on connect for those not yet acknowledged.</summary>
    Task HandoffReceived(HandoffCard card);

    /// <summary>A handoff this agent may see moved on.</summary>
    Task HandoffStatusChanged(HandoffStatusChange change);

    /// <summary>An agent's presence changed (status, connection, shift); the full state, so a repeat is harmless.</summary>
    Task PresenceChanged(AgentPresence agent);

    /// <summary>A visitor opened the site or left it.</summary>
    Task VisitorPresenceChanged(VisitorPresence visitor);

    /// <summary>A private note was added to a conversation the agent follows; staff only, never sent to a visitor.</summary>
    Task NoteAdded(ConversationNote note);

    /// <summary>A queued item for this agent or their pool; acknowledge it by id, drop an id already shown.</summary>
    Task QueuedItemDelivered(QueuedItem item);

    /// <summary>The visitor or another agent started or stopped typing in a conversation the agent follows.</summary>
    Task TypingChanged(TypingState typing);

    /// <summary>One side of a conversation the agent follows read the other's messages up to a sequence.</summary>
    Task ReadUpTo(ReadMark mark);

    /// <summary>The visitor of a conversation the agent follows opened a page.</summary>
    Task VisitorPageViewed(PageVisit visit);

    /// <summary>An answer in an e-mail conversation the agent follows was queued, sent, or failed to be sent as mail (with the reason).</summary>
    Task EmailStateChanged(EmailState state);

    /// <summary>Administrators only: a webhook subscription was paused after repeated failed deliveries; its events wait until it is resumed.</summary>
    Task WebhookPaused(WebhookInfo webhook);
}
