using System.Diagnostics;
using Chat.Contracts;
using Chat.Server.Agents;
using Chat.Server.Hosting;
using Chat.Server.Visitors;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Chat.Server.Presence;

/// <summary>
/// Each node's presence loop: renews this node's connections, reads the shared presence and pushes what
/// changed since its last look to its own clients — so every console and widget hears each change once,
/// whichever node caused it, and a dead node's agents disappear when their entries expire.
/// </summary>
public sealed partial class PresenceWatcher(
    PresenceTracker tracker,
    PresenceBoard board,
    IHubContext<AgentHub, IAgentClient> agents,
    IHubContext<VisitorHub, IVisitorClient> visitors,
    IOptions<PresenceOptions> options,
    TimeProvider clock,
    ILogger<PresenceWatcher> logger) : BackgroundService
{
    private const int RestPerLook = 4;

    private PresenceView? last;
    private DateTimeOffset renewedAt = DateTimeOffset.MinValue;

    /// <summary>The view of the last look, or null before the first.</summary>
    public PresenceView? Latest => Volatile.Read(ref last);

    /// <summary>Set when the availability of someone changed, for the queue to deliver at once.</summary>
    public Wakeup AvailabilityChanged { get; } = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = tracker.Changed.Next;
            var started = Stopwatch.GetTimestamp();
            if (!await BackgroundTurns.TryAsync("presence", logger, () => LookAsync(stoppingToken), stoppingToken))
            {
                renewedAt = DateTimeOffset.MinValue;
            }

            var spent = Stopwatch.GetElapsedTime(started);
            await Wakeup.WaitAsync(woken, options.Value.CheckInterval, clock, stoppingToken);
            if (woken.IsCompleted)
            {
                // A look reads every live connection of the cluster. While changes keep waking it (thousands of widgets
                // reconnecting after a node died), it rests a few times as long as its last look took before the next, so
                // the looks take a fifth of a core rather than all of one and the changes of the rest are pushed together;
                // never longer than the check interval, so that a slow look cannot hold back the renewal of this node's
                // connections.
                var rest = TimeSpan.FromTicks(Math.Min(spent.Ticks * RestPerLook, options.Value.CheckInterval.Ticks));
                await Task.Delay(rest, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>One look: renews this node's connections when it is time, reads the shared presence and pushes what changed.</summary>
    private async Task LookAsync(CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - renewedAt >= options.Value.RenewInterval)
        {
            await tracker.RenewAsync(cancellationToken);
            renewedAt = clock.GetUtcNow();
        }

        var view = await board.ReadAsync(cancellationToken);
        var previous = Latest;
        Volatile.Write(ref last, view);
        if (previous is not null)
        {
            await PushChangesAsync(previous, view);
        }
    }

    private async Task PushChangesAsync(PresenceView before, PresenceView now)
    {
        var agentChanges = Changes(before.Snapshot.Agents, now.Snapshot.Agents, a => a.Login, a => a with { Connected = false, Available = false });
        var visitorChanges = ReferenceEquals(before.Snapshot.Visitors, now.Snapshot.Visitors)
            ? []
            : Changes(before.Snapshot.Visitors, now.Snapshot.Visitors, v => v.ConversationId, v => v with { Online = false });
        if (agentChanges.Any(a => a.Available != before.IsAvailable(a.Login)))
        {
            AvailabilityChanged.Set();
        }

        if (agentChanges.Count + visitorChanges.Count > 0)
        {
            foreach (var console in tracker.Local(PresenceKind.Agent))
            {
                var client = agents.Clients.Client(console.ConnectionId);
                foreach (var agent in agentChanges)
                {
                    await client.PresenceChanged(agent);
                }

                foreach (var visitor in visitorChanges)
                {
                    await client.VisitorPresenceChanged(visitor);
                }
            }
        }

        if (before.ChatOnline != now.ChatOnline)
        {
            LogChatOnline(logger, now.ChatOnline);
            foreach (var widget in tracker.Local(PresenceKind.Visitor))
            {
                await visitors.Clients.Client(widget.ConnectionId).AvailabilityChanged(now.ChatOnline);
            }
        }
    }

    /// <summary>What is new or different in <paramref name="now"/>, and what left it (as <paramref name="gone"/> makes it).</summary>
    private static List<T> Changes<T, TKey>(IReadOnlyList<T> before, IReadOnlyList<T> now, Func<T, TKey> key, Func<T, T> gone)
        where TKey : notnull
    {
        var old = before.ToDictionary(key);
        var current = now.Select(key).ToHashSet();
        var changes = now.Where(item => !old.TryGetValue(key(item), out var was) || !Equals(was, item)).ToList();
        changes.AddRange(before.Where(item => !current.Contains(key(item))).Select(gone));
        return changes;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The chat is now {Online} (true: someone can answer live)")]
    private static partial void LogChatOnline(ILogger logger, bool online);
}
