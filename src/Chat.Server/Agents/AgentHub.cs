using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.OfflineQueue;
using Chat.Server.Pipeline;
using Chat.Server.Presence;
using Mediator;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Agents;

/// <summary>The console's hub; only signed-in staff (the console cookie) may connect.</summary>
[Authorize(AuthenticationSchemes = CookieAuthenticationDefaults.AuthenticationScheme)]
public sealed class AgentHub(IMediator mediator, PresenceTracker presence) : Hub<IAgentClient>
{
    private Caller Caller => Caller.From(Context.User);

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, ConversationNotifier.AgentsGroup);
        await Groups.AddToGroupAsync(Context.ConnectionId, OfflineDispatcher.AgentGroup(Caller.Id));
        await presence.ConnectedAsync(new PresenceEntry(PresenceKind.Agent, Caller.Id, Context.ConnectionId, Caller.Name));
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await presence.DisconnectedAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>The open conversations, the most recently active first.</summary>
    public async Task<IReadOnlyList<ConversationSummary>> GetInbox() => await mediator.Send(new GetInbox());

    /// <summary>
    /// Follows a conversation live and returns what came after <paramref name="afterSequence"/>.
    /// The connection joins the conversation first, so nothing falls between the read and the live feed.
    /// </summary>
    public async Task<ResumeResult> OpenConversation(Guid conversationId, long afterSequence)
    {
        var query = new ResumeConversation(Caller, conversationId, afterSequence);
        await Groups.AddToGroupAsync(Context.ConnectionId, ConversationNotifier.ConversationGroup(conversationId));
        try
        {
            return await mediator.Send(query);
        }
        catch
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, ConversationNotifier.ConversationGroup(conversationId));
            throw;
        }
    }

    /// <summary>Stops following a conversation live.</summary>
    public Task LeaveConversation(Guid conversationId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, ConversationNotifier.ConversationGroup(conversationId));

    /// <summary>Stores the reply and returns it with its sequence number; a retry with the same client id returns the original.</summary>
    public async Task<SendResult> SendMessage(AgentSend send) =>
        await mediator.Send(new SendMessage(Caller, send.ConversationId, send.ClientMessageId, send.Text));

    /// <summary>Sets the caller's status (Online, Away, Offline) and returns their presence as everyone now sees it.</summary>
    public async Task<AgentPresence?> SetStatus(AgentStatus status) => await mediator.Send(new SetAgentStatus(Caller, status));

    /// <summary>Who is here now: the connected agents and the visitors on the site.</summary>
    public async Task<PresenceSnapshot> GetPresence() => await mediator.Send(new GetPresence());

    /// <summary>Confirms a delivered queued item is shown, so it is not delivered again.</summary>
    public async Task AcknowledgeDelivery(Guid itemId) => await mediator.Send(new AcknowledgeDelivery(Caller, itemId));

    /// <summary>The caller's and their pool's unanswered items due today or overdue, nearest first.</summary>
    public async Task<IReadOnlyList<DueItem>> GetDueItems() => await mediator.Send(new GetDueItems(Caller));

    /// <summary>Tells the client the request needs longer work and by when it will be answered.</summary>
    public async Task<SendResult> SendLongerWorkNotice(Guid itemId) => await mediator.Send(new SendLongerWorkNotice(Caller, itemId));
}
