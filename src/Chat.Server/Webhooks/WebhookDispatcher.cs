using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Chat.Contracts;
using Chat.Server.Hosting;
using Chat.Server.Realtime;
using Chat.Server.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Webhooks;

/// <summary>
/// Delivers the outbox to the subscriptions, on the one node that holds the <see cref="ClusterLease"/> named <see cref="LeaseName"/>. Per subscription
/// and turn it reads the next events in the outbox's order, delivers the conversations among them side by side, each
/// conversation's events one after another (a failing one holds back the rest of its conversation), records every
/// delivery and moves the subscription's cursor past what is delivered. A failed turn waits, longer each time, and after
/// <see cref="WebhookOptions.PauseAfterFailedTurns"/> the subscription is paused; resuming it delivers what waited. A node
/// that dies mid-turn leaves its cursor behind: the next holder sends those events again, with the same ids.
/// </summary>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes,
    WebhookOutbox outbox,
    [FromKeyedServices(WebhookDispatcher.LeaseName)] ClusterLease lease,
    WebhookSender sender,
    LiveFeed feed,
    IDataProtectionProvider protection,
    TimeProvider clock,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string SecretPurpose = "Chat.Webhooks.Secret";

    /// <summary>The name of the lease that makes one node the deliverer.</summary>
    public const string LeaseName = "webhook";

    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The retry schedule (<see cref="WebhookSubscription.RetryAt"/>, the polls) runs on real time, so a stopped or test
    /// clock never stalls deliveries; what an administrator reads (attempt and pause times) is on the server's clock.
    /// </summary>
    private static readonly TimeProvider Schedule = TimeProvider.System;

    private readonly IDataProtector secrets = protection.CreateProtector(SecretPurpose);
    private DateTimeOffset cleanedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            await BackgroundTurns.TryAsync("webhooks", logger, async () => more = await RoundAsync(stoppingToken), stoppingToken);
            if (!more)
            {
                await Task.Delay(options.Value.PollInterval, Schedule, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One round: a turn of every active subscription that is due, and the clean-up when due; true when more may wait.</summary>
    private async Task<bool> RoundAsync(CancellationToken cancellationToken)
    {
        var more = false;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var subscriptions = await db.Set<WebhookSubscription>().AsNoTracking().ToListAsync(cancellationToken);
        outbox.Follow(subscriptions.SelectMany(s => s.EventList));
        if (subscriptions.Count > 0 && await lease.HoldAsync(cancellationToken))
        {
            var now = Schedule.GetUtcNow();
            var horizon = await HorizonAsync(db, cancellationToken);
            foreach (var id in subscriptions.Where(s => s.Status == WebhookSubscription.Active && (s.RetryAt is null || s.RetryAt <= now)).Select(s => s.Id))
            {
                // Each subscription's turn reads it after the horizon, in a context of its own: a change committed before the
                // turn's events (paused, deleted, its secret lost) is seen, and one subscription's failure leaves the others'
                // cursors to be saved.
                await using var turn = scopes.CreateAsyncScope();
                var turnDb = turn.ServiceProvider.GetRequiredService<ChatDbContext>();
                if (await turnDb.Set<WebhookSubscription>().SingleOrDefaultAsync(s => s.Id == id && s.Status == WebhookSubscription.Active, cancellationToken) is { } subscription)
                {
                    more |= await TurnOrFailAsync(turnDb, subscription, horizon, cancellationToken);
                }
            }
        }

        if (clock.GetUtcNow() - cleanedAt >= CleanupInterval)
        {
            cleanedAt = clock.GetUtcNow();
            var before = cleanedAt - options.Value.Retention;
            await db.Set<WebhookEventRecord>().Where(e => e.OccurredAt < before).ExecuteDeleteAsync(cancellationToken);
        }

        return more;
    }

    /// <summary>
    /// A turn that cannot even start — a secret that no longer unprotects, a stored URL or event that no longer reads —
    /// counts as a failed turn of that subscription only (in the end pausing it, with the administrators told); the others
    /// go on.
    /// </summary>
    private async Task<bool> TurnOrFailAsync(ChatDbContext db, WebhookSubscription subscription, long horizon, CancellationToken cancellationToken)
    {
        try
        {
            return await TurnAsync(db, subscription, horizon, cancellationToken);
        }
        catch (Exception e) when (e is not (OperationCanceledException or DbException or DbUpdateException))
        {
            LogSubscriptionFailed(logger, e, subscription.Id);
            db.ChangeTracker.Clear();
            db.Attach(subscription);
            var paused = Failed(subscription, "The subscription could not be read; make it again.");
            await db.SaveChangesAsync(cancellationToken);
            if (paused)
            {
                await feed.PushAsync(new Push(Audience.Administrators, nameof(IAgentClient.WebhookPaused), subscription.ToContract()));
            }

            return false;
        }
    }

    /// <summary>
    /// One turn of one subscription over the events below <paramref name="horizon"/>; true when it delivered a full turn's
    /// worth and more may wait.
    /// </summary>
    private async Task<bool> TurnAsync(ChatDbContext db, WebhookSubscription subscription, long horizon, CancellationToken cancellationToken)
    {
        var (cursorTransaction, cursor) = (subscription.CursorTransaction, subscription.Cursor);
        var events = await db.Set<WebhookEventRecord>().AsNoTracking()
            .Where(e => e.TransactionId < horizon && (e.TransactionId > cursorTransaction || (e.TransactionId == cursorTransaction && e.Position > cursor)))
            .OrderBy(e => e.TransactionId).ThenBy(e => e.Position)
            .Take(options.Value.EventsPerTurn)
            .ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return false;
        }

        var wanted = subscription.EventList.ToHashSet(StringComparer.Ordinal);
        var relevant = events.Where(e => wanted.Contains(e.Type)).ToList();
        var positions = relevant.ConvertAll(e => e.Position);
        var earlier = await db.Set<WebhookDelivery>().Where(d => d.SubscriptionId == subscription.Id && positions.Contains(d.EventPosition))
            .ToDictionaryAsync(d => d.EventPosition, cancellationToken);
        var pending = relevant.Where(e => !(earlier.TryGetValue(e.Position, out var d) && d.Status == WebhookDelivery.Delivered)).ToList();
        var bodies = await BodiesAsync(db, pending, cancellationToken);
        var secret = secrets.Unprotect(subscription.ProtectedSecret);
        var url = new Uri(subscription.Url);
        var results = new ConcurrentDictionary<long, DeliveryResult>();
        var failing = false;
        await Parallel.ForEachAsync(
            pending.GroupBy(e => e.ConversationId).Select(InConversationOrder),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
            async (conversation, token) =>
            {
                // After the first failure nothing new starts: a receiver that is down would otherwise cost every
                // conversation of the turn its full retries before the turn ends.
                foreach (var e in conversation.TakeWhile(_ => !Volatile.Read(ref failing)))
                {
                    var result = await sender.SendAsync(url, secret, e.Id, bodies[e.Position], token);
                    results[e.Position] = result;
                    if (!result.Delivered)
                    {
                        Volatile.Write(ref failing, true);
                        LogDeliveryFailed(logger, subscription.Id, e.Id, e.Type, e.ConversationId, result.Attempts, result.Error);
                        break;
                    }
                }
            });

        var now = clock.GetUtcNow();
        foreach (var (position, result) in results)
        {
            if (!earlier.TryGetValue(position, out var delivery))
            {
                delivery = new WebhookDelivery { SubscriptionId = subscription.Id, EventPosition = position, Status = WebhookDelivery.Failing };
                db.Add(delivery);
            }

            Record(delivery, result, now);
        }

        var blocked = events.FindIndex(e => wanted.Contains(e.Type)
            && !(earlier.TryGetValue(e.Position, out var d) && d.Status == WebhookDelivery.Delivered)
            && !(results.TryGetValue(e.Position, out var r) && r.Delivered));
        var last = blocked < 0 ? events[^1] : blocked > 0 ? events[blocked - 1] : null;
        if (last is not null)
        {
            (subscription.CursorTransaction, subscription.Cursor) = (last.TransactionId, last.Position);
        }

        var paused = false;
        if (blocked < 0)
        {
            (subscription.ConsecutiveFailures, subscription.LastError, subscription.RetryAt) = (0, null, null);
        }
        else
        {
            paused = Failed(subscription, results.Values.FirstOrDefault(r => !r.Delivered).Error ?? "A delivery failed.");
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Deleted by an administrator during the turn.
            db.ChangeTracker.Clear();
            return false;
        }

        if (paused)
        {
            await feed.PushAsync(new Push(Audience.Administrators, nameof(IAgentClient.WebhookPaused), subscription.ToContract()));
        }

        return blocked < 0 && events.Count == options.Value.EventsPerTurn;
    }

    /// <summary>Counts a failed turn and schedules the next; true when it paused the subscription.</summary>
    private bool Failed(WebhookSubscription subscription, string error)
    {
        var settings = options.Value;
        subscription.ConsecutiveFailures++;
        subscription.LastError = error;
        var wait = settings.TurnDelay * Math.Pow(2, Math.Min(subscription.ConsecutiveFailures - 1, 20));
        subscription.RetryAt = Schedule.GetUtcNow() + (wait > settings.MaxTurnDelay ? settings.MaxTurnDelay : wait);
        if (subscription.ConsecutiveFailures >= settings.PauseAfterFailedTurns)
        {
            subscription.Status = WebhookSubscription.Paused;
            subscription.PausedAt = clock.GetUtcNow();
            LogPaused(logger, subscription.Id, subscription.ConsecutiveFailures, error);
            return true;
        }

        return false;
    }

    /// <summary>Where a new subscription starts: after every event already readable, so it follows what happens from now on.</summary>
    public static async Task<(long Transaction, long Position)> StartAsync(ChatDbContext db, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql()
            ? (await HorizonAsync(db, cancellationToken) - 1, long.MaxValue)
            : (0, await db.Set<WebhookEventRecord>().MaxAsync(e => (long?)e.Position, cancellationToken) ?? 0);

    /// <summary>Sends one event to a subscription again (an administrator's redelivery) and records the attempt.</summary>
    public async Task<WebhookDelivery> RedeliverAsync(ChatDbContext db, WebhookSubscription subscription, WebhookEventRecord e, CancellationToken cancellationToken)
    {
        var bodies = await BodiesAsync(db, [e], cancellationToken);
        var result = await sender.SendAsync(new Uri(subscription.Url), secrets.Unprotect(subscription.ProtectedSecret), e.Id, bodies[e.Position], cancellationToken);
        var delivery = await RecordAsync();
        LogRedelivered(logger, subscription.Id, e.Id, e.ConversationId, result.Delivered);
        return delivery;

        // The dispatcher may record the same event's first delivery meanwhile: then this attempt is added to that record.
        async Task<WebhookDelivery> RecordAsync(bool again = false)
        {
            var delivery = await db.Set<WebhookDelivery>().SingleOrDefaultAsync(d => d.SubscriptionId == subscription.Id && d.EventPosition == e.Position, cancellationToken);
            if (delivery is null)
            {
                delivery = new WebhookDelivery { SubscriptionId = subscription.Id, EventPosition = e.Position, Status = WebhookDelivery.Failing };
                db.Add(delivery);
            }

            Record(delivery, result, clock.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return delivery;
            }
            catch (DbUpdateException) when (!again)
            {
                db.ChangeTracker.Clear();
                return await RecordAsync(again: true);
            }
        }
    }

    private static void Record(WebhookDelivery delivery, DeliveryResult result, DateTimeOffset now)
    {
        delivery.Status = result.Delivered ? WebhookDelivery.Delivered : WebhookDelivery.Failing;
        delivery.Attempts += result.Attempts;
        delivery.LastStatusCode = result.StatusCode;
        delivery.LastError = result.Error;
        delivery.LastAttemptAt = now;
    }

    /// <summary>
    /// A conversation's events in the outbox's order, except that its stored messages go in their sequence order: two
    /// batches that waited for each other's conversation locks may have started their transactions the other way round.
    /// </summary>
    private static List<WebhookEventRecord> InConversationOrder(IEnumerable<WebhookEventRecord> conversation)
    {
        var list = conversation.ToList();
        var messages = new Queue<WebhookEventRecord>(list.Where(e => e.MessageSequence is not null).OrderBy(e => e.MessageSequence));
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].MessageSequence is not null)
            {
                list[i] = messages.Dequeue();
            }
        }

        return list;
    }

    /// <summary>
    /// Events of transactions below this id may be read: every transaction before it has ended. On PostgreSQL the
    /// oldest transaction still running; on SQLite, whose writers take turns, any.
    /// </summary>
    private static async Task<long> HorizonAsync(ChatDbContext db, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql()
            ? await db.Database.SqlQueryRaw<long>("""SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS "Value" """).SingleAsync(cancellationToken)
            : long.MaxValue;

    /// <summary>Each event's body: its envelope, with a stored message read from the messages.</summary>
    private static async Task<Dictionary<long, string>> BodiesAsync(ChatDbContext db, List<WebhookEventRecord> events, CancellationToken cancellationToken)
    {
        var stored = events.Where(e => e.MessageSequence is not null).Select(e => e.Position).ToList();
        var messages = new Dictionary<(Guid, long), ChatMessage>();
        if (stored.Count > 0)
        {
            var rows = await db.Messages.AsNoTracking()
                .Where(m => db.Set<WebhookEventRecord>().Any(e => stored.Contains(e.Position) && e.ConversationId == m.ConversationId && e.MessageSequence == m.Sequence))
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                messages[(row.ConversationId, row.Sequence)] = row.ToContract();
            }
        }

        return events.ToDictionary(e => e.Position, e =>
        {
            object? data = e.MessageSequence is { } sequence
                ? messages.GetValueOrDefault((e.ConversationId!.Value, sequence))
                : e.Data is null ? null : JsonSerializer.Deserialize<JsonElement>(e.Data);
            return JsonSerializer.Serialize(new WebhookEnvelope(e.Id, e.Type, e.OccurredAt, e.ConversationId, data ?? new object()), WebhookOutbox.Json);
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {WebhookId}: its turn could not start; counted as a failed turn")]
    private static partial void LogSubscriptionFailed(ILogger logger, Exception exception, Guid webhookId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId}: event {EventId} ({EventType}) of conversation {ConversationId} not delivered after {Attempts} attempts: {Error}")]
    private static partial void LogDeliveryFailed(ILogger logger, Guid webhookId, Guid eventId, string eventType, Guid? conversationId, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId}: event {EventId} of conversation {ConversationId} redelivered by an administrator: delivered {Delivered}")]
    private static partial void LogRedelivered(ILogger logger, Guid webhookId, Guid eventId, Guid? conversationId, bool delivered);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {WebhookId} paused after {Failures} failed turns: {Error}")]
    private static partial void LogPaused(ILogger logger, Guid webhookId, int failures, string error);
}

/// <summary>What a delivery's body holds: the event's id, type, time and its data (per type, see docs/api.md).</summary>
public sealed record WebhookEnvelope(Guid Id, string Type, DateTimeOffset OccurredAt, Guid? ConversationId, object Data);
