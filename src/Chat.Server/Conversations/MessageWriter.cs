using System.Diagnostics;
using System.Threading.Channels;
using Chat.Contracts;
using Chat.Server.Operations;
using Chat.Server.Pipeline;
using Mediator;
using Microsoft.Extensions.Options;

namespace Chat.Server.Conversations;

/// <summary>
/// The one place where messages are written. Sends that arrive together are stored together: while one batch is in the
/// database (<see cref="IMessageLog"/>: one round trip, one commit), the next one fills, so a commit is paid once per
/// batch and the writer never idles while work waits. Each sender is answered once its batch is committed. Then the
/// stored messages are pushed to the clients, in sequence order per conversation, and published once per batch as
/// <see cref="MessagesStored"/> for the features that follow them.
/// </summary>
public sealed partial class MessageWriter(
    IMessageLog log,
    IServiceScopeFactory scopes,
    ConversationNotifier notifier,
    ChatMetrics metrics,
    TimeProvider clock,
    IOptions<ConversationOptions> options,
    ILogger<MessageWriter> logger) : BackgroundService
{
    // Not SingleReader, though the write loop is its only reader: only the general channel counts what waits in it.
    private readonly Channel<Append> appends = Channel.CreateUnbounded<Append>();
    private readonly Channel<IReadOnlyList<StoredMessage>> stored = Channel.CreateUnbounded<IReadOnlyList<StoredMessage>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>Stores the message (or finds the one stored before under the same client id) and answers once it is committed.</summary>
    public async Task<SendResult> AppendAsync(MessageAppend message, CancellationToken cancellationToken)
    {
        var append = new Append(message, new TaskCompletionSource<SendResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!appends.Writer.TryWrite(append))
        {
            throw new ChatException(ErrorCodes.Internal, "The server is shutting down; please retry.");
        }

        return await append.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Sends accepted and not yet in a batch.</summary>
    public int Waiting => appends.Reader.Count;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.WatchSendsWaiting(() => Waiting);
        return Task.WhenAll(WriteLoopAsync(), NotifyLoopAsync());
    }

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
    /// Stores a batch (a retried client id is the log's to answer, on either database); when the database fails, every
    /// sender of the batch is told to retry with the same client id, as clients do.
    /// </summary>
    private async Task WriteAsync(List<Append> batch)
    {
        var messages = batch.ConvertAll(a => a.Message);
        IReadOnlyList<AppendOutcome> outcomes;
        using var span = ChatMetrics.Traces.StartActivity("chat.write_batch");
        span?.SetTag("chat.batch.size", batch.Count);
        var started = Stopwatch.GetTimestamp();
        try
        {
            outcomes = await log.AppendAsync(messages, clock.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error);
            metrics.BatchFailed();
            LogBatchFailed(logger, e, batch.Count);
            foreach (var append in batch)
            {
                append.Done.TrySetException(new ChatException(ErrorCodes.Internal, "The message could not be stored; please retry with the same client id."));
            }

            return;
        }

        var fresh = new List<StoredMessage>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var (message, conversation, duplicate, newlyAssigned) = outcomes[i];
            if (message is not null && !duplicate)
            {
                fresh.Add(new StoredMessage(message, conversation!, newlyAssigned, batch[i].Message.FromConnection));
            }
        }

        // The inbox lines are queued before any sender hears back, so a change the sender makes next (a close after its
        // notice) queues its line after this batch's and is the one the consoles keep.
        notifier.InboxLinesStored(fresh);
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Message is { } message)
            {
                batch[i].Done.TrySetResult(new SendResult(message, outcomes[i].Duplicate));
            }
            else
            {
                batch[i].Done.TrySetException(new ChatException(ErrorCodes.ConversationNotFound, "No such conversation."));
            }
        }

        metrics.BatchWritten(batch.Count, fresh.Count, Stopwatch.GetElapsedTime(started));
        stored.Writer.TryWrite(fresh);
    }

    private async Task NotifyLoopAsync()
    {
        await foreach (var batch in stored.Reader.ReadAllAsync())
        {
            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await notifier.MessagesStoredAsync(batch);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(new MessagesStored(batch));
            }
            catch (Exception e)
            {
                // Live delivery is best effort: clients resume from their last sequence number.
                metrics.PushesDropped(batch.Count);
                LogNotifyFailed(logger, e, batch.Count);
            }
        }
    }

    private sealed record Append(MessageAppend Message, TaskCompletionSource<SendResult> Done);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing a batch of {Count} messages failed; the senders were told to retry")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing {Count} stored messages to the clients failed; they will get them on resume")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, int count);
}

/// <summary>
/// A message as stored, with its conversation right after its batch; <see cref="NewlyAssigned"/> when that batch took the
/// conversation; <see cref="FromConnection"/> the connection that sent it, if it has the message in its answer.
/// </summary>
public sealed record StoredMessage(ChatMessage Message, ConversationSummary Conversation, bool NewlyAssigned, string? FromConnection = null);

/// <summary>Messages stored together, published after they were pushed live.</summary>
public sealed record MessagesStored(IReadOnlyList<StoredMessage> Messages) : INotification;
