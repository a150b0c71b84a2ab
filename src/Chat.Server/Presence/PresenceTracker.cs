using System.Collections.Concurrent;
using Chat.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Chat.Server.Presence;

/// <summary>
/// This node's connections: it adds them to the shared presence on connect, removes them on a clean close
/// and renews them while they live. Renewal and removal take turns, so a closed connection is never renewed back.
/// </summary>
public sealed partial class PresenceTracker(IPresence presence, TimeProvider clock, IOptions<PresenceOptions> options, ILogger<PresenceTracker> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, PresenceEntry> local = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Set whenever presence changed on this node, so the watcher pushes it at once.</summary>
    public Wakeup Changed { get; } = new();

    /// <summary>This node's live connections of <paramref name="kind"/>.</summary>
    public IReadOnlyList<PresenceEntry> Local(PresenceKind kind) => [.. local.Values.Where(e => e.Kind == kind)];

    public async Task ConnectedAsync(PresenceEntry entry)
    {
        local[entry.ConnectionId] = entry;
        await TakingTurnsAsync(() => presence.RenewAsync([entry], clock.GetUtcNow() + options.Value.EntryLifetime, CancellationToken.None));
        Changed.Set();
    }

    public async Task DisconnectedAsync(string connectionId)
    {
        if (local.TryRemove(connectionId, out var entry))
        {
            await TakingTurnsAsync(() => presence.RemoveAsync(entry, CancellationToken.None));
            Changed.Set();
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

    private async Task TakingTurnsAsync(Func<Task> change)
    {
        await gate.WaitAsync();
        try
        {
            await change();
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
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Presence change deferred until Redis answers ({Reason})")]
    private static partial void LogDeferred(ILogger logger, string reason);
}
