using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;

namespace Chat.Server.Conversations;

/// <summary>
/// Who may close or transfer a conversation: the agent who holds it, anyone while it waits in the queue, and supervisors
/// and administrators always. An agent who gave it away no longer may.
/// </summary>
public static class ConversationHolder
{
    public static void EnsureHeldBy(Conversation conversation, Caller caller)
    {
        if (conversation.AssignedTo is { } holder && holder != caller.Id && !caller.Oversees)
        {
            throw new ChatException(ErrorCodes.NotAssignee, $"The conversation is held by {holder}.");
        }
    }
}
