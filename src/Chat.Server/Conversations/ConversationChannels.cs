using Chat.Server.OfflineQueue;
using Chat.Server.Storage;

namespace Chat.Server.Conversations;

/// <summary>
/// The channels a conversation is counted in: <c>email</c> when it came in by e-mail (<see cref="Conversation.Channel"/>); else
/// <c>offline</c> when it holds an offline-form request, <c>chat</c> otherwise.
/// </summary>
public static class ConversationChannels
{
    public const string Chat = "chat";
    public const string Offline = "offline";
    public const string Email = "email";

    /// <summary>What a bad channel filter is told.</summary>
    public const string KnownMessage = $"channel is {Chat}, {Offline} or {Email}.";

    public static bool IsKnown(string? channel) => channel is null or Chat or Offline or Email;

    /// <summary>The conversations of <paramref name="channel"/> among <paramref name="conversations"/>.</summary>
    public static IQueryable<Conversation> InChannel(this IQueryable<Conversation> conversations, ChatDbContext db, string channel)
    {
        if (channel == Email)
        {
            return conversations.Where(c => c.Channel == Email);
        }

        var offline = db.Set<OfflineItem>().Where(i => i.Kind == OfflineItemKinds.OfflineRequest && i.ConversationId != null).Select(i => i.ConversationId!.Value);
        var widget = conversations.Where(c => c.Channel == Chat);
        return channel == Offline ? widget.Where(c => offline.Contains(c.Id)) : widget.Where(c => !offline.Contains(c.Id));
    }
}
