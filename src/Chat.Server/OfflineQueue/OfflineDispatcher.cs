using Chat.Contracts;
using Chat.Server.Agents;
using Chat.Server.Hosting;
using Chat.Server.Presence;
using Chat.Server.Realtime;
using Chat.Server.Storage;
using Chat.Server.Webhooks;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.OfflineQueue;

/// <summary>
/// Each node's queue loop. It puts every item that is not acknowledged back on the queue from the database
/// (at start-up, periodically and when Redis returns), raises overdue personal items to the person's
/// department pool, and delivers to the available agents connected to this node: their own items and their
/// pool's, again after <see cref="OfflineQueueOptions.RedeliverAfter"/> while the console does not acknowledge.
/// </summary>
public sealed partial class OfflineDispatcher(
    IServiceScopeFactory scopes,
    IOfflineQueue queue,
    PresenceTracker tracker,
    PresenceWatcher presence,
    OfflineDeliverySignal signal,
    LiveFeed feed,
    WebhookOutbox outbox,
    IOptions<OfflineQueueOptions> options,
    TimeProvider clock,
    ILogger<OfflineDispatcher> logger,
    RedisConnectivity? connectivity = null) : BackgroundService
{
    private int rebuildRequested = 1;
    private DateTimeOffset rebuiltAt = DateTimeOffset.MinValue;
    private DateTimeOffset escalatedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        connectivity?.Restored += RequestRebuild;
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = Task.WhenAny(signal.Wake.Next, presence.AvailabilityChanged.Next);
            if (!await BackgroundTurns.TryAsync("offline-queue", logger, () => TurnAsync(stoppingToken), stoppingToken))
            {
                // Rebuild on the next turn that works: what this one took may not have reached Redis.
                Interlocked.Exchange(ref rebuildRequested, 1);
            }

            await Wakeup.WaitAsync(woken, options.Value.DeliveryInterval, clock, stoppingToken);
        }
    }

    public override void Dispose()
    {
        connectivity?.Restored -= RequestRebuild;
        base.Dispose();
    }

    private void RequestRebuild()
    {
        Interlocked.Exchange(ref rebuildRequested, 1);
        signal.Wake.Set();
    }

    /// <summary>One turn: the rebuild when asked for or due, the escalation when due, then the deliveries.</summary>
    private async Task TurnAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (Interlocked.Exchange(ref rebuildRequested, 0) == 1 || now - rebuiltAt >= options.Value.RebuildInterval)
        {
            rebuiltAt = now;
            await RebuildAsync(cancellationToken);
        }

        if (now - escalatedAt >= options.Value.EscalationInterval)
        {
            escalatedAt = now;
            await EscalateAsync(now, cancellationToken);
        }

        await DeliverAsync(cancellationToken);
    }

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var open = await db.Set<OfflineItem>().AsNoTracking()
            .Where(i => i.State != QueuedItemState.Acknowledged)
            .Select(i => new { i.Id, i.TargetKind, i.Target })
            .ToListAsync(cancellationToken);
        foreach (var item in open)
        {
            await queue.EnqueueAsync(item.Id, QueueTargets.Of(item.TargetKind, item.Target), cancellationToken);
        }

        LogRebuilt(logger, open.Count);
    }

    private async Task EscalateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var overdue = await db.Set<OfflineItem>().AsNoTracking()
            .Where(i => i.TargetKind == QueueTargetKind.Staff && i.AnsweredAt == null && i.NoticeSentAt == null && i.EscalatedAt == null && i.DueAt < now)
            .OrderBy(i => i.DueAt)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var item in overdue)
        {
            var department = await db.Staff.Where(s => s.Login == item.Target).Select(s => s.Department).SingleOrDefaultAsync(cancellationToken);
            if (department is null)
            {
                continue;
            }

            // The escalation and its webhook event are one transaction.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var raised = await db.Set<OfflineItem>()
                .Where(i => i.Id == item.Id && i.EscalatedAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.TargetKind, QueueTargetKind.Pool)
                    .SetProperty(i => i.Target, department)
                    .SetProperty(i => i.State, QueuedItemState.Queued)
                    .SetProperty(i => i.EscalatedAt, now), cancellationToken);
            if (raised == 1)
            {
                outbox.Record(db, WebhookEvents.OfflineRequestOverdue, item.ConversationId,
                    new { itemId = item.Id, dueAt = item.DueAt, wasFor = item.Target, escalatedTo = department });
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            if (raised == 1)
            {
                await queue.RemoveAsync(item.Id, cancellationToken);
                await queue.EnqueueAsync(item.Id, QueueTargets.Of(QueueTargetKind.Pool, department), cancellationToken);
                LogEscalated(logger, item.Id, item.Target, department, item.ConversationId, item.DueAt);
            }
        }
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        if (presence.Latest is not { } view)
        {
            return;
        }

        var here = tracker.Local(PresenceKind.Agent).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var agent in view.Snapshot.Agents.Where(a => a.Available && here.Contains(a.Login)))
        {
            await DeliverAsync(agent.Login, QueueTargets.Of(QueueTargetKind.Staff, agent.Login), cancellationToken);
            await DeliverAsync(agent.Login, QueueTargets.Of(QueueTargetKind.Pool, agent.Department), cancellationToken);
        }
    }

    private async Task DeliverAsync(string login, string target, CancellationToken cancellationToken)
    {
        var ids = await queue.TakeAsync(target, login, options.Value.BatchSize, options.Value.RedeliverAfter, cancellationToken);
        if (ids.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var items = await db.Set<OfflineItem>().Where(i => ids.Contains(i.Id)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var delivering = new List<OfflineItem>();
        foreach (var item in items.OrderBy(i => i.DueAt))
        {
            if (item.State == QueuedItemState.Acknowledged)
            {
                await queue.RemoveAsync(item.Id, cancellationToken);
            }
            else if (item.QueueTarget == target)
            {
                item.State = QueuedItemState.Delivered;
                item.DeliveredTo = login;
                item.DeliveredAt = now;
                item.Attempts++;
                delivering.Add(item);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await feed.PushAsync([.. delivering.Select(item => new Push(Audience.Staff(login), nameof(IAgentClient.QueuedItemDelivered), item.ToContract()))]);
        foreach (var item in delivering)
        {
            LogDelivered(logger, item.Id, login, item.Attempts, item.ConversationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue rebuilt from the database: {Count} items not acknowledged")]
    private static partial void LogRebuilt(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued item {ItemId} delivered to {Login} (attempt {Attempt}) in conversation {ConversationId}")]
    private static partial void LogDelivered(ILogger logger, Guid itemId, string login, int attempt, Guid? conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queued item {ItemId} of {Login} is overdue (due {DueAt:o}); raised to the {Department} pool in conversation {ConversationId}")]
    private static partial void LogEscalated(ILogger logger, Guid itemId, string login, string department, Guid? conversationId, DateTimeOffset dueAt);
}
