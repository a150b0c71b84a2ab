using Chat.Contracts;
using Chat.Server.Consultation;
using Chat.Server.Email;
using Chat.Server.Conversations;
using Chat.Server.Handoff;
using Chat.Server.OfflineQueue;
using Chat.Server.Pipeline;
using Chat.Server.Presence;
using Chat.Server.Realtime;
using Chat.Server.Reports;
using Chat.Server.SavedAnswers;
using Chat.Server.Visitors;
using Mediator;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Agents;

/// <summary>The console's hub; only signed-in staff (the console cookie) may connect.</summary>
[Authorize(AuthenticationSchemes = CookieAuthenticationDefaults.AuthenticationScheme)]
public sealed class AgentHub(IMediator mediator, PresenceTracker presence, LiveFeed feed) : Hub<IAgentClient>
{
    private Caller Caller => Caller.From(Context);

    public override async Task OnConnectedAsync()
    {
        var connection = await mediator.Send(new ConnectAgent(Caller));
        feed.Follow(Context.ConnectionId, Audience.AllAgents);
        feed.Follow(Context.ConnectionId, Audience.Staff(Caller.Id));
        feed.Follow(Context.ConnectionId, Audience.Pool(connection.Department));
        if (connection.Supervises)
        {
            feed.Follow(Context.ConnectionId, Audience.Supervisors);
        }

        if (connection.Administers)
        {
            feed.Follow(Context.ConnectionId, Audience.Administrators);
        }

        foreach (var card in await mediator.Send(new GetUndeliveredHandoffs(Caller, connection.Department)))
        {
            await Clients.Caller.HandoffReceived(card);
        }

        await presence.ConnectedAsync(new PresenceEntry(PresenceKind.Agent, Caller.Id, Context.ConnectionId, Caller.Name));
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        feed.Forget(Context.ConnectionId);
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
        feed.Follow(Context.ConnectionId, Audience.Agents(conversationId));
        try
        {
            return await mediator.Send(query);
        }
        catch
        {
            feed.Unfollow(Context.ConnectionId, Audience.Agents(conversationId));
            throw;
        }
    }

    /// <summary>Stops following a conversation live.</summary>
    public Task LeaveConversation(Guid conversationId)
    {
        feed.Unfollow(Context.ConnectionId, Audience.Agents(conversationId));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stores the reply and returns it with its sequence number; a retry with the same client id returns the original. The
    /// other connections following the conversation get it as <c>MessageReceived</c>; this one has it in the answer. The
    /// connection's sends overlap: send a conversation's next message once the last one is answered.
    /// </summary>
    [Overlapping]
    public async Task<SendResult> SendMessage(AgentSend send) =>
        await mediator.Send(new SendMessage(Caller, send.ConversationId, send.ClientMessageId, send.Text, send.AttachmentIds, Context.ConnectionId));

    /// <summary>Adds a private note: pushed as <c>NoteAdded</c> to the agents following the conversation, never to the visitor.</summary>
    public async Task<ConversationNote> AddNote(NoteRequest note) =>
        await mediator.Send(new AddNote(Caller, note.ConversationId, note.ClientNoteId, note.Text));

    /// <summary>The private notes of a conversation, oldest first.</summary>
    public async Task<IReadOnlyList<ConversationNote>> GetNotes(Guid conversationId) => await mediator.Send(new GetNotes(Caller, conversationId));

    /// <summary>An e-mail conversation's subject and the sending state of its answers; null for a conversation of another channel.</summary>
    public async Task<EmailThread?> GetEmailThread(Guid conversationId) => await mediator.Send(new GetEmailThread(Caller, conversationId));

    /// <summary>Closes the conversation with the preparation minutes; returns its handling time.</summary>
    public async Task<ClosedConversation> CloseConversation(CloseRequest request) =>
        await mediator.Send(new CloseConversation(Caller, request.ConversationId, request.PreparationMinutes));

    /// <summary>Passes the conversation to a colleague or a department's queue.</summary>
    public async Task<ConversationSummary> TransferConversation(TransferRequest request) =>
        await mediator.Send(new TransferConversation(Caller, request.ConversationId, request.ToLogin, request.ToDepartment));

    /// <summary>The agent started or stopped typing in a conversation: a hint for the visitor and the other agents following it.</summary>
    public async Task Typing(TypingRequest typing) =>
        await mediator.Send(new SignalTyping(Caller, typing.ConversationId, typing.IsTyping, Context.ConnectionId));

    /// <summary>The agents have read the visitor's messages up to the sequence; returns the agents' read mark.</summary>
    public async Task<long> MarkRead(ReadRequest read) => await mediator.Send(new MarkRead(Caller, read.ConversationId, read.Sequence));

    /// <summary>The visitor of a conversation: name, language, since when, online now and the latest pages.</summary>
    public async Task<VisitorDetails> GetVisitorDetails(Guid conversationId) => await mediator.Send(new GetVisitorDetails(Caller, conversationId));

    /// <summary>Answers with the policy's ready redirect (R8) or the no-answer message (R11) in the visitor's language, as the agent's message.</summary>
    public async Task<SendResult> RedirectConversation(RedirectRequest request) =>
        await mediator.Send(new RedirectConversation(Caller, request.ConversationId, request.ClientMessageId, request.Topic));

    /// <summary>The ready answers in the console's language.</summary>
    public async Task<IReadOnlyList<SavedAnswer>> GetSavedAnswers(string? language) => await mediator.Send(new GetSavedAnswers(language));

    /// <summary>The company panel of a conversation (R9), or null when the client's company is not known.</summary>
    public async Task<CompanyLoad?> GetCompanyLoad(Guid conversationId) => await mediator.Send(new GetCompanyLoad(Caller, conversationId));

    /// <summary>The open handoffs this agent may see, newest first.</summary>
    public async Task<IReadOnlyList<HandoffCard>> GetHandoffs() => await mediator.Send(new GetHandoffs(Caller));

    /// <summary>One handoff's card; <c>forbidden</c> unless it is addressed to this agent or they supervise.</summary>
    public async Task<HandoffCard> GetHandoff(Guid handoffId) => await mediator.Send(new GetHandoff(Caller, handoffId));

    /// <summary>The console has the card (call it on every <c>HandoffReceived</c>): the handoff is delivered.</summary>
    public async Task<HandoffCard> AcknowledgeHandoff(Guid handoffId) =>
        await mediator.Send(new AdvanceHandoff(Caller, handoffId, HandoffStatus.Delivered));

    /// <summary>The manager opened the card.</summary>
    public async Task<HandoffCard> MarkHandoffRead(Guid handoffId) =>
        await mediator.Send(new AdvanceHandoff(Caller, handoffId, HandoffStatus.Read));

    /// <summary>The manager takes the handoff on; a pool handoff becomes theirs.</summary>
    public async Task<HandoffCard> AcceptHandoff(Guid handoffId) =>
        await mediator.Send(new AdvanceHandoff(Caller, handoffId, HandoffStatus.Accepted));

    /// <summary>The manager records that they contacted the client, and how.</summary>
    public async Task<HandoffCard> RecordContact(ContactRecord record) =>
        await mediator.Send(new AdvanceHandoff(Caller, record.HandoffId, HandoffStatus.Contacted, record.Method));

    /// <summary>Passes the conversation to the client's responsible manager: the same card and lifecycle as the visitor's own identification.</summary>
    public async Task<HandoffCard> HandOffConversation(AgentHandoffRequest request) =>
        await mediator.Send(new HandOffConversation(Caller, request.ConversationId, request.ClientRequestId,
            request.AccountNameOrId, request.Phone, request.Email, request.Topic));

    /// <summary>Sets the caller's status (Online, Away, Offline) and returns their presence as everyone now sees it.</summary>
    public async Task<AgentPresence?> SetStatus(AgentStatus status) => await mediator.Send(new SetAgentStatus(Caller, status));

    /// <summary>Who is here now: the connected agents and the visitors on the site.</summary>
    public async Task<PresenceSnapshot> GetPresence() => await mediator.Send(new GetPresence());

    /// <summary>Confirms a delivered queued item is shown, so it is not delivered again.</summary>
    public async Task AcknowledgeDelivery(Guid itemId) => await mediator.Send(new AcknowledgeDelivery(Caller, itemId));

    /// <summary>The caller's and their pool's unanswered items due today or overdue, nearest first.</summary>
    public async Task<IReadOnlyList<DueItem>> GetDueItems() => await mediator.Send(new GetDueItems(Caller));

    /// <summary>The reports of a period; a manager's are their own.</summary>
    public async Task<ReportSet> GetReports(ReportRequest request) => await mediator.Send(new GetReports(Caller, request));

    /// <summary>Tells the client the request needs longer work and by when it will be answered.</summary>
    public async Task<SendResult> SendLongerWorkNotice(Guid itemId) => await mediator.Send(new SendLongerWorkNotice(Caller, itemId));
}
