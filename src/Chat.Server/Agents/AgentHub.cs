using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.Pipeline;
using Mediator;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Agents;

/// <summary>The console's hub; only signed-in staff (the console cookie) may connect.</summary>
[Authorize(AuthenticationSchemes = CookieAuthenticationDefaults.AuthenticationScheme)]
public sealed class AgentHub(IMediator mediator) : Hub<IAgentClient>
{
    private Caller Caller => Caller.From(Context.User);

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, ConversationNotifier.AgentsGroup);
        await base.OnConnectedAsync();
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
}
