using Chat.Contracts;
using Chat.Server.Realtime;
using Microsoft.Extensions.Options;

namespace Chat.Server.Conversations;

/// <summary>
/// Pushes what happens in conversations to the connections that follow them, through the <see cref="LiveFeed"/>: the
/// messages of a stored batch in one push (one publish to the other nodes), typing, read marks, pages, notes, and the
/// inbox lines. Inbox lines are gathered for <see cref="ConversationOptions.InboxUpdateInterval"/> and only the latest
/// of each conversation is sent, so a busy conversation does not flood every console. Live delivery is best effort;
/// resume by sequence number fills any gap, and nothing here fails the change that caused it.
/// </summary>
public sealed partial class ConversationNotifier(LiveFeed feed, IOptions<ConversationOptions> options, ILogger<ConversationNotifier> logger)
{
    private readonly Lock gate = new();
    private Dictionary<Guid, (ConversationSummary Line, Audience To)> pending = [];
    private bool flushScheduled;

    /// <summary>Each message goes to everyone following its conversation but the connection that sent it.</summary>
    public Task MessagesStoredAsync(IReadOnlyList<StoredMessage> batch)
    {
        var pushes = new List<Push>(batch.Count * 2);
        foreach (var stored in batch)
        {
            pushes.Add(new Push(Audience.Visitors(stored.Message.ConversationId), nameof(IVisitorClient.MessageReceived), stored.Message, stored.FromConnection));
            pushes.Add(new Push(Audience.Agents(stored.Message.ConversationId), nameof(IAgentClient.MessageReceived), stored.Message, stored.FromConnection));
        }

        return feed.PushAsync(pushes);
    }

    /// <summary>
    /// The inbox lines of a stored batch: to every console while the conversation waits in the queue (and once more when it
    /// is taken, so it leaves the others' queue), then only to the agent who took it.
    /// </summary>
    public void InboxLinesStored(IReadOnlyList<StoredMessage> batch)
    {
        foreach (var stored in batch)
        {
            var line = stored.Conversation;
            InboxLine(line, line.AssignedTo is null || stored.NewlyAssigned ? Audience.AllAgents : Audience.Staff(line.AssignedTo));
        }
    }

    /// <summary>A conversation's line changed (closed, transferred): every console hears it.</summary>
    public void InboxLineChanged(ConversationSummary line) => InboxLine(line, Audience.AllAgents);

    /// <summary>
    /// Someone is typing: a visitor's hint goes to the agents following the conversation, an agent's to the visitor
    /// and to the other agents (not back to <paramref name="exceptConnectionId"/>).
    /// </summary>
    public Task TypingAsync(TypingState typing, string? exceptConnectionId)
    {
        var toAgents = new Push(Audience.Agents(typing.ConversationId), nameof(IAgentClient.TypingChanged), typing, exceptConnectionId);
        return feed.PushAsync(typing.Sender == SenderKind.Agent
            ? [toAgents, new Push(Audience.Visitors(typing.ConversationId), nameof(IVisitorClient.TypingChanged), typing with { Login = null })]
            : [toAgents]);
    }

    /// <summary>A read mark moved: both sides following the conversation hear it (the reader's other tabs and colleagues too).</summary>
    public Task ReadAsync(ReadMark mark) => feed.PushAsync(
    [
        new Push(Audience.Visitors(mark.ConversationId), nameof(IVisitorClient.ReadUpTo), mark),
        new Push(Audience.Agents(mark.ConversationId), nameof(IAgentClient.ReadUpTo), mark),
    ]);

    /// <summary>A close of a conversation not yet rated is stored: its visitor is asked for a rating (not before, or the answer could still say "open").</summary>
    public Task RatingAskedAsync(Guid conversationId) =>
        feed.PushAsync(new Push(Audience.Visitors(conversationId), nameof(IVisitorClient.RatingAsked), new RatingState(Asked: true, Rating: null)));

    /// <summary>The visitor opened a page: the agents following the conversation see it in the visitor's details.</summary>
    public Task PageViewedAsync(PageVisit visit) =>
        feed.PushAsync(new Push(Audience.Agents(visit.ConversationId), nameof(IAgentClient.VisitorPageViewed), visit));

    /// <summary>A private note: the agents following the conversation, never the visitor.</summary>
    public Task NoteAddedAsync(ConversationNote note) =>
        feed.PushAsync(new Push(Audience.Agents(note.ConversationId), nameof(IAgentClient.NoteAdded), note));

    private void InboxLine(ConversationSummary line, Audience to)
    {
        lock (gate)
        {
            if (pending.TryGetValue(line.Id, out var earlier) && earlier.To != to)
            {
                // A line for everyone stays for everyone: the others must see the conversation leave their queue.
                to = Audience.AllAgents;
            }

            pending[line.Id] = (line, to);
            if (flushScheduled)
            {
                return;
            }

            flushScheduled = true;
        }

        _ = FlushLaterAsync();
    }

    private async Task FlushLaterAsync()
    {
        try
        {
            await Task.Delay(options.Value.InboxUpdateInterval);
            Dictionary<Guid, (ConversationSummary Line, Audience To)> lines;
            lock (gate)
            {
                lines = pending;
                pending = [];
                flushScheduled = false;
            }

            await feed.PushAsync([.. lines.Values.Select(l => new Push(l.To, nameof(IAgentClient.ConversationUpdated), l.Line))]);
        }
        catch (Exception e)
        {
            LogInboxNotPushed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox lines were not pushed; consoles catch up when they read the inbox")]
    private static partial void LogInboxNotPushed(ILogger logger, Exception exception);
}
