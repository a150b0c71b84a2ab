using System.Threading.Channels;
using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Policy;
using Chat.Server.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Conversations;

/// <summary>
/// The one place where messages are written. Sends that arrive together are stored together: one
/// transaction locks the conversations they touch, gives each message the next sequence number of
/// its conversation, inserts them all and commits; only then is each sender answered. After the
/// commit the stored messages are pushed to the clients, in sequence order per conversation, and
/// then published once per batch as <see cref="MessagesStored"/> for the features that follow them.
/// </summary>
public sealed partial class MessageWriter(
    IServiceScopeFactory scopes,
    ConversationNotifier notifier,
    ITopicCatalogue policy,
    TimeProvider clock,
    IOptions<ConversationOptions> options,
    ILogger<MessageWriter> logger) : BackgroundService
{
    private const int PreviewLength = 200;

    private readonly Channel<Append> appends = Channel.CreateUnbounded<Append>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<IReadOnlyList<StoredMessage>> stored = Channel.CreateUnbounded<IReadOnlyList<StoredMessage>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>
    /// Stores the message (or finds the one stored before under the same client id) and answers once it is committed.
    /// <paramref name="queuedByCaller"/>: the caller puts the message on the offline queue itself (the offline form),
    /// so the features that follow stored messages leave it alone.
    /// </summary>
    public async Task<SendResult> AppendAsync(
        Guid conversationId,
        Caller sender,
        Guid clientMessageId,
        string text,
        CancellationToken cancellationToken,
        IReadOnlyList<AttachmentRef>? attachments = null,
        bool queuedByCaller = false)
    {
        var append = new Append(conversationId, sender, clientMessageId, text, attachments, queuedByCaller, new TaskCompletionSource<SendResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!appends.Writer.TryWrite(append))
        {
            throw new ChatException(ErrorCodes.Internal, "The server is shutting down; please retry.");
        }

        return await append.Done.Task.WaitAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(WriteLoopAsync(), NotifyLoopAsync());

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Let what was accepted drain: the loops end once both channels are empty.
        appends.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Append>();
        while (await appends.Reader.WaitToReadAsync())
        {
            while (batch.Count < options.Value.WriteBatchSize && appends.Reader.TryRead(out var append))
            {
                batch.Add(append);
            }

            await WriteAsync(batch);
            batch.Clear();
        }

        stored.Writer.TryComplete();
    }

    /// <summary>
    /// Stores a batch on the optimistic path, without looking for earlier copies first: a client id stored before (a
    /// retry, or the same send racing in on another node) breaks the unique index, and then each send of the batch is
    /// stored on its own, looking for its earlier copy first.
    /// </summary>
    private async Task WriteAsync(List<Append> batch, bool lookForRetries = false)
    {
        try
        {
            stored.Writer.TryWrite(await WriteBatchAsync(batch, lookForRetries));
        }
        catch (DbUpdateException) when (!lookForRetries)
        {
            foreach (var append in batch)
            {
                await WriteAsync([append], lookForRetries: true);
            }
        }
        catch (Exception e)
        {
            LogBatchFailed(logger, e, batch.Count);
            foreach (var append in batch)
            {
                append.Done.TrySetException(new ChatException(ErrorCodes.Internal, "The message could not be stored; please retry with the same client id."));
            }
        }
    }

    private async Task<IReadOnlyList<StoredMessage>> WriteBatchAsync(List<Append> batch, bool lookForRetries)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var now = clock.GetUtcNow();
        var clientIds = batch.Select(a => a.ClientMessageId).Distinct().ToArray();
        var known = lookForRetries
            ? (await db.Messages.AsNoTracking().Where(m => clientIds.Contains(m.ClientMessageId)).ToListAsync()).ToDictionary(m => (m.ConversationId, m.ClientMessageId))
            : [];

        // One transaction of our own: EF's savepoint around SaveChanges would only add two round trips.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var conversationIds = batch.Select(a => a.ConversationId).Distinct().Order().ToArray();
        var conversations = (await db.LockConversationsAsync(conversationIds, CancellationToken.None)).ToDictionary(c => c.Id);
        var outcomes = new List<(Append Append, Message? Message, bool Duplicate, bool Assigned)>(batch.Count);
        foreach (var append in batch)
        {
            if (known.TryGetValue((append.ConversationId, append.ClientMessageId), out var earlier))
            {
                outcomes.Add((append, earlier, true, false));
                continue;
            }

            if (!conversations.TryGetValue(append.ConversationId, out var conversation))
            {
                outcomes.Add((append, null, false, false));
                continue;
            }

            conversation.LastSequence++;
            conversation.UpdatedAt = now;
            conversation.Status = ConversationStatus.Open;
            var preview = append.Text.Length == 0 && append.Attachments is { Count: > 0 } ? append.Attachments[0].FileName : append.Text;
            conversation.LastText = preview.Length > PreviewLength ? preview[..PreviewLength] : preview;
            if (append.Sender.Kind == SenderKind.Visitor && policy.RecogniseTopic(append.Text, conversation.Language) is { } topic)
            {
                conversation.Topic = topic.Key;
            }

            var assigned = append.Sender.Kind == SenderKind.Agent && conversation.AssignedTo is null;
            if (assigned)
            {
                conversation.AssignedTo = append.Sender.Id;
            }

            var message = new Message
            {
                Id = Guid.CreateVersion7(now),
                ConversationId = append.ConversationId,
                Sequence = conversation.LastSequence,
                ClientMessageId = append.ClientMessageId,
                Sender = append.Sender.Kind,
                SenderId = append.Sender.Id,
                SenderName = append.Sender.Name,
                Text = append.Text,
                SentAt = now,
                Attachments = append.Attachments is { Count: > 0 } ? [.. append.Attachments] : null,
            };
            db.Messages.Add(message);
            known[(append.ConversationId, append.ClientMessageId)] = message;
            outcomes.Add((append, message, false, assigned));
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        var fresh = new List<StoredMessage>();
        foreach (var (append, message, duplicate, assigned) in outcomes)
        {
            if (message is null)
            {
                append.Done.TrySetException(new ChatException(ErrorCodes.ConversationNotFound, "No such conversation."));
                continue;
            }

            append.Done.TrySetResult(new SendResult(message.ToContract(), duplicate));
            if (!duplicate)
            {
                fresh.Add(new StoredMessage(message.ToContract(), conversations[message.ConversationId].ToSummary(), assigned, append.QueuedByCaller));
            }
        }

        return fresh;
    }

    private async Task NotifyLoopAsync()
    {
        await foreach (var batch in stored.Reader.ReadAllAsync())
        {
            try
            {
                await Task.WhenAll(batch.GroupBy(s => s.Message.ConversationId).Select(async conversation =>
                {
                    foreach (var item in conversation)
                    {
                        await notifier.MessageStoredAsync(item.Message, item.Conversation, item.NewlyAssigned);
                    }
                }));
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(new MessagesStored(batch));
            }
            catch (Exception e)
            {
                // Live delivery is best effort: clients resume from their last sequence number.
                LogNotifyFailed(logger, e, batch.Count);
            }
        }
    }

    private sealed record Append(
        Guid ConversationId,
        Caller Sender,
        Guid ClientMessageId,
        string Text,
        IReadOnlyList<AttachmentRef>? Attachments,
        bool QueuedByCaller,
        TaskCompletionSource<SendResult> Done);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing a batch of {Count} messages failed; the senders were told to retry")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing {Count} stored messages to the clients failed; they will get them on resume")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, int count);
}

/// <summary>
/// A message as stored, with its conversation right after it; <see cref="NewlyAssigned"/> when this message took the
/// conversation; <see cref="QueuedByCaller"/> when the feature that stored it also queued it.
/// </summary>
public sealed record StoredMessage(ChatMessage Message, ConversationSummary Conversation, bool NewlyAssigned, bool QueuedByCaller);

/// <summary>Messages stored together, published after they were pushed live.</summary>
public sealed record MessagesStored(IReadOnlyList<StoredMessage> Messages) : INotification;
