using Chat.Contracts;
using Chat.Server.Hosting;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Chat.Server.OfflineQueue;

/// <summary>
/// What a feature asks to queue. <see cref="ArrivedAt"/> is when the request came (its message's time; now without it);
/// without <see cref="DueAt"/> the due time comes from the policy for the target and that arrival.
/// </summary>
public sealed record NewOfflineItem(
    string Kind,
    QueueTargetKind TargetKind,
    string Target,
    Guid? ConversationId,
    string Payload,
    Guid? SourceMessageId = null,
    DateTimeOffset? DueAt = null,
    DateTimeOffset? ArrivedAt = null);

/// <summary>
/// The offline queue as features use it: every item is stored first (accepted means stored), then put on the
/// queue; when the queue is unreachable the item waits in the database for the next rebuild.
/// </summary>
public sealed partial class OfflineItems(
    ChatDbContext db,
    IOfflineQueue queue,
    IDuePolicy due,
    OfflineDeliverySignal signal,
    TimeProvider clock,
    ILogger<OfflineItems> logger)
{
    /// <summary>Stores and queues an item for a staff member or a pool; a second call for the same source message returns the first item.</summary>
    public async Task<OfflineItem> EnqueueAsync(NewOfflineItem request, CancellationToken cancellationToken)
    {
        if (request.SourceMessageId is { } source && await db.Set<OfflineItem>().SingleOrDefaultAsync(i => i.SourceMessageId == source, cancellationToken) is { } existing)
        {
            return existing;
        }

        var now = request.ArrivedAt ?? clock.GetUtcNow();
        var responsible = request.TargetKind == QueueTargetKind.Staff
            ? await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Login == request.Target, cancellationToken)
            : null;
        var item = new OfflineItem
        {
            Id = Guid.CreateVersion7(now),
            Kind = request.Kind,
            TargetKind = request.TargetKind,
            Target = request.Target,
            ConversationId = request.ConversationId,
            SourceMessageId = request.SourceMessageId,
            Payload = request.Payload,
            CreatedAt = now,
            DueAt = request.DueAt ?? due.DueFor(now, responsible),
            State = QueuedItemState.Queued,
        };
        db.Set<OfflineItem>().Add(item);
        await db.SaveChangesAsync(cancellationToken);
        LogQueued(logger, item.Id, item.Kind, item.QueueTarget, item.ConversationId, item.DueAt);
        await TryQueueAsync(() => queue.EnqueueAsync(item.Id, item.QueueTarget, cancellationToken));
        signal.Wake.Set();
        return item;
    }

    /// <summary>The console confirms it shows the item; it is not delivered again.</summary>
    public async Task AcknowledgeAsync(Guid itemId, string login, CancellationToken cancellationToken)
    {
        var item = await db.Set<OfflineItem>().SingleOrDefaultAsync(i => i.Id == itemId, cancellationToken)
            ?? throw new ChatException(ErrorCodes.QueuedItemNotFound, "No queued item has this id.");
        if (item.State != QueuedItemState.Acknowledged)
        {
            item.State = QueuedItemState.Acknowledged;
            item.AcknowledgedAt = clock.GetUtcNow();
            item.DeliveredTo ??= login;
            await db.SaveChangesAsync(cancellationToken);
            LogAcknowledged(logger, item.Id, login, item.ConversationId);
        }

        await TryQueueAsync(() => queue.RemoveAsync(itemId, cancellationToken));
    }

    /// <summary>True when the conversation already has an item nobody answered.</summary>
    public Task<bool> HasOpenItemAsync(Guid conversationId, CancellationToken cancellationToken) =>
        db.Set<OfflineItem>().AnyAsync(i => i.ConversationId == conversationId && i.AnsweredAt == null, cancellationToken);

    /// <summary>A stable id made from another one, so that a retried action stores its message once.</summary>
    public static Guid DerivedId(Guid source, string purpose) => DerivedIds.Of($"{source:N}/{purpose}");

    private async Task TryQueueAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (RedisException e)
        {
            // Redis is down (logged once by RedisConnectivity): the database has the item; the rebuild queues it.
            LogQueueDeferred(logger, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued item {ItemId} ({Kind}) for {QueueTarget} in conversation {ConversationId}, due {DueAt:o}")]
    private static partial void LogQueued(ILogger logger, Guid itemId, string kind, string queueTarget, Guid? conversationId, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued item {ItemId} acknowledged by {Login} in conversation {ConversationId}")]
    private static partial void LogAcknowledged(ILogger logger, Guid itemId, string login, Guid? conversationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue change deferred to the next rebuild ({Reason})")]
    private static partial void LogQueueDeferred(ILogger logger, string reason);
}

/// <summary>Wakes every delivery loop of this node: something was queued, or someone became available.</summary>
public sealed class OfflineDeliverySignal
{
    public Wakeup Wake { get; } = new();
}
