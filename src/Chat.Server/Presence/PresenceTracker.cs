using System.Collections.Concurrent;
using Chat.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Chat.Server.Presence;

/// <summary>
/// This node's connections: it adds them to the shared presence on connect, removes them on a clean close
/// and renews them while they live. Renewal and removal take turns, so a closed connection is never renewed back.
/// Changes are written as a group: whoever takes the turn writes every change queued until then in one go, so a
/// thousand widgets connecting at once (a node died and its visitors came here) cost a few round trips, not a thousand.
/// </summary>
public sealed partial class PresenceTracker(IPresence presence, TimeProvider clock, IOptions<PresenceOptions> options, ILogger<PresenceTracker> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, PresenceEntry> local = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentQueue<(PresenceEntry Entry, bool Connected)> changes = new();

    /// <summary>Set whenever presence changed on this node, so the watcher pushes it at once.</summary>
    public Wakeup Changed { get; } = new();

    /// <summary>This node's live connections of <paramref name="kind"/>.</summary>
    public IReadOnlyList<PresenceEntry> Local(PresenceKind kind) => [.. local.Values.Where(e => e.Kind == kind)];

    public async Task ConnectedAsync(PresenceEntry entry)
    {
        local[entry.ConnectionId] = entry;
        changes.Enqueue((entry, true));
        await WriteChangesAsync();
    }

    public async Task DisconnectedAsync(string connectionId)
    {
        if (local.TryRemove(connectionId, out var entry))
        {
            changes.Enqueue((entry, false));
            await WriteChangesAsync();
        }
    }

    /// <summary>Moves the expiry of every live connection of this node forward; throws when the store is unreachable.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await presence.RenewAsync([.. local.Values], clock.GetUtcNow() + options.Value.EntryLifetime, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    /// <summary>
    /// Writes the changes queued so far, this caller's among them (or returns at once when an earlier turn wrote them):
    /// connections still open are added, closed ones removed.
    /// </summary>
    private async Task WriteChangesAsync()
    {
        var added = new List<PresenceEntry>();
        var removed = new List<PresenceEntry>();
        await gate.WaitAsync();
        try
        {
            while (changes.TryDequeue(out var change))
            {
                if (!change.Connected)
                {
                    removed.Add(change.Entry);
                }
                else if (local.ContainsKey(change.Entry.ConnectionId))
                {
                    added.Add(change.Entry);
                }
            }

            if (added.Count == 0 && removed.Count == 0)
            {
                return;
            }

            if (added.Count > 0)
            {
                await presence.RenewAsync(added, clock.GetUtcNow() + options.Value.EntryLifetime, CancellationToken.None);
            }

            await Task.WhenAll(removed.Select(entry => presence.RemoveAsync(entry, CancellationToken.None)));
        }
        catch (RedisException e)
        {
            // Redis is down (logged once by RedisConnectivity); the next renewal after it returns puts the entry back.
            LogDeferred(logger, e.GetType().Name);
        }
        finally
        {
            gate.Release();
        }

        if (added.Count > 0 || removed.Count > 0)
        {
            Changed.Set();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Presence change deferred until Redis answers ({Reason})")]
    private static partial void LogDeferred(ILogger logger, string reason);
}
