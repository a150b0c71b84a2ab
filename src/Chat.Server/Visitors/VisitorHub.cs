using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.Handoff;
using Chat.Server.Pipeline;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Visitors;

/// <summary>The widget's hub. The conversation always comes from the session token, never from the client.</summary>
[Authorize(AuthenticationSchemes = VisitorAuthenticationHandler.SchemeName)]
public sealed class VisitorHub(IMediator mediator) : Hub<IVisitorClient>
{
    private Caller Caller => Caller.From(Context.User);

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, ConversationNotifier.ConversationGroup(Caller.OwnConversationId!.Value));
        await base.OnConnectedAsync();
    }

    /// <summary>Everything after <paramref name="afterSequence"/>, in order; call it on every (re)connect.</summary>
    public async Task<ResumeResult> Resume(long afterSequence) =>
        await mediator.Send(new ResumeConversation(Caller, Caller.OwnConversationId!.Value, afterSequence));

    /// <summary>Stores the message and returns it with its sequence number; a retry with the same client id returns the original.</summary>
    public async Task<SendResult> SendMessage(VisitorSend send) =>
        await mediator.Send(new SendMessage(Caller, Caller.OwnConversationId!.Value, send.ClientMessageId, send.Text));

    /// <summary>Says which account the visitor is; relays the conversation to its consultant and says how they will be contacted.</summary>
    public async Task<HandoffReceipt> Identify(IdentifyRequest request) =>
        await mediator.Send(new IdentifyClient(Caller, Caller.OwnConversationId!.Value, Address, request.ClientRequestId,
            request.AccountNameOrId, request.Phone, request.Email, request.PreferredChannel, request.Topic));

    /// <summary>Orders a call-back after identification, where the tariff allows it.</summary>
    public async Task<HandoffReceipt> RequestCallBack(CallBackRequest request) =>
        await mediator.Send(new RequestCallBack(Caller, Caller.OwnConversationId!.Value, Address, request.ClientRequestId,
            request.Phone, request.From, request.To, request.Topic));

    private string Address => Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
