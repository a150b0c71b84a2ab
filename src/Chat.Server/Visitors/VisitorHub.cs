using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.Handoff;
using Chat.Server.OfflineQueue;
using Chat.Server.Pipeline;
using Chat.Server.Presence;
using Chat.Server.Ratings;
using Chat.Server.Realtime;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Visitors;

/// <summary>The widget's hub. The conversation always comes from the session token, never from the client.</summary>
[Authorize(AuthenticationSchemes = VisitorAuthenticationHandler.SchemeName)]
public sealed class VisitorHub(IMediator mediator, PresenceTracker presence, LiveFeed feed) : Hub<IVisitorClient>
{
    private Caller Caller => Caller.From(Context);

    public override async Task OnConnectedAsync()
    {
        feed.Follow(Context.ConnectionId, Audience.Visitors(Caller.OwnConversationId!.Value));
        await presence.ConnectedAsync(new PresenceEntry(PresenceKind.Visitor, Caller.OwnConversationId!.Value.ToString(), Context.ConnectionId, Caller.Name));
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        feed.Forget(Context.ConnectionId);
        await presence.DisconnectedAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Everything after <paramref name="afterSequence"/>, in order; call it on every (re)connect.</summary>
    public async Task<ResumeResult> Resume(long afterSequence) =>
        await mediator.Send(new ResumeConversation(Caller, Caller.OwnConversationId!.Value, afterSequence));

    /// <summary>
    /// Stores the message and returns it with its sequence number; a retry with the same client id returns the original. The
    /// other connections following the conversation get it as <c>MessageReceived</c>; this one has it in the answer.
    /// </summary>
    public async Task<SendResult> SendMessage(VisitorSend send) =>
        await mediator.Send(new SendMessage(Caller, Caller.OwnConversationId!.Value, send.ClientMessageId, send.Text, ConnectionId: Context.ConnectionId));

    /// <summary>Says which account the visitor is; relays the conversation to its consultant and says how they will be contacted.</summary>
    public async Task<HandoffReceipt> Identify(IdentifyRequest request) =>
        await mediator.Send(new IdentifyClient(Caller, Caller.OwnConversationId!.Value, Address, request.ClientRequestId,
            request.AccountNameOrId, request.Phone, request.Email, request.PreferredChannel, request.Topic));

    /// <summary>Orders a call-back after identification, where the tariff allows it.</summary>
    public async Task<HandoffReceipt> RequestCallBack(CallBackRequest request) =>
        await mediator.Send(new RequestCallBack(Caller, Caller.OwnConversationId!.Value, Address, request.ClientRequestId,
            request.Phone, request.From, request.To, request.Topic));

    private string Address => Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>True when someone can answer live now; otherwise the widget shows the offline form.</summary>
    public async Task<bool> GetAvailability() => await mediator.Send(new GetAvailability());

    /// <summary>The visitor started or stopped typing: a hint for the agents following the conversation.</summary>
    public async Task Typing(bool isTyping) =>
        await mediator.Send(new SignalTyping(Caller, Caller.OwnConversationId!.Value, isTyping, null));

    /// <summary>The visitor has read the agents' messages up to <paramref name="sequence"/>; returns the visitor's read mark.</summary>
    public async Task<long> MarkRead(long sequence) => await mediator.Send(new MarkRead(Caller, Caller.OwnConversationId!.Value, sequence));

    /// <summary>The page the visitor is on, for the console's visitor details.</summary>
    public async Task PageViewed(PageView page) =>
        await mediator.Send(new RecordPageView(Caller, Caller.OwnConversationId!.Value, page.Url, page.Title));

    /// <summary>The visitor's latest identification and where it stands, or null: the widget shows the identified state after a reload.</summary>
    public async Task<HandoffReceipt?> GetHandoffState() => await mediator.Send(new GetHandoffState(Caller, Caller.OwnConversationId!.Value));

    /// <summary>The visitor's latest call-back order and where it stands, or null: the widget shows it after a reload instead of the form.</summary>
    public async Task<HandoffReceipt?> GetCallBackState() =>
        await mediator.Send(new GetHandoffState(Caller, Caller.OwnConversationId!.Value, CallBack: true));

    /// <summary>Rates the visitor's closed conversation (1–5, an optional comment); the first rating stands.</summary>
    public async Task<RatingResult> Rate(RatingRequest rating) =>
        await mediator.Send(new RateConversation(Caller, Caller.OwnConversationId!.Value, rating.Score, rating.Comment));

    /// <summary>Whether to ask for a rating now (the conversation was closed and is not rated yet), and the rating if given.</summary>
    public async Task<RatingState> GetRatingState() => await mediator.Send(new GetRatingState(Caller, Caller.OwnConversationId!.Value));

    /// <summary>The offline form: stores the message, queues the request and says by when the answer will come.</summary>
    public async Task<OfflineMessageResult> LeaveOfflineMessage(OfflineMessage message) =>
        await mediator.Send(new LeaveOfflineMessage(Caller, Caller.OwnConversationId!.Value, message.ClientMessageId, message.Text, message.Email, message.Phone));
}
